import { InvocationRecorder } from './invocation/invocationRecorder.ts';
import { invocationStore } from './invocation/invocationState.ts';
import { executionEnvironment } from './lifecycle/executionEnvironment.ts';
import {
  resolveTelemetryOptions,
  TelemetryConfigurationError,
  type TelemetryOptions,
} from './telemetryOptions.ts';
import { loadedTracing, loadTracing, tracingWanted } from './tracing/tracingLoader.ts';

/** The marker `awslambda.streamifyResponse` puts on response-streaming handlers. */
export const STREAMING_HANDLER_SYMBOL = Symbol.for('aws.lambda.runtime.handler.streaming');

// biome-ignore lint/suspicious/noExplicitAny: a handler wrapper must accept any handler signature.
type AnyHandler = (...args: any[]) => any;

/**
 * Wraps a Lambda handler so every invocation emits the telemetry contract: cold start, init,
 * latency (handler and end to end), CPU time, memory, cost as EMF metrics, and an invocation span
 * (plus the `init` span on the first one) through `@opentelemetry/api`.
 *
 * The wrapper returns what the handler returns, rethrows the very same error, keeps the handler's
 * symbol properties (the response-streaming marker among them) and never lets a failure of its own
 * reach the function. Works with async handlers, `awslambda.streamifyResponse` handlers and
 * callback-style handlers (turned into a promise; Node 24 runtimes no longer offer callbacks).
 *
 * @example
 * ```ts
 * import { withTelemetry } from '@lambda-thermostat/sdk';
 *
 * export const handler = withTelemetry(async (event: { image: string }) => {
 *   return { boxes: await detect(event.image) };
 * });
 * ```
 */
export function withTelemetry<H extends AnyHandler>(handler: H, options?: TelemetryOptions): H {
  if (typeof handler !== 'function') {
    throw new TelemetryConfigurationError(
      `withTelemetry: expected a handler function, got ${typeof handler}`,
    );
  }
  const recorder = new InvocationRecorder(resolveTelemetryOptions(options));
  const streaming =
    (handler as unknown as Record<symbol, unknown>)[STREAMING_HANDLER_SYMBOL] !== undefined;
  const callbackStyle = !streaming && !isAsyncFunction(handler) && handler.length >= 3;
  // Wrapping happens at module load: the init has reached at least this point.
  executionEnvironment.noteInitActivity();
  // With a tracer provider registered, the span code loads now, during init (tracingLoader.ts).
  if (tracingWanted()) void loadTracing();

  const invoke = (self: unknown, args: unknown[]): Promise<unknown> => {
    const event = args[0];
    const context = streaming ? args[2] : args[1];
    const state = recorder.start(event, context);
    return invocationStore.run(state, () => {
      let pending: Promise<unknown>;
      try {
        const run = () =>
          callbackStyle ? invokeCallbackHandler(handler, self, args) : handler.apply(self, args);
        const otelContext = state.otelContext;
        const spans = otelContext === undefined ? undefined : loadedTracing();
        pending = Promise.resolve(
          spans !== undefined && otelContext !== undefined
            ? spans.runInContext(otelContext, run)
            : run(),
        );
      } catch (error) {
        pending = Promise.reject(error); // a handler that throws synchronously
      }
      return pending.then(
        (result) =>
          settle(recorder.finish(state, { failed: false, result }, context), () => {
            invocationStore.release(state);
            return result;
          }),
        (error) =>
          settle(recorder.finish(state, { failed: true, error }, context), () => {
            invocationStore.release(state);
            return Promise.reject(error);
          }),
      );
    });
  };
  const wrapped = function (this: unknown, ...args: unknown[]): Promise<unknown> {
    // A provider registered after wrapping: its first invocation waits for the span code (once;
    // a failed load resolves too, and the invocation goes on without spans).
    if (loadedTracing() === undefined && tracingWanted())
      return loadTracing().then(() => invoke(this, args));
    return invoke(this, args);
  };
  copyOwnSymbols(handler, wrapped);
  Object.defineProperty(wrapped, 'name', { value: handler.name, configurable: true });
  return wrapped as unknown as H;
}

/** Continues after the flush if there is one, at once otherwise (fewer promise hops per invocation). */
function settle<T>(flush: Promise<unknown> | undefined, then: () => T): T | Promise<Awaited<T>> {
  return flush === undefined ? then() : (flush.then(then) as Promise<Awaited<T>>);
}

function isAsyncFunction(fn: AnyHandler): boolean {
  return fn.constructor?.name === 'AsyncFunction';
}

/** Runs a `(event, context, callback)` handler as a promise: whichever of callback or returned promise settles first wins. */
function invokeCallbackHandler(
  handler: AnyHandler,
  self: unknown,
  args: unknown[],
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const callback = (error?: unknown, value?: unknown) => {
      if (error !== undefined && error !== null) reject(error);
      else resolve(value);
    };
    const returned = handler.call(self, args[0], args[1], callback);
    if (returned !== undefined && typeof (returned as Promise<unknown>)?.then === 'function') {
      (returned as Promise<unknown>).then(resolve, reject);
    }
  });
}

/** The runtime reads markers such as the streaming symbol from the handler itself. */
function copyOwnSymbols(from: object, to: object): void {
  for (const symbol of Object.getOwnPropertySymbols(from)) {
    const descriptor = Object.getOwnPropertyDescriptor(from, symbol);
    if (descriptor !== undefined) Object.defineProperty(to, symbol, descriptor);
  }
}
