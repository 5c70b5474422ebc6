import { InvocationRecorder } from './invocation/invocationRecorder.ts';
import { type InvocationState, invocationStore } from './invocation/invocationState.ts';
import { executionEnvironment } from './lifecycle/executionEnvironment.ts';
import { resolveTelemetryOptions, type TelemetryOptions } from './telemetryOptions.ts';
import { loadTracing, tracingWanted } from './tracing/tracingLoader.ts';

/** The request object Middy passes to every middleware (only what is read here). */
export interface MiddyLikeRequest {
  event: unknown;
  context: unknown;
  response?: unknown;
  error?: unknown;
}

/** A Middy middleware: `before`, `after`, `onError`. Declared here so Middy is not a dependency. */
export interface MiddyLikeMiddleware {
  before: (request: MiddyLikeRequest) => void;
  after: (request: MiddyLikeRequest) => Promise<void>;
  onError: (request: MiddyLikeRequest) => Promise<void>;
}

/**
 * The same telemetry as {@link withTelemetry}, as a Middy middleware, without depending on Middy.
 * State is kept per request object, so concurrent invocations never mix. `onError` records the
 * failure and leaves the error where it is, so Middy rethrows it unchanged.
 *
 * Use it first in the chain (`.use(telemetryMiddleware())` before the others) so its latency
 * covers the other middlewares too.
 *
 * @example
 * ```ts
 * import middy from '@middy/core';
 * import { telemetryMiddleware } from '@lambda-thermostat/sdk';
 * export const handler = middy(async (event) => score(event)).use(telemetryMiddleware());
 * ```
 */
export function telemetryMiddleware(options?: TelemetryOptions): MiddyLikeMiddleware {
  const recorder = new InvocationRecorder(resolveTelemetryOptions(options));
  const states = new WeakMap<object, InvocationState>();
  executionEnvironment.noteInitActivity();
  // With a tracer provider registered, the span code loads now, during init; an invocation that
  // starts before it has loaded has no span (Middy's hooks cannot wait without losing `enterWith`).
  if (tracingWanted()) void loadTracing();

  const end = async (request: MiddyLikeRequest, failed: boolean): Promise<void> => {
    const state = states.get(request);
    if (state === undefined) return;
    states.delete(request);
    await recorder.finish(
      state,
      { failed, error: request.error, result: request.response },
      request.context,
    );
    invocationStore.release(state);
  };

  return {
    // Synchronous on purpose: `enterWith` then reaches the handler Middy awaits next, so model
    // runs inside the handler find this invocation (Middy gives middlewares no way to wrap it).
    before: (request) => {
      const state = recorder.start(request.event, request.context);
      states.set(request, state);
      invocationStore.enterWith(state);
    },
    after: (request) => end(request, false),
    onError: (request) => end(request, true),
  };
}
