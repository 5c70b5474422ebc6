import { context, type TracerProvider, trace } from '@opentelemetry/api';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { inferBatch, withTelemetry } from '../../sdk/index.ts';
import { resetExecutionEnvironment } from '../../sdk/lifecycle/executionEnvironment.ts';
import { resetReportedFaults } from '../../sdk/telemetryFaults.ts';
import { capturingWriter } from '../support/emfSpecification.ts';
import { lambdaContext } from '../support/lambdaFixtures.ts';

/** A tracer provider whose every tracer refuses to start a span. */
const brokenTracing: TracerProvider = {
  getTracer: () =>
    ({
      startSpan: () => {
        throw new Error('tracer down');
      },
      startActiveSpan: () => {
        throw new Error('tracer down');
      },
    }) as unknown as ReturnType<TracerProvider['getTracer']>,
};

describe('inferBatch never breaks the function', () => {
  let stderr: { mock: { calls: unknown[][] }; mockRestore: () => void };
  beforeEach(() => {
    vi.stubEnv('AWS_LAMBDA_INITIALIZATION_TYPE', 'on-demand');
    resetExecutionEnvironment();
    resetReportedFaults();
    stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    trace.setGlobalTracerProvider(brokenTracing);
  });
  afterEach(() => {
    stderr.mockRestore();
    trace.disable();
    context.disable();
    vi.unstubAllEnvs();
  });

  it('scores every record and records the run when the tracer throws', async () => {
    // Prepare
    const capture = capturingWriter();
    const handler = withTelemetry(
      async (event: { values: number[] }, _context: unknown) =>
        inferBatch(event.values, {
          toTensor: (rows: readonly number[]) => [...rows],
          run: async (input: number[]) => input.map((v) => v * 10),
          fromOutput: (output) => output,
        }),
      { writer: capture.write },
    );
    // Act
    const results = await handler({ values: [1, 2, 3] }, lambdaContext());
    // Assess
    expect(results).toEqual([
      { ok: true, value: 10 },
      { ok: true, value: 20 },
      { ok: true, value: 30 },
    ]);
    expect(capture.documents[0]?.BatchSize).toBe(3);
    const reports = stderr.mock.calls
      .map((call) => String(call[0]))
      .filter((line) => line.startsWith('lambda-thermostat:'));
    expect(reports.length).toBeGreaterThan(0);
  });
});
