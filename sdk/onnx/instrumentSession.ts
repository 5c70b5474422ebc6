import { performance } from 'node:perf_hooks';
import type { Span } from '@opentelemetry/api';
import { insideBatchOwnedRun, recordModelRun } from '../invocation/modelRuns.ts';
import { FaultSite, reportFault } from '../telemetryFaults.ts';
import { SpanAttribute } from '../tracing/spanAttributes.ts';
import { tracingIfWanted } from '../tracing/tracingLoader.ts';

/** The slice of an ONNX Runtime `InferenceSession` this module touches (no import of the package). */
export interface RunnableSession {
  readonly inputNames: readonly string[];
  run(feeds: Record<string, unknown>, ...rest: unknown[]): Promise<unknown>;
}

export interface InstrumentSessionOptions {
  /** Model name for spans and the EMF `model` property, e.g. `ppocr-det-v4`. */
  readonly model: string;
}

const INSTRUMENTED = Symbol.for('lambda-thermostat.instrumented-session');

/**
 * Instruments an ONNX Runtime session in place: every `run` gets an `inference` span (a child of
 * the invocation span) and adds `InferenceLatency` and `BatchSize` (the first input's leading
 * dimension) to the invocation's metrics (unless `inferBatch` records the run itself). Results and
 * errors pass through untouched.
 *
 * @example
 * ```ts
 * import * as ort from 'onnxruntime-node';
 * import { instrumentSession } from '@lambda-thermostat/sdk';
 * const session = instrumentSession(await ort.InferenceSession.create('model.onnx'), { model: 'fraud-v3' });
 * ```
 */
export function instrumentSession<S extends RunnableSession>(
  session: S,
  options: InstrumentSessionOptions,
): S {
  const target = session as S & { [INSTRUMENTED]?: true };
  if (target[INSTRUMENTED]) return session;
  const originalRun = session.run;
  const model = options.model;
  const instrumentedRun = async function (
    this: S,
    feeds: Record<string, unknown>,
    ...rest: unknown[]
  ) {
    const start = performance.now();
    const batchSize = leadingDimension(session, feeds);
    const tracing = await tracingIfWanted();
    let span: Span | undefined;
    try {
      span = tracing?.sdkTracer().startSpan(
        'inference',
        {
          kind: tracing.SpanKind.INTERNAL,
          attributes: {
            [SpanAttribute.MODEL]: model,
            ...(batchSize !== undefined ? { [SpanAttribute.BATCH_SIZE]: batchSize } : {}),
          },
        },
        tracing.context.active(),
      );
    } catch (error) {
      reportFault(FaultSite.MODEL, error);
    }
    try {
      return await originalRun.call(this ?? session, feeds, ...rest);
    } catch (error) {
      try {
        span?.recordException(error as Error);
        if (tracing !== undefined) span?.setStatus({ code: tracing.SpanStatusCode.ERROR });
      } catch (spanError) {
        reportFault(FaultSite.MODEL, spanError);
      }
      throw error;
    } finally {
      try {
        span?.end();
        if (!insideBatchOwnedRun()) {
          recordModelRun({ latencyMs: performance.now() - start, batchSize, model });
        }
      } catch (telemetryError) {
        reportFault(FaultSite.MODEL, telemetryError);
      }
    }
  };
  Object.defineProperty(target, 'run', {
    value: instrumentedRun,
    configurable: true,
    writable: true,
  });
  Object.defineProperty(target, INSTRUMENTED, { value: true });
  return session;
}

function leadingDimension(
  session: RunnableSession,
  feeds: Record<string, unknown>,
): number | undefined {
  try {
    const first = feeds[session.inputNames[0] ?? ''] ?? Object.values(feeds)[0];
    const dims = (first as { dims?: readonly number[] } | undefined)?.dims;
    const n = dims?.[0];
    return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : undefined;
  } catch {
    return undefined;
  }
}
