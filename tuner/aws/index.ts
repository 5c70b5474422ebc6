/**
 * The tuner's AWS adapters: CloudWatch metrics, Lambda state and actuation, S3 reports, the
 * scheduled handler. The cycle they plug into lives in tuner/cycle (tuner/cycle/index.ts).
 */

export type { ActuationWaits } from './actuationContext.ts';
export { ActuationTimeoutError } from './actuationTimeoutError.ts';
export { type AwsClientOptions, DEFAULT_MAX_ATTEMPTS } from './awsClientOptions.ts';
export { withBasicStatisticsOnly } from './basicStatisticsOnly.ts';
export {
  type CallerAccount,
  type CallerIdentitySource,
  StsCallerIdentity,
} from './callerIdentity.ts';
export { type Clock, systemClock } from './clock.ts';
export {
  CloudWatchMetricsSource,
  type CloudWatchMetricsSourceOptions,
} from './cloudWatchMetricsSource.ts';
export { fetchMetricData, MAX_QUERIES_PER_REQUEST } from './fetchMetricData.ts';
export { createTunerHandler, handler } from './handler.ts';
export { DEFAULT_WAITS, LambdaActuator, type LambdaActuatorOptions } from './lambdaActuator.ts';
export { LambdaApi, type LambdaApiOptions } from './lambdaApi.ts';
export { LambdaStateReader, type LambdaStateReaderOptions } from './lambdaStateReader.ts';
export { loadConfigFile } from './loadConfigFile.ts';
export { buildMetricQueries, METRIC_FIELDS, queryId } from './metricQueries.ts';
export { ProvisionedConcurrencyAllocationError } from './provisionedConcurrencyAllocationError.ts';
export { ReportLocationError, S3ReportSink, type S3ReportSinkOptions } from './s3ReportSink.ts';
export { S3TunerMemoryStore } from './s3TunerMemoryStore.ts';
export { TargetOutsideAccountError } from './targetOutsideAccountError.ts';
