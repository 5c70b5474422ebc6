/**
 * lambda-thermostat SDK: telemetry for inference handlers on AWS Lambda.
 * Runtime dependencies: `@opentelemetry/api` and Node built-ins only (it loads on every cold start).
 */

export type { BatchInferenceOptions, BatchItemResult } from './batch/index.ts';
export { BatchInferenceOptionError, BatchOutputMismatchError, inferBatch } from './batch/index.ts';
export * from './cost/index.ts';
export { EmfMode } from './emf/emfEmitter.ts';
export type { MetricName, OptInMetricName } from './emf/telemetryContract.ts';
export {
  DEFAULT_METRICS,
  DEFAULT_NAMESPACE,
  Dimension,
  Metric,
  OPT_IN_METRICS,
} from './emf/telemetryContract.ts';
export { MetricUnit } from './emf/units.ts';
export { addMetadata } from './invocation/invocationState.ts';
export type { LambdaContext } from './invocation/lambdaContext.ts';
export { markReady } from './lifecycle/executionEnvironment.ts';
export { InitType } from './lifecycle/initType.ts';
export { telemetryMiddleware } from './middy.ts';
export type { InstrumentSessionOptions, LoadModelOptions } from './onnx/index.ts';
export { instrumentSession, loadModel } from './onnx/index.ts';
export type { TelemetryOptions } from './telemetryOptions.ts';
export { TelemetryConfigurationError } from './telemetryOptions.ts';
export { STREAMING_HANDLER_SYMBOL, withTelemetry } from './withTelemetry.ts';
