/**
 * The default usage the cycle report prices the tool at is what the code does: the metrics the
 * incremental observation requests, the tuner's own declared metrics, what the SDK writes per invocation.
 */
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_METRICS } from '../../../../sdk/emf/telemetryContract.ts';
import { withTelemetry } from '../../../../sdk/index.ts';
import { resetExecutionEnvironment } from '../../../../sdk/lifecycle/executionEnvironment.ts';
import { tunerMetricBatches } from '../../../../tuner/aws/cycle/tunerMetrics.ts';
import {
  DEFAULT_TELEMETRY_USAGE,
  DEFAULT_TUNER_CYCLE_USAGE,
} from '../../../../tuner/core/cost/defaultToolUsage.ts';
import { FAST_FIELDS, SLOW_FIELDS } from '../../../../tuner/core/observe/observedFields.ts';
import { OBSERVATION_CADENCE } from '../../../../tuner/cycle/observationCadence.ts';
import { lambdaContext } from '../../../support/lambdaFixtures.ts';
import { SAMPLE_CYCLE_RESULT } from '../../../support/sampleCycleResult.ts';

describe('the tool’s default usage', () => {
  it('requests the metrics the incremental observation asks for, at a 5-minute schedule', () => {
    // Prepare: a target with traffic, its kept history up to date
    const everyCycle = FAST_FIELDS.length;
    const hourly = SLOW_FIELDS.length;

    // Act
    const perCycle = everyCycle + (hourly * 5) / OBSERVATION_CADENCE.slowEveryMinutes;

    // Assess
    expect(DEFAULT_TUNER_CYCLE_USAGE.metricsRequestedPerTargetPerCycle).toBeCloseTo(perCycle, 12);
    expect(perCycle).toBeLessThan(9);
  });

  it('declares the tuner’s own metrics as its EMF documents do', () => {
    // Prepare
    const result = SAMPLE_CYCLE_RESULT;

    // Act
    const [perTarget, perTuner] = tunerMetricBatches(result, {
      tuner: 'thermostat',
      timestampMs: 0,
    });
    const declared = (batch: typeof perTarget) =>
      batch?.metrics.filter((m) => m.unlisted !== true).length;

    // Assess
    expect(declared(perTarget)).toBe(DEFAULT_TUNER_CYCLE_USAGE.customMetricsPerTarget);
    expect(declared(perTuner)).toBe(DEFAULT_TUNER_CYCLE_USAGE.customMetricsPerTuner);
  });

  it('writes, per invocation, what the SDK writes at its defaults (within 10%)', async () => {
    // Prepare
    vi.stubEnv('AWS_LAMBDA_INITIALIZATION_TYPE', 'on-demand');
    resetExecutionEnvironment();
    let bytes = 0;
    const handler = withTelemetry(async (_event: unknown, _context: unknown) => 'ok', {
      writer: (line: string) => {
        bytes += Buffer.byteLength(line) + 1;
      },
    });
    const invocations = 200;

    // Act
    for (let n = 0; n < invocations; n++)
      await handler(
        {},
        lambdaContext({
          // A real request id's length: the bytes counted depend on it.
          awsRequestId: `8f2c1a4e-5b6d-4c3e-9a7b-${String(n).padStart(12, '0')}`,
          memoryLimitInMB: '1769',
        }),
      );

    // Assess
    expect(DEFAULT_TELEMETRY_USAGE.customMetricsPerFunction).toBe(DEFAULT_METRICS.length);
    const perInvocation = bytes / invocations;
    expect(
      Math.abs(perInvocation / DEFAULT_TELEMETRY_USAGE.logBytesPerInvocation - 1),
    ).toBeLessThan(0.1);
  });
});
