import { MetricUnit } from './units.ts';

/** The EMF namespace the SDK writes to unless told otherwise (docs/architecture.md, "The telemetry contract"). */
export const DEFAULT_NAMESPACE = 'LambdaThermostat';

/**
 * The metrics of the telemetry contract (docs/architecture.md, "The telemetry contract"): the names the tuner queries. Changing one
 * breaks every deployed tuner, so they live here, once.
 */
export const Metric = {
  Invocations: { name: 'Invocations', unit: MetricUnit.Count },
  ColdStart: { name: 'ColdStart', unit: MetricUnit.Count },
  InitDuration: { name: 'InitDuration', unit: MetricUnit.Milliseconds },
  InvokeLatency: { name: 'InvokeLatency', unit: MetricUnit.Milliseconds },
  EndToEndLatency: { name: 'EndToEndLatency', unit: MetricUnit.Milliseconds },
  InferenceLatency: { name: 'InferenceLatency', unit: MetricUnit.Milliseconds },
  ModelLoadDuration: { name: 'ModelLoadDuration', unit: MetricUnit.Milliseconds },
  CpuTime: { name: 'CpuTime', unit: MetricUnit.Milliseconds },
  BatchSize: { name: 'BatchSize', unit: MetricUnit.Count },
  Cost: { name: 'Cost', unit: MetricUnit.None },
  MemoryUsed: { name: 'MemoryUsed', unit: MetricUnit.Megabytes },
} as const;
export type MetricName = (typeof Metric)[keyof typeof Metric]['name'];

/**
 * The metrics the SDK emits as CloudWatch metrics by default: exactly the ones the tuner reads
 * (tuner/aws/metricQueries.ts), because CloudWatch bills every custom metric ($0.30 a month per
 * metric and dimension set in us-east-1). `EndToEndLatency` is the SLO; `InitDuration` is written
 * on user-facing cold starts only, so its SampleCount is their number; `CpuTime` over AWS/Lambda's
 * Duration is how CPU-bound the work is.
 */
export const DEFAULT_METRICS = [
  Metric.EndToEndLatency.name,
  Metric.InitDuration.name,
  Metric.CpuTime.name,
] as const satisfies readonly MetricName[];

/**
 * Every other metric of the contract: written in each document as a plain member (searchable
 * with Logs Insights, free as a metric) unless opted in with the `metrics: [...]` option or
 * `THERMOSTAT_METRICS` (comma-separated).
 */
export const OPT_IN_METRICS = [
  Metric.Invocations.name,
  Metric.ColdStart.name,
  Metric.InvokeLatency.name,
  Metric.InferenceLatency.name,
  Metric.BatchSize.name,
  Metric.ModelLoadDuration.name,
  Metric.Cost.name,
  Metric.MemoryUsed.name,
] as const satisfies readonly MetricName[];
export type OptInMetricName = (typeof OPT_IN_METRICS)[number];

/** The default dimension set: both line up with AWS/Lambda's own `FunctionName` + `Resource`. */
export const Dimension = {
  FunctionName: 'FunctionName',
  Resource: 'Resource',
} as const;
