/**
 * `@lambda-thermostat/sdk/otel`: an optional OpenTelemetry SDK setup for Lambda. It is the only
 * module that touches `@opentelemetry/sdk-node` (an optional peer dependency, imported lazily:
 * it costs a few hundred milliseconds of import that functions without tracing should not pay).
 */
import { context, propagation, trace } from '@opentelemetry/api';
import type { NodeSDKConfiguration } from '@opentelemetry/sdk-node';
import { setInvocationFlush } from '../flushHook.ts';
import * as openTelemetryTracing from '../tracing/openTelemetryTracing.ts';
import { provideTracing } from '../tracing/tracingLoader.ts';

// Evaluating this entry point gives the core SDK its span code (sdk/tracing/tracingLoader.ts).
provideTracing(openTelemetryTracing);

/**
 * Makes `withTelemetry` emit spans through the tracer provider you register yourself, in a bundled
 * function (a `node_modules` install finds the span code without it). `startTelemetry` does it too.
 *
 * @example
 * ```ts
 * import { enableSpans } from '@lambda-thermostat/sdk/otel';
 * new NodeTracerProvider({ spanProcessors: [processor] }).register();
 * enableSpans();
 * ```
 */
export function enableSpans(): void {
  provideTracing(openTelemetryTracing);
}

export interface StartTelemetryOptions extends Partial<NodeSDKConfiguration> {
  /**
   * The most a flush at the end of an invocation may take, in ms (default 2,000). The
   * invocation's remaining time lowers it further: a slow or dead exporter never hangs a request.
   */
  readonly flushCapMs?: number;
}

/** What `startTelemetry` started: flush and shut it down yourself if you need to. */
export interface TelemetryHandle {
  forceFlush(): Promise<void>;
  shutdown(): Promise<void>;
}

/**
 * Starts the OpenTelemetry Node SDK (exporter, processors, resource from `OTEL_*` variables or the
 * options) and makes `withTelemetry` flush spans at the end of every invocation, before Lambda
 * freezes the environment, bounded by `min(flushCapMs, remaining time − 50 ms)`.
 *
 * @example
 * ```ts
 * import { startTelemetry } from '@lambda-thermostat/sdk/otel';
 * import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
 * await startTelemetry({ traceExporter: new OTLPTraceExporter(), serviceName: 'ocr-detector' });
 * ```
 */
export async function startTelemetry(
  options: StartTelemetryOptions = {},
): Promise<TelemetryHandle> {
  const { flushCapMs = 2000, ...sdkOptions } = options;
  enableSpans();
  const { NodeSDK } = await import('@opentelemetry/sdk-node');
  const sdk = new NodeSDK({
    serviceName: sdkOptions.serviceName ?? process.env.AWS_LAMBDA_FUNCTION_NAME,
    ...sdkOptions,
  });
  sdk.start();
  const provider = trace.getTracerProvider() as { getDelegate?: () => unknown };
  const delegate = (provider.getDelegate?.() ?? provider) as { forceFlush?: () => Promise<void> };
  const forceFlush = async () => {
    await delegate.forceFlush?.();
  };
  setInvocationFlush(forceFlush, flushCapMs);
  return {
    forceFlush,
    shutdown: async () => {
      setInvocationFlush(undefined);
      await sdk.shutdown();
      // Unregister the globals too, so telemetry can be started again in this process.
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}
