import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addMetadata, instrumentSession, withTelemetry } from '../../sdk/index.ts';
import {
  executionEnvironment,
  resetExecutionEnvironment,
} from '../../sdk/lifecycle/executionEnvironment.ts';
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

describe('one invocation at a time (a standard Lambda environment: one slot, no AsyncLocalStorage)', () => {
  beforeEach(() => {
    vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', 'ocr-detector');
    vi.stubEnv('AWS_LAMBDA_INITIALIZATION_TYPE', 'on-demand');
    resetExecutionEnvironment();
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    resetExecutionEnvironment();
  });

  it('gives each invocation its model runs and metadata, and nothing left running after it returns', async () => {
    // Prepare: a handler that leaves work running after it returns
    const session = instrumentSession(
      { inputNames: ['x'], run: async (_feeds: Record<string, unknown>) => ({}) },
      { model: 'fake' },
    );
    const capture = capturingWriter();
    let leftover: Promise<void> | undefined;
    const handler = withTelemetry(
      async (event: { runs: number; tag: string }, _context: unknown) => {
        addMetadata('tag', event.tag);
        for (let i = 0; i < event.runs; i++) await session.run({ x: { dims: [i + 1, 3] } });
        leftover = sleep(5).then(() => addMetadata('late', event.tag));
        return event.tag;
      },
      { writer: capture.write },
    );
    // Act: one after the other, as Lambda serves them
    const first = await handler({ runs: 2, tag: 'a' }, lambdaContext({ awsRequestId: 'a' }));
    await leftover;
    const second = await handler({ runs: 1, tag: 'b' }, lambdaContext({ awsRequestId: 'b' }));
    // Assess
    expect(executionEnvironment.oneInvocationAtATime).toBe(true);
    expect([first, second]).toEqual(['a', 'b']);
    const [a, b] = capture.documents;
    expect(a).toMatchObject({ requestId: 'a', tag: 'a', BatchSize: [1, 2] });
    expect(b).toMatchObject({ requestId: 'b', tag: 'b', BatchSize: 1 });
    // The first invocation's late work reached neither document.
    expect(capture.documents.some((d) => d.late !== undefined)).toBe(false);
  });
});
