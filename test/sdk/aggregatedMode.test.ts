import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { QUIET_GAP_MS } from '../../sdk/emf/emfEmitter.ts';
import { addMetadata, withTelemetry } from '../../sdk/index.ts';
import { resetExecutionEnvironment } from '../../sdk/lifecycle/executionEnvironment.ts';
import { capturingWriter } from '../support/emfSpecification.ts';
import { lambdaContext } from '../support/lambdaFixtures.ts';

const T0 = Date.parse('2026-11-27T10:00:00Z');
const timestampOf = (doc: Record<string, unknown> | undefined) =>
  (doc?._aws as { Timestamp: number } | undefined)?.Timestamp;

describe('aggregated EMF mode (the default)', () => {
  beforeEach(() => {
    vi.stubEnv('AWS_LAMBDA_INITIALIZATION_TYPE', 'on-demand');
    resetExecutionEnvironment();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllEnvs();
  });

  it('writes the cold start alone, then one document per 100 invocations, losing no value', async () => {
    // Prepare
    const capture = capturingWriter();
    const handler = withTelemetry(async (_e: unknown, _c: unknown) => 'ok', {
      writer: capture.write,
      metrics: ['Invocations', 'ColdStart'],
    });
    // Act
    for (let i = 0; i < 251; i++) await handler({}, lambdaContext());
    // Assess: 1 + 100 + 100 written, 50 pending
    expect(capture.documents).toHaveLength(3);
    const [cold, ...warm] = capture.documents;
    expect(cold).toMatchObject({ ColdStart: 1, coldStart: true, functionVersion: '7' });
    expect(typeof cold?.InitDuration).toBe('number');
    expect(cold?.requestId).toMatch(/^req-/);
    expect(warm.map((d) => (d.Invocations as number[]).length)).toEqual([100, 100]);
    expect(warm.flatMap((d) => d.ColdStart as number[]).every((v) => v === 0)).toBe(true);
    expect(warm[0]?.requestId).toBeUndefined(); // per-invocation members do not aggregate
    expect(warm[0]?.functionVersion).toBe('7');
    expect(warm[0]?.InitDuration).toBeUndefined();
  });

  it('never lets a document span two clock minutes: each minute’s values under its own timestamp', async () => {
    // Prepare: a busy environment (a request every 5 s) across a minute boundary
    const capture = capturingWriter();
    const handler = withTelemetry(async (_e: unknown, _c: unknown) => 'ok', {
      writer: capture.write,
      metrics: ['Invocations'],
    });
    // Act: 10:00:45 (cold), :50, :55 | 10:01:00, :05
    for (const second of [45, 50, 55, 60, 65]) {
      vi.setSystemTime(T0 + second * 1000);
      await handler({}, lambdaContext());
    }
    // Assess: the cold start alone; 10:00's two warm values written when 10:01 began
    expect(capture.documents).toHaveLength(2);
    const [, minute0] = capture.documents;
    expect(minute0?.Invocations).toEqual([1, 1]);
    expect(timestampOf(minute0)).toBe(T0 + 50_000);
  });

  it('writes at once in an environment that is not busy (its previous request over the quiet gap ago)', async () => {
    // Prepare
    const capture = capturingWriter();
    const handler = withTelemetry(async (_e: unknown, _c: unknown) => 'ok', {
      writer: capture.write,
      metrics: ['Invocations'],
    });
    // Act: the cold start; a request 1 s later (held: busy); one after the quiet gap, same minute
    await handler({}, lambdaContext());
    vi.setSystemTime(T0 + 1000);
    await handler({}, lambdaContext());
    const afterBusy = capture.documents.length;
    vi.setSystemTime(T0 + 1000 + QUIET_GAP_MS + 1);
    await handler({}, lambdaContext());
    // Assess
    expect(afterBusy).toBe(1);
    expect(capture.documents).toHaveLength(2);
    expect(capture.documents[1]?.Invocations).toEqual([1, 1]);
    expect(timestampOf(capture.documents[1])).toBe(T0 + 1000);
  });

  it('writes a failed invocation and one with metadata alone, with their per-invocation members', async () => {
    // Prepare
    const capture = capturingWriter();
    const handler = withTelemetry(
      async (event: { fail?: boolean; tag?: string }, _c: unknown) => {
        if (event.tag !== undefined) addMetadata('tag', event.tag);
        if (event.fail === true) throw new Error('model refused the input');
        return 'ok';
      },
      { writer: capture.write },
    );
    // Act
    await handler({}, lambdaContext({ awsRequestId: 'cold' }));
    await handler({}, lambdaContext({ awsRequestId: 'warm-1' }));
    await expect(
      handler({ fail: true }, lambdaContext({ awsRequestId: 'failed' })),
    ).rejects.toThrow('model refused the input');
    await handler({ tag: 'vip' }, lambdaContext({ awsRequestId: 'tagged' }));
    // Assess: the cold start, the failure, the tagged one; warm-1 still pending
    expect(capture.documents.map((d) => d.requestId)).toEqual(['cold', 'failed', 'tagged']);
    expect(capture.documents[1]).toMatchObject({ error: true, coldStart: false });
    expect(capture.documents[2]).toMatchObject({ tag: 'vip' });
    expect(typeof capture.documents[2]?.EndToEndLatency).toBe('number');
  });

  it('writes when the oldest value is older than maxAgeMs, at the next invocation', async () => {
    // Prepare
    const capture = capturingWriter();
    const handler = withTelemetry(async (_e: unknown, _c: unknown) => 'ok', {
      writer: capture.write,
      maxAgeMs: 8_000,
      metrics: ['Invocations'],
    });
    // Act: the cold start; then requests 5 s apart (busy), the last 9 s after the first warm one
    await handler({}, lambdaContext());
    vi.setSystemTime(T0 + 1_000);
    await handler({}, lambdaContext());
    vi.setSystemTime(T0 + 6_000);
    await handler({}, lambdaContext());
    const beforeDue = capture.documents.length;
    vi.setSystemTime(T0 + 10_000);
    await handler({}, lambdaContext());
    // Assess
    expect(beforeDue).toBe(1);
    expect(capture.documents).toHaveLength(2);
    expect(capture.documents[1]?.Invocations).toEqual([1, 1, 1]);
    expect(timestampOf(capture.documents[1])).toBe(T0 + 1_000);
  });

  it('keeps separate aggregates per Resource (two aliases of one version)', async () => {
    // Prepare
    const capture = capturingWriter();
    const handler = withTelemetry(async (_e: unknown, _c: unknown) => 'ok', {
      writer: capture.write,
    });
    // Act
    for (let i = 0; i < 101; i++) await handler({}, lambdaContext({ qualifier: 'live' }));
    for (let i = 0; i < 3; i++) await handler({}, lambdaContext({ qualifier: 'canary' }));
    // Assess: the cold start and live's 100; canary's first one (no previous request: not busy)
    expect(capture.documents.map((d) => d.Resource)).toEqual([
      'ocr-detector:live',
      'ocr-detector:live',
      'ocr-detector:canary',
    ]);
    expect((capture.documents[1]?.EndToEndLatency as number[] | undefined)?.length).toBe(100);
  });

  it('per-invocation mode (opt-in) writes every request as its own document', async () => {
    // Prepare
    const capture = capturingWriter();
    const handler = withTelemetry(async (_e: unknown, _c: unknown) => 'ok', {
      writer: capture.write,
      mode: 'per-invocation',
    });
    // Act
    for (let i = 0; i < 5; i++) await handler({}, lambdaContext({ awsRequestId: `r${i}` }));
    // Assess
    expect(capture.documents.map((d) => d.requestId)).toEqual(['r0', 'r1', 'r2', 'r3', 'r4']);
  });
});
