import { basename } from 'node:path';
import { performance } from 'node:perf_hooks';
import { currentInvocation } from '../invocation/invocationState.ts';
import { executionEnvironment } from '../lifecycle/executionEnvironment.ts';
import { FaultSite, reportFault } from '../telemetryFaults.ts';
import { SpanAttribute } from '../tracing/spanAttributes.ts';
import { tracingIfWanted } from '../tracing/tracingLoader.ts';
import { instrumentSession, type RunnableSession } from './instrumentSession.ts';

/** `onnxruntime-node` is an optional peer dependency; this says how to get it. */
export class ModelRuntimeMissingError extends Error {
  constructor(cause: unknown) {
    super(
      'loadModel needs the optional peer dependency onnxruntime-node: npm install onnxruntime-node (set onnxruntime-node-install=skip in .npmrc to skip its GPU download)',
      { cause },
    );
    this.name = 'ModelRuntimeMissingError';
  }
}

export interface LoadModelOptions {
  /** Model name for spans and metrics; default the file name, or `model` for bytes. */
  readonly model?: string;
}

type OrtModule = {
  InferenceSession: {
    create(source: string | Uint8Array, options?: unknown): Promise<RunnableSession>;
  };
};

/**
 * Loads an ONNX model with onnxruntime-node (imported lazily, on first use), inside a `model.load`
 * span, recording `ModelLoadDuration`, and returns the session instrumented (see
 * {@link instrumentSession}). A load at module level counts as init work: reported with the first
 * invocation and, unless `markReady()` was called, moving the end of init to when it finished.
 *
 * @example
 * ```ts
 * import { loadModel, markReady, withTelemetry } from '@lambda-thermostat/sdk';
 * const session = await loadModel('./models/det.onnx', { intraOpNumThreads: 1 });
 * markReady();
 * ```
 */
export async function loadModel<S extends RunnableSession = RunnableSession>(
  pathOrBytes: string | Uint8Array,
  sessionOptions?: Record<string, unknown>,
  options: LoadModelOptions = {},
): Promise<S> {
  let ort: OrtModule;
  try {
    ort = (await import('onnxruntime-node')) as unknown as OrtModule;
  } catch (error) {
    throw new ModelRuntimeMissingError(error);
  }
  const model =
    options.model ?? (typeof pathOrBytes === 'string' ? basename(pathOrBytes) : 'model');
  const tracing = await tracingIfWanted();
  const span = safely(() =>
    tracing
      ?.sdkTracer()
      .startSpan(
        'model.load',
        { attributes: { [SpanAttribute.MODEL]: model } },
        tracing.context.active(),
      ),
  );
  const start = performance.now();
  try {
    const session = (await ort.InferenceSession.create(pathOrBytes, sessionOptions)) as S;
    return instrumentSession(session, { model });
  } catch (error) {
    safely(() => {
      span?.recordException(error as Error);
      if (tracing !== undefined) span?.setStatus({ code: tracing.SpanStatusCode.ERROR });
    });
    throw error;
  } finally {
    const end = performance.now();
    safely(() => {
      span?.end();
      const invocation = currentInvocation();
      if (invocation !== undefined) {
        invocation.modelLoadMs.push(end - start);
        invocation.models.add(model);
      } else {
        executionEnvironment.recordInitModelLoad(end - start, model);
        executionEnvironment.noteInitActivity(end);
      }
    });
  }
}

function safely<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch (error) {
    reportFault(FaultSite.MODEL, error);
    return undefined;
  }
}
