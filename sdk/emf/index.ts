/**
 * `@lambda-thermostat/sdk/emf`: the telemetry contract (namespace, metric names, dimensions,
 * units) and the Embedded Metric Format writer, without the telemetry wrapper. The tuner reads
 * the metrics the SDK writes by these names, and writes its own metrics with the same writer.
 */

export type { EmfBatch, MetricSeries } from './emfDocument.ts';
export { EMF_LIMITS, serialiseEmf } from './emfDocument.ts';
export { type EmfLineWriter, writeToStdout } from './stdoutWriter.ts';
export * from './telemetryContract.ts';
export { MetricUnit } from './units.ts';
