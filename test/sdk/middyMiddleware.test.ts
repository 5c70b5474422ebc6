import { setTimeout as sleep } from 'node:timers/promises';
import middy from '@middy/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { instrumentSession, telemetryMiddleware } from '../../sdk/index.ts';
import { resetExecutionEnvironment } from '../../sdk/lifecycle/executionEnvironment.ts';
import { capturingWriter } from '../support/emfSpecification.ts';
import { lambdaContext } from '../support/lambdaFixtures.ts';

describe('telemetryMiddleware with real Middy', () => {
  beforeEach(() => {
    vi.stubEnv('AWS_LAMBDA_INITIALIZATION_TYPE', 'on-demand');
    resetExecutionEnvironment();
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('gives the same telemetry as withTelemetry and returns the handler’s result', async () => {
    // Prepare
    const capture = capturingWriter();
    const handler = middy(async (_event: unknown) => ({ statusCode: 200, body: 'ok' })).use(
      telemetryMiddleware({ writer: capture.write, mode: 'per-invocation' }),
    );
    // Act
    const first = await handler({}, lambdaContext({ awsRequestId: 'm-1' }) as never);
    await handler({}, lambdaContext({ awsRequestId: 'm-2' }) as never);
    // Assess
    expect(first).toEqual({ statusCode: 200, body: 'ok' });
    expect(capture.documents.map((d) => [d.requestId, d.coldStart])).toEqual([
      ['m-1', true],
      ['m-2', false],
    ]);
    expect(capture.documents[0]?.InitDuration).toBeGreaterThan(0);
    expect(capture.documents[0]?.EndToEndLatency).toBeGreaterThan(
      capture.documents[0]?.InvokeLatency as number,
    );
  });

  it('records a failure and lets Middy rethrow the very same error', async () => {
    // Prepare
    const error = new Error('inference failed');
    const capture = capturingWriter();
    const handler = middy(async () => {
      throw error;
    }).use(telemetryMiddleware({ writer: capture.write }));
    // Act
    const thrown = await handler({}, lambdaContext() as never).catch((e: unknown) => e);
    // Assess
    expect(thrown).toBe(error);
    expect(capture.documents[0]?.error).toBe(true);
  });

  it('keeps concurrent invocations apart, model runs included', async () => {
    // Prepare
    const session = instrumentSession(
      {
        inputNames: ['x'],
        run: async (f: Record<string, unknown>) => sleep((f.x as { ms: number }).ms),
      },
      { model: 'fake' },
    );
    const capture = capturingWriter();
    const handler = middy(async (event: { ms: number; runs: number }) => {
      for (let i = 0; i < event.runs; i++)
        await session.run({ x: { ms: event.ms, dims: [event.runs] } });
      return event.runs;
    }).use(telemetryMiddleware({ writer: capture.write, mode: 'per-invocation' }));
    // Act
    await Promise.all([
      handler({ ms: 30, runs: 2 }, lambdaContext({ awsRequestId: 'a' }) as never),
      handler({ ms: 5, runs: 3 }, lambdaContext({ awsRequestId: 'b' }) as never),
    ]);
    // Assess
    const byId = Object.fromEntries(capture.documents.map((d) => [d.requestId, d]));
    expect(byId.a?.BatchSize).toEqual([2, 2]);
    expect(byId.b?.BatchSize).toEqual([3, 3, 3]);
  });
});
