import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { context, trace } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  SimpleSpanProcessor,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addMetadata, withTelemetry } from '../../sdk/index.ts';
import { resetExecutionEnvironment } from '../../sdk/lifecycle/executionEnvironment.ts';
import { resetReportedFaults } from '../../sdk/telemetryFaults.ts';
import { resetTracingLoader } from '../../sdk/tracing/tracingLoader.ts';
import { runTypeScriptChild } from '../support/childProcess.ts';
import { capturingWriter } from '../support/emfSpecification.ts';
import { lambdaContext } from '../support/lambdaFixtures.ts';

const here = dirname(fileURLToPath(import.meta.url));

/** Each failure of the SDK's own is caught, reported once on stderr, and the result is untouched. */
describe('telemetry never breaks the function', () => {
  let stderr: { mock: { calls: unknown[][] }; mockRestore: () => void };
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  beforeEach(() => {
    vi.stubEnv('AWS_LAMBDA_INITIALIZATION_TYPE', 'on-demand');
    resetExecutionEnvironment();
    resetReportedFaults();
    stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    unhandled.length = 0;
    process.on('unhandledRejection', onUnhandled);
  });
  afterEach(async () => {
    await new Promise((r) => setImmediate(r));
    process.off('unhandledRejection', onUnhandled);
    expect(unhandled).toEqual([]);
    stderr.mockRestore();
    trace.disable();
    context.disable();
    vi.unstubAllEnvs();
  });

  const faultReports = () =>
    stderr.mock.calls.map((c) => String(c[0])).filter((l) => l.startsWith('lambda-thermostat:'));

  it('survives a span exporter that throws', async () => {
    // Prepare
    const throwing: SpanExporter = {
      export: () => {
        throw new Error('exporter down');
      },
      shutdown: async () => {},
    };
    trace.setGlobalTracerProvider(
      new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(throwing)] }),
    );
    const capture = capturingWriter();
    const handler = withTelemetry(async (_e: unknown, _c: unknown) => 'result', {
      writer: capture.write,
      mode: 'per-invocation', // each request's own document
    });
    // Act
    const results = [await handler({}, lambdaContext()), await handler({}, lambdaContext())];
    // Assess
    expect(results).toEqual(['result', 'result']);
    expect(capture.documents).toHaveLength(2); // metrics still flow
  });

  it('survives span code that cannot be loaded (a bundle without @lambda-thermostat/sdk/otel), reporting it once', async () => {
    // Prepare: a provider is registered, so the span code is wanted, but its import fails
    resetTracingLoader(() =>
      Promise.reject(new Error("Cannot find package '@lambda-thermostat/sdk/otel'")),
    );
    trace.setGlobalTracerProvider(new BasicTracerProvider());
    const capture = capturingWriter();
    const thrown = new Error('handler failed');
    const ok = withTelemetry(async (_e: unknown, _c: unknown) => 'result', {
      writer: capture.write,
      mode: 'per-invocation',
    });
    const failing = withTelemetry(
      async (_e: unknown, _c: unknown) => {
        throw thrown;
      },
      { writer: capture.write, mode: 'per-invocation' },
    );
    try {
      // Act
      const results = [await ok({}, lambdaContext()), await ok({}, lambdaContext())];
      const rejection = await failing({}, lambdaContext()).then(
        () => undefined,
        (error: unknown) => error,
      );
      // Assess
      expect(results).toEqual(['result', 'result']);
      expect(rejection).toBe(thrown);
      expect(capture.documents).toHaveLength(3); // metrics still flow, without spans
      const reports = faultReports();
      expect(reports).toHaveLength(1);
      expect(reports[0]).toContain('span');
      expect(reports[0]).toContain('enableSpans()');
    } finally {
      resetTracingLoader();
    }
  });

  it('survives a failed stdout write (EPIPE), reporting it once', async () => {
    // Act: the child's stdout is closed before it invokes, so every EMF write fails
    const { stderr: childStderr, code } = await runTypeScriptChild(
      join(here, 'fixtures/invokeTwiceOnStdout.ts'),
      {
        breakStdout: true,
      },
    );
    // Assess
    expect(code).toBe(0);
    expect(childStderr).toContain('{"results":["result","result"]}');
    const reports = childStderr.split('\n').filter((l) => l.startsWith('lambda-thermostat:'));
    expect(reports).toHaveLength(1);
    expect(reports[0]).toContain('emf-write');
    expect(reports[0]).toContain('EPIPE');
  });

  it('survives missing environment variables and a missing context', async () => {
    // Prepare
    for (const name of [
      'AWS_LAMBDA_INITIALIZATION_TYPE',
      'AWS_REGION',
      'AWS_LAMBDA_FUNCTION_NAME',
      'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
      '_X_AMZN_TRACE_ID',
    ]) {
      vi.stubEnv(name, undefined);
    }
    resetExecutionEnvironment();
    const capture = capturingWriter();
    const handler = withTelemetry(async (_e: unknown, _c: unknown) => 'result', {
      writer: capture.write,
    });
    // Act
    const result = await handler(undefined, undefined);
    // Assess
    expect(result).toBe('result');
    expect(capture.documents[0]?.FunctionName).toBe('unknown');
    expect(capture.documents[0]?.Resource).toBe('unknown:$LATEST');
    expect(capture.documents[0]?.Cost).toBeUndefined(); // no memory size known: no guess
  });

  it('survives a malformed context (wrong types, throwing getters and methods)', async () => {
    // Prepare
    const context = {
      awsRequestId: 42,
      invokedFunctionArn: 'not-an-arn',
      memoryLimitInMB: 'lots',
      get functionName(): string {
        throw new Error('getter exploded');
      },
      getRemainingTimeInMillis: () => {
        throw new Error('no clock');
      },
    };
    const capture = capturingWriter();
    const handler = withTelemetry(async (_e: unknown, _c: unknown) => 'result', {
      writer: capture.write,
    });
    // Act
    const result = await handler({}, context);
    // Assess
    expect(result).toBe('result');
    expect(capture.documents).toHaveLength(1);
  });

  it('survives a non-serialisable property, keeping the others', async () => {
    // Prepare
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const capture = capturingWriter();
    const handler = withTelemetry(
      async (_e: unknown, _c: unknown) => {
        addMetadata('tenant', 'acme');
        addMetadata('big', 10n);
        addMetadata('cyclic', cyclic);
        return 'result';
      },
      { writer: capture.write },
    );
    // Act
    const result = await handler({}, lambdaContext());
    // Assess
    expect(result).toBe('result');
    expect(capture.documents[0]?.tenant).toBe('acme');
    expect(capture.documents[0]?.big).toBeUndefined();
    expect(capture.documents[0]?.cyclic).toBeUndefined();
    expect(faultReports()).toHaveLength(1);
  });

  it('survives a writer that throws and a result whose statusCode getter throws', async () => {
    // Prepare
    const result = {
      get statusCode(): number {
        throw new Error('hostile result');
      },
    };
    const handler = withTelemetry(async (_e: unknown, _c: unknown) => result, {
      writer: () => {
        throw new Error('writer down');
      },
    });
    // Act & Assess
    await expect(handler({}, lambdaContext())).resolves.toBe(result);
  });

  it('still rethrows the handler’s own error when telemetry fails too', async () => {
    const error = new Error('handler failed');
    const handler = withTelemetry(
      async (_e: unknown, _c: unknown) => {
        throw error;
      },
      {
        writer: () => {
          throw new Error('writer down');
        },
      },
    );
    await expect(handler({}, lambdaContext())).rejects.toBe(error);
  });
});
