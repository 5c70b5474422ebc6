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

/** The default dimension set: both line up with AWS/Lambda's own `FunctionName` + `Resource`. */
export const Dimension = {
  FunctionName: 'FunctionName',
  Resource: 'Resource',
} as const;
