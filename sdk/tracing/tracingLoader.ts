/**
 * Loads the SDK's span code (and with it `@opentelemetry/api`) only when something can record or
 * propagate spans: until a tracer provider or a propagator is registered, every span would be a
 * no-op, and loading them is most of what the SDK would cost at import
 * (docs/decisions/0061-load-at-import-only-what-the-first-invocation-needs.md).
 */
import { FaultSite, reportFault } from '../telemetryFaults.ts';

export type OpenTelemetryTracing = typeof import('./openTelemetryTracing.ts');

/**
 * Where every copy of `@opentelemetry/api` 1.x keeps its registered globals (`Symbol.for` of
 * `opentelemetry.js.api.<major>`, see its `internal/global-utils.js`): copies of the API find each
 * other's provider through it, so reading it needs no copy of the API.
 */
const OTEL_API_GLOBALS = Symbol.for('opentelemetry.js.api.1');

let loaded: OpenTelemetryTracing | undefined;
let loading: Promise<OpenTelemetryTracing | undefined> | undefined;
const importOpenTelemetryTracing = () => import('./openTelemetryTracing.ts');
let importTracing: () => Promise<OpenTelemetryTracing> = importOpenTelemetryTracing;

/**
 * True when a tracer provider or a propagator is registered with `@opentelemetry/api` (by
 * `startTelemetry`, a `NodeSDK`, `provider.register()`...): spans are then worth making.
 *
 * @example
 * ```ts
 * if (tracingWanted()) void loadTracing();
 * ```
 */
export function tracingWanted(): boolean {
  const globals = (globalThis as Record<symbol, { trace?: unknown; propagation?: unknown }>)[
    OTEL_API_GLOBALS
  ];
  return (
    globals !== undefined && (globals.trace !== undefined || globals.propagation !== undefined)
  );
}

/**
 * The span code if it has been loaded (it is, within an invocation, whenever tracing is wanted).
 *
 * @example
 * ```ts
 * loadedTracing()?.sdkTracer().startSpan('inference');
 * ```
 */
export function loadedTracing(): OpenTelemetryTracing | undefined {
  return loaded;
}

/**
 * Imports the span code once. Never rejects: a failed import (a bundle without the API, a broken
 * install) is reported once on stderr, resolves to undefined, and telemetry goes on without spans.
 *
 * @example
 * ```ts
 * const tracing = await loadTracing(); // undefined if it could not be loaded
 * ```
 */
export function loadTracing(): Promise<OpenTelemetryTracing | undefined> {
  if (loaded !== undefined) return Promise.resolve(loaded);
  loading ??= Promise.resolve()
    .then(importTracing)
    .then(
      (tracing) => {
        loaded = tracing;
        return tracing;
      },
      (error: unknown) => {
        reportFault(FaultSite.SPAN, error);
        return undefined;
      },
    );
  return loading;
}

/**
 * The span code when tracing is wanted, loading it if it is not yet; undefined without tracing.
 *
 * @example
 * ```ts
 * const span = (await tracingIfWanted())?.sdkTracer().startSpan('model.load');
 * ```
 */
export async function tracingIfWanted(): Promise<OpenTelemetryTracing | undefined> {
  return loaded ?? (tracingWanted() ? loadTracing() : undefined);
}

/**
 * Replaces how the span code is imported and forgets what was loaded: for tests (a failing import).
 *
 * @example
 * ```ts
 * resetTracingLoader(() => Promise.reject(new Error('no @opentelemetry/api')));
 * ```
 */
export function resetTracingLoader(
  load: () => Promise<OpenTelemetryTracing> = importOpenTelemetryTracing,
): void {
  importTracing = load;
  loaded = undefined;
  loading = undefined;
}
