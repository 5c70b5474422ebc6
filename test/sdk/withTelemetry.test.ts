import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  Metric,
  OPT_IN_METRICS,
  STREAMING_HANDLER_SYMBOL,
  TelemetryConfigurationError,
  withTelemetry,
} from '../../sdk/index.ts';
import { resetExecutionEnvironment } from '../../sdk/lifecycle/executionEnvironment.ts';
import { runTypeScriptChild } from '../support/childProcess.ts';
import { auditEmfLine, capturingWriter } from '../support/emfSpecification.ts';
import { lambdaContext } from '../support/lambdaFixtures.ts';

const here = dirname(fileURLToPath(import.meta.url));

type Doc = Record<string, unknown> & {
  _aws: {
    CloudWatchMetrics: Array<{
      Namespace: string;
      Dimensions: string[][];
      Metrics: Array<{ Name: string; Unit: string }>;
    }>;
  };
};

describe('withTelemetry', () => {
  beforeEach(() => {
    vi.stubEnv('AWS_LAMBDA_INITIALIZATION_TYPE', 'on-demand');
    resetExecutionEnvironment();
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('returns exactly what the handler returns', async () => {
    // Prepare
    const result = { boxes: [1, 2, 3] };
    const handler = withTelemetry(async (_event: unknown, _context: unknown) => result, {
      writer: capturingWriter().write,
    });
    // Act
    const returned = await handler({}, lambdaContext());
    // Assess
    expect(returned).toBe(result);
  });

  it('rethrows the very same error object and still emits the invocation', async () => {
    // Prepare
    const error = new RangeError('model exploded');
    const capture = capturingWriter();
    const handler = withTelemetry(
      async (_event: unknown, _context: unknown) => {
        throw error;
      },
      { writer: capture.write },
    );
    // Act
    const thrown = await handler({}, lambdaContext()).catch((e: unknown) => e);
    // Assess
    expect(thrown).toBe(error);
    expect(capture.documents).toHaveLength(1);
    expect(capture.documents[0]?.error).toBe(true);
  });

  it('emits every metric of the contract, all opted in, with its unit, namespace and dimensions', async () => {
    // Prepare
    const capture = capturingWriter();
    const handler = withTelemetry(async (_event: unknown, _context: unknown) => 'ok', {
      writer: capture.write,
      metrics: [...OPT_IN_METRICS],
    });
    // Act
    await handler({}, lambdaContext({ functionName: 'ocr-detector', qualifier: 'live' }));
    // Assess
    const doc = capture.documents[0] as Doc;
    const directive = doc._aws.CloudWatchMetrics[0];
    expect(directive?.Namespace).toBe('LambdaThermostat');
    expect(directive?.Dimensions).toEqual([['FunctionName', 'Resource']]);
    expect(doc.FunctionName).toBe('ocr-detector');
    expect(doc.Resource).toBe('ocr-detector:live');
    const units = Object.fromEntries(directive?.Metrics.map((m) => [m.Name, m.Unit]) ?? []);
    for (const m of [
      Metric.Invocations,
      Metric.ColdStart,
      Metric.InitDuration,
      Metric.InvokeLatency,
      Metric.EndToEndLatency,
      Metric.CpuTime,
      Metric.Cost,
      Metric.MemoryUsed,
    ]) {
      expect(units[m.name], m.name).toBe(m.unit);
      expect(typeof doc[m.name], m.name).toBe('number');
    }
    expect(doc.Invocations).toBe(1);
    expect(doc.requestId).toMatch(/^req-/);
    expect(doc.functionVersion).toBe('7');
    expect(doc.initType).toBe('on-demand');
    expect(doc.coldStart).toBe(true);
  });

  it('uses name:$LATEST as Resource when invoked without a qualifier', async () => {
    // Prepare
    const capture = capturingWriter();
    const handler = withTelemetry(async (_event: unknown, _context: unknown) => 'ok', {
      writer: capture.write,
    });
    // Act
    await handler(
      {},
      lambdaContext({
        invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:ocr-detector',
      }),
    );
    // Assess
    expect(capture.documents[0]?.Resource).toBe('ocr-detector:$LATEST');
  });

  it('writes raw JSON lines to file descriptor 1 by default, unprefixed', async () => {
    // Act: a real process, so what reaches its stdout is exactly what Lambda would capture
    const { stdout, code } = await runTypeScriptChild(
      join(here, 'fixtures/invokeTwiceOnStdout.ts'),
    );
    // Assess
    expect(code).toBe(0);
    const lines = stdout.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line.startsWith('{"_aws":')).toBe(true);
      expect(auditEmfLine(line).requestId).toBe('child');
    }
  });

  it('keeps the streaming marker and passes (event, responseStream, context) through', async () => {
    // Prepare: what awslambda.streamifyResponse does to a handler
    const capture = capturingWriter();
    const inner = async (event: unknown, stream: { chunks: string[] }, _context: unknown) => {
      stream.chunks.push(`hello ${String((event as { name: string }).name)}`);
      return undefined;
    };
    Object.defineProperty(inner, STREAMING_HANDLER_SYMBOL, { value: 'response' });
    Object.defineProperty(inner, Symbol.for('aws.lambda.runtime.handler.streaming.highWaterMark'), {
      value: 1024,
    });
    const stream = { chunks: [] as string[] };
    // Act
    const handler = withTelemetry(inner, { writer: capture.write });
    await handler({ name: 'ocr' }, stream, lambdaContext({ awsRequestId: 'stream-1' }));
    // Assess
    expect((handler as unknown as Record<symbol, unknown>)[STREAMING_HANDLER_SYMBOL]).toBe(
      'response',
    );
    expect(
      (handler as unknown as Record<symbol, unknown>)[
        Symbol.for('aws.lambda.runtime.handler.streaming.highWaterMark')
      ],
    ).toBe(1024);
    expect(stream.chunks).toEqual(['hello ocr']);
    expect(capture.documents[0]?.requestId).toBe('stream-1');
  });

  it('runs a callback-style handler as a promise, with its result and its error', async () => {
    // Prepare
    const capture = capturingWriter();
    const ok = withTelemetry(
      (_e: unknown, _c: unknown, cb: (err: unknown, v?: unknown) => void) => cb(null, 42),
      { writer: capture.write },
    );
    const error = new Error('callback failure');
    const failing = withTelemetry(
      (_e: unknown, _c: unknown, cb: (err: unknown) => void) => setImmediate(() => cb(error)),
      { writer: capture.write },
    );
    // Act
    // The wrapper returns a promise whatever the callback handler's declared type.
    const asPromise = (h: unknown) => h as (e: unknown, c: unknown) => Promise<unknown>;
    const value = await asPromise(ok)({}, lambdaContext());
    const thrown = await asPromise(failing)({}, lambdaContext()).catch((e: unknown) => e);
    // Assess
    expect(value).toBe(42);
    expect(thrown).toBe(error);
    expect(capture.documents).toHaveLength(2);
  });

  it('treats an async handler that declares a third parameter as async', async () => {
    // Prepare
    const handler = withTelemetry(async (_e: unknown, _c: unknown, _unused: unknown) => 'async', {
      writer: capturingWriter().write,
    });
    // Act & Assess
    await expect(handler({}, lambdaContext(), undefined)).resolves.toBe('async');
  });

  it('refuses a handler that is not a function, and bad options, at wrap time', () => {
    expect(() => withTelemetry(undefined as unknown as () => Promise<void>)).toThrow(
      TelemetryConfigurationError,
    );
    expect(() => withTelemetry(async () => 1, { mode: 'sometimes' as never })).toThrow(
      /mode: must be/,
    );
    expect(() => withTelemetry(async () => 1, { extraDimensions: { Resource: 'x' } })).toThrow(
      /extraDimensions.Resource/,
    );
    expect(() =>
      withTelemetry(async () => 1, {
        extraDimensions: Object.fromEntries(Array.from({ length: 29 }, (_, i) => [`d${i}`, 'v'])),
      }),
    ).toThrow(/at most 28/);
  });

  it('adds opt-in dimensions to the one dimension set', async () => {
    // Prepare
    const capture = capturingWriter();
    const handler = withTelemetry(async (_event: unknown, _context: unknown) => 'ok', {
      writer: capture.write,
      extraDimensions: { Model: 'ppocr-det' },
    });
    // Act
    await handler({}, lambdaContext());
    // Assess
    const doc = capture.documents[0] as Doc;
    expect(doc._aws.CloudWatchMetrics[0]?.Dimensions).toEqual([
      ['FunctionName', 'Resource', 'Model'],
    ]);
    expect(doc.Model).toBe('ppocr-det');
  });

  it('keeps the handler name and this', async () => {
    // Prepare
    const capture = capturingWriter();
    async function detect(this: { tag: string }) {
      return this.tag;
    }
    const handler = withTelemetry(detect, { writer: capture.write });
    // Act & Assess
    expect(handler.name).toBe('detect');
    await expect(handler.call({ tag: 'bound' })).resolves.toBe('bound');
  });
});
