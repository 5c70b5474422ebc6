import { setTimeout as sleep } from 'node:timers/promises';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { instrumentSession, withTelemetry } from '../../sdk/index.ts';
import { resetExecutionEnvironment } from '../../sdk/lifecycle/executionEnvironment.ts';
import { capturingWriter } from '../support/emfSpecification.ts';
import { useInMemoryTracing } from '../support/inMemoryTracing.ts';
import { lambdaContext } from '../support/lambdaFixtures.ts';

describe('overlapping invocations in one process (Lambda Managed Instances)', () => {
  const exporter = useInMemoryTracing();
  beforeEach(() => {
    vi.stubEnv('AWS_LAMBDA_INITIALIZATION_TYPE', 'lambda-managed-instances');
    resetExecutionEnvironment();
  });

  it('gives each interleaved invocation its own latency, request id, model runs and span', async () => {
    // Prepare: a fake session whose runs take as long as the input says
    const session = instrumentSession(
      {
        inputNames: ['x'],
        run: async (feeds: Record<string, unknown>) => {
          await sleep((feeds.x as { delayMs: number }).delayMs);
          return {};
        },
      },
      { model: 'fake' },
    );
    const capture = capturingWriter();
    const handler = withTelemetry(
      async (event: { delayMs: number; runs: number }, _context: unknown) => {
        for (let i = 0; i < event.runs; i++)
          await session.run({ x: { delayMs: event.delayMs, dims: [i + 1, 3] } });
        return event.delayMs;
      },
      { writer: capture.write, mode: 'per-invocation' },
    );
    // Act: a slow one starts first and finishes last, two fast ones overlap it
    const results = await Promise.all([
      handler({ delayMs: 60, runs: 2 }, lambdaContext({ awsRequestId: 'slow' })),
      handler({ delayMs: 5, runs: 1 }, lambdaContext({ awsRequestId: 'fast-1' })),
      handler({ delayMs: 10, runs: 3 }, lambdaContext({ awsRequestId: 'fast-2' })),
    ]);
    // Assess
    expect(results).toEqual([60, 5, 10]);
    const byRequest = Object.fromEntries(capture.documents.map((d) => [d.requestId, d]));
    expect(Object.keys(byRequest).sort()).toEqual(['fast-1', 'fast-2', 'slow']);
    expect(byRequest.slow?.InvokeLatency).toBeGreaterThanOrEqual(110);
    expect(byRequest['fast-1']?.InvokeLatency).toBeLessThan(
      byRequest.slow?.InvokeLatency as number,
    );
    expect(byRequest.slow?.BatchSize).toEqual([1, 2]);
    expect(byRequest['fast-1']?.BatchSize).toBe(1);
    expect(byRequest['fast-2']?.BatchSize).toEqual([1, 2, 3]);
    expect((byRequest['fast-2']?.InferenceLatency as number[] | undefined)?.length).toBe(3);
    // Only one of them is the environment's first invocation.
    expect(capture.documents.filter((d) => d.initDurationMs !== undefined)).toHaveLength(1);
    expect(capture.documents.every((d) => d.coldStart === false)).toBe(true);
    expect(capture.documents.every((d) => d.InitDuration === undefined)).toBe(true);

    const spans = exporter.getFinishedSpans();
    const invocationSpans = spans.filter((s) => s.name === 'ocr-detector');
    expect(invocationSpans.map((s) => s.attributes['faas.invocation_id']).sort()).toEqual([
      'fast-1',
      'fast-2',
      'slow',
    ]);
    for (const inv of invocationSpans) {
      const children = spans.filter(
        (s) => s.name === 'inference' && s.parentSpanContext?.spanId === inv.spanContext().spanId,
      );
      const expected = { slow: 2, 'fast-1': 1, 'fast-2': 3 }[
        inv.attributes['faas.invocation_id'] as string
      ];
      expect(children).toHaveLength(expected as number);
    }
  });
});
