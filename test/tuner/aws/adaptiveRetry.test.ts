import { Readable } from 'node:stream';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sharedClientConfig } from '../../../tuner/aws/awsClientOptions.ts';
import { LambdaActuator, LambdaStateReader } from '../../../tuner/aws/index.ts';

/** An HTTP handler answering from a script: the real SDK client, retry middleware included, runs. */
function scriptedHandler(responses: { status: number; body: unknown; errorType?: string }[]) {
  const requests: string[] = [];
  return {
    requests,
    handler: {
      metadata: { handlerProtocol: 'http/1.1' },
      async handle(request: { method: string; path: string }) {
        requests.push(`${request.method} ${request.path}`);
        const next = responses.length > 1 ? responses.shift() : responses[0];
        const { status, body, errorType } = next ?? { status: 500, body: {} };
        return {
          response: {
            statusCode: status,
            reason: '',
            headers: {
              'content-type': 'application/json',
              ...(errorType === undefined ? {} : { 'x-amzn-errortype': errorType }),
            },
            body: Readable.from([Buffer.from(JSON.stringify(body))]),
          },
        };
      },
      updateHttpClientConfig() {},
      httpHandlerConfigs: () => ({}),
      destroy() {},
    },
  };
}

const throttled = {
  status: 429,
  errorType: 'TooManyRequestsException',
  body: { message: 'Rate exceeded', Reason: 'CallerRateLimitExceeded' },
};

function client(handler: unknown, maxAttempts: number): LambdaClient {
  const config = sharedClientConfig(
    {
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts,
    },
    undefined,
  );
  return new LambdaClient({ ...config, requestHandler: handler as never });
}

/** Runs `work` with the SDK's backoff and rate-limiter sleeps on fake timers. */
async function withoutWaiting<T>(work: () => Promise<T>): Promise<T> {
  let settled = false;
  const pending = work().finally(() => {
    settled = true;
  });
  while (!settled) await vi.advanceTimersByTimeAsync(1_000);
  return pending;
}

describe('throttling: the SDK adaptive retry', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('retries TooManyRequestsException and then succeeds', async () => {
    // Prepare
    const script = scriptedHandler([
      throttled,
      throttled,
      { status: 200, body: { ReservedConcurrentExecutions: 25 } },
    ]);
    const actuator = new LambdaActuator({ clientFor: () => client(script.handler, 5) });

    // Act
    const [result] = await withoutWaiting(() =>
      actuator.apply(
        [
          {
            kind: 'setReservedConcurrency',
            target: { functionName: 'ocr', qualifier: 'live' },
            from: 25,
            to: 25,
            reason: 'test',
          },
        ],
        { dryRun: false },
      ),
    );

    // Assess
    expect(result?.status).toBe('unchanged');
    expect(script.requests).toEqual([
      'GET /2019-09-30/functions/ocr/concurrency',
      'GET /2019-09-30/functions/ocr/concurrency',
      'GET /2019-09-30/functions/ocr/concurrency',
    ]);
  });

  it('gives up after maxAttempts and reports the throttling as the error', async () => {
    // Prepare
    const script = scriptedHandler([throttled]);
    const reader = new LambdaStateReader({ clientFor: () => client(script.handler, 2) });

    // Act
    const { account } = await withoutWaiting(() => reader.readState([]));

    // Assess
    expect(account).toBeInstanceOf(Error);
    expect((account as Error).name).toBe('TooManyRequestsException');
    expect(script.requests).toHaveLength(2);
  });

  it('configures every client with adaptive retry and a request timeout that throws', () => {
    // Act
    const config = sharedClientConfig({ endpoint: 'http://127.0.0.1:5000' }, 'eu-west-1');

    // Assess
    expect(config).toEqual({
      region: 'eu-west-1',
      endpoint: 'http://127.0.0.1:5000',
      maxAttempts: 5,
      retryMode: 'adaptive',
      requestHandler: {
        connectionTimeout: 5_000,
        requestTimeout: 15_000,
        throwOnRequestTimeout: true,
      },
    });
  });
});
