import { afterEach, beforeEach, vi } from 'vitest';
import { resetExecutionEnvironment } from '../../sdk/lifecycle/executionEnvironment.ts';
import { resetReportedFaults } from '../../sdk/telemetryFaults.ts';

/**
 * Registers, in the calling `describe`, a fresh on-demand execution environment per test and a
 * stderr that records instead of printing; returns the SDK's notes written so far.
 */
export function recordSdkNotes(): () => string[] {
  let stderr: { mock: { calls: unknown[][] }; mockRestore: () => void } | undefined;
  beforeEach(() => {
    vi.stubEnv('AWS_LAMBDA_INITIALIZATION_TYPE', 'on-demand');
    resetExecutionEnvironment();
    resetReportedFaults();
    stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(() => {
    stderr?.mockRestore();
    vi.unstubAllEnvs();
  });
  return () =>
    (stderr?.mock.calls ?? [])
      .map((call) => String(call[0]))
      .filter((line) => line.startsWith('lambda-thermostat:'));
}
