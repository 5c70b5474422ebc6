import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { withTelemetry } from '../../sdk/index.ts';
import { resetExecutionEnvironment } from '../../sdk/lifecycle/executionEnvironment.ts';
import { capturingWriter } from '../support/emfSpecification.ts';
import { lambdaContext } from '../support/lambdaFixtures.ts';

describe('aggregated EMF mode', () => {
  beforeEach(() => {
    vi.stubEnv('AWS_LAMBDA_INITIALIZATION_TYPE', 'on-demand');
    resetExecutionEnvironment();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllEnvs();
  });

  it('writes one document per 100 invocations, losing no value', async () => {
    // Prepare
    const capture = capturingWriter();
    const handler = withTelemetry(async (_e: unknown, _c: unknown) => 'ok', {
      writer: capture.write,
      mode: 'aggregated',
      metrics: ['Invocations', 'ColdStart'],
    });
    // Act
    for (let i = 0; i < 250; i++) await handler({}, lambdaContext());
    // Assess
    expect(capture.documents).toHaveLength(2);
    expect(capture.documents.map((d) => (d.Invocations as number[]).length)).toEqual([100, 100]);
    expect(
      ((capture.documents[0]?.ColdStart as number[] | undefined) ?? []).reduce((a, b) => a + b, 0),
    ).toBe(1);
    expect(capture.documents[0]?.requestId).toBeUndefined(); // per-invocation members do not aggregate
    expect(capture.documents[0]?.functionVersion).toBe('7');
  });

  it('writes when the oldest value is older than maxAgeMs, at the next invocation', async () => {
    // Prepare
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-27T10:00:00Z'));
    const capture = capturingWriter();
    const handler = withTelemetry(async (_e: unknown, _c: unknown) => 'ok', {
      writer: capture.write,
      mode: 'aggregated',
      maxAgeMs: 30_000,
      metrics: ['Invocations'],
    });
    // Act
    await handler({}, lambdaContext());
    vi.setSystemTime(new Date('2026-11-27T10:00:20Z'));
    await handler({}, lambdaContext());
    const beforeDue = capture.documents.length;
    vi.setSystemTime(new Date('2026-11-27T10:00:31Z'));
    await handler({}, lambdaContext());
    // Assess
    expect(beforeDue).toBe(0);
    expect(capture.documents).toHaveLength(1);
    expect(capture.documents[0]?.Invocations).toEqual([1, 1, 1]);
    expect((capture.documents[0]?._aws as { Timestamp: number } | undefined)?.Timestamp).toBe(
      Date.parse('2026-11-27T10:00:00Z'),
    );
  });

  it('keeps separate aggregates per Resource (two aliases of one version)', async () => {
    // Prepare
    const capture = capturingWriter();
    const handler = withTelemetry(async (_e: unknown, _c: unknown) => 'ok', {
      writer: capture.write,
      mode: 'aggregated',
    });
    // Act
    for (let i = 0; i < 100; i++) await handler({}, lambdaContext({ qualifier: 'live' }));
    for (let i = 0; i < 3; i++) await handler({}, lambdaContext({ qualifier: 'canary' }));
    // Assess
    expect(capture.documents).toHaveLength(1);
    expect(capture.documents[0]?.Resource).toBe('ocr-detector:live');
  });
});
