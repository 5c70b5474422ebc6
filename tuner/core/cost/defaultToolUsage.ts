/**
 * What the tool does at its default settings, as inputs of its bill (./toolCost.ts) for a cycle
 * that cannot measure them itself: what the SDK writes per invocation, and what one tuner cycle
 * requests, runs and stores. test/tuner/core/cost/defaultToolUsage.test.ts ties every countable
 * figure to the code that produces it (the SDK's output, the metric queries, the tuner's own
 * metrics); `npm run bench` (test/bench/toolCost.bench.ts) measures the planning time.
 */
import { DEFAULT_METRICS } from '@lambda-thermostat/sdk/emf';
import { FAST_FIELDS, SLOW_FIELDS } from '../observe/observedFields.ts';
import type { TelemetrySettingsCost, TunerCycleCost } from './toolCost.ts';

/** The SDK at its defaults: per-invocation EMF documents declaring the default metric set. */
export const DEFAULT_TELEMETRY_USAGE: TelemetrySettingsCost = {
  customMetricsPerFunction: DEFAULT_METRICS.length,
  // Measured: a warm invocation's document and its newline, as the bench counts it.
  logBytesPerInvocation: 466,
};

/** A target observed only through AWS/Lambda's metrics (no SDK): nothing written, nothing billed. */
export const NO_TELEMETRY_USAGE: TelemetrySettingsCost = {
  customMetricsPerFunction: 0,
  logBytesPerInvocation: 0,
};

/** The scheduled handler's cycle (tuner/aws/handler.ts) at its defaults. */
export const DEFAULT_TUNER_CYCLE_USAGE: TunerCycleCost = {
  // The incremental observation (tuner/cycle/planObservationReads.ts) of a target with traffic:
  // one query a fast field every cycle, the slow ones once an hour (every 12th 5-minute cycle,
  // tuner/cycle/observationCadence.ts). An idle target asks for less; a new one once for more.
  metricsRequestedPerTargetPerCycle: FAST_FIELDS.length + (SLOW_FIELDS.length * 5) / 60,
  // Waits on AWS APIs, assumed: 1 s a cycle (GetMetricData, S3, account settings), 0.2 s a
  // target (its Lambda reads); planning, measured by the bench: under 0.2 s a target.
  computeMsPerCycle: 1000,
  computeMsPerTargetPerCycle: 400,
  memoryMb: 1769,
  architecture: 'x86_64',
  // Memory: a GET, a PUT to check it can be written, a PUT; the report and latest.json; the
  // rolling history: a GET of history.json, a PUT of it and of index.html.
  s3PutsPerCycle: 5,
  s3GetsPerCycle: 2,
  // The per-target values are plain EMF members; the per-tuner totals are metrics.
  customMetricsPerTarget: 0,
  customMetricsPerTuner: 3,
  // The totals document, and per target its document and its row of the Markdown summary.
  logBytesPerCycle: 400,
  logBytesPerTargetPerCycle: 700,
};
