/**
 * The SDK's span code (and with it `@opentelemetry/api`) is not imported by the core: every span
 * would be a no-op until a tracer provider or a propagator is registered, and parsing that code
 * is most of what the SDK would cost at start-up. `@lambda-thermostat/sdk/otel` provides it; once
 * a provider is registered, the core imports that entry if nothing has
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

/**
 * The SDK's own entry point that provides the span code when it is evaluated. Imported through a
 * variable so that bundlers leave it out of a function's bundle unless the function imports it
 * (`startTelemetry` or `enableSpans`); in a `node_modules` install it resolves by itself.
 */
const SPANS_ENTRY = '@lambda-thermostat/sdk/otel';

let provided: OpenTelemetryTracing | undefined;
let loading: Promise<OpenTelemetryTracing | undefined> | undefined;
const importSpansEntry = (): Promise<unknown> => import(SPANS_ENTRY);
let importEntry: () => Promise<unknown> = importSpansEntry;

/** Spans were wanted but their code is not in the bundle. */
export class SpanCodeUnavailableError extends Error {
  constructor(cause: unknown) {
    super(
      `a tracer provider is registered but ${SPANS_ENTRY} could not be loaded; in a bundled function, call enableSpans() (or startTelemetry()) from it`,
      { cause },
    );
    this.name = 'SpanCodeUnavailableError';
  }
}

/**
 * Hands the span code to the core SDK (`@lambda-thermostat/sdk/otel` does it when evaluated).
 *
 * @example
 * ```ts
 * import * as openTelemetryTracing from './openTelemetryTracing.ts';
 * provideTracing(openTelemetryTracing);
 * ```
 */
export function provideTracing(tracing: OpenTelemetryTracing): void {
  provided = tracing;
}

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
  return provided;
}

/**
 * Imports the span code once. Never rejects: a failed import (a bundle without
 * `@lambda-thermostat/sdk/otel`, a broken install) is reported once on stderr, resolves to
 * undefined, and telemetry goes on without spans.
 *
 * @example
 * ```ts
 * const tracing = await loadTracing(); // undefined if it could not be loaded
 * ```
 */
export function loadTracing(): Promise<OpenTelemetryTracing | undefined> {
  if (provided !== undefined) return Promise.resolve(provided);
  loading ??= Promise.resolve()
    .then(importEntry)
    .then(() => {
      if (provided === undefined) throw new Error(`${SPANS_ENTRY} provided no span code`);
      return provided;
    })
    .catch((error: unknown) => {
      reportFault(FaultSite.SPAN, new SpanCodeUnavailableError(error));
      return undefined;
    });
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
  return provided ?? (tracingWanted() ? loadTracing() : undefined);
}

/**
 * Replaces how the span code's entry point is imported and forgets what was provided: for tests
 * (a bundle without it).
 *
 * @example
 * ```ts
 * resetTracingLoader(() => Promise.reject(new Error('Cannot find package')));
 * ```
 */
export function resetTracingLoader(load: () => Promise<unknown> = importSpansEntry): void {
  importEntry = load;
  provided = undefined;
  loading = undefined;
}
