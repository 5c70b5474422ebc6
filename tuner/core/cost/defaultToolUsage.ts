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

/**
 * Log bytes an invocation, as ingested, that the SDK writes at its defaults (aggregated EMF,
 * sdk/emf/emfEmitter.ts), by invocations a day: measured on one environment serving Poisson
 * arrivals (test/support/sdkWrites.ts). A quiet environment writes each request at once (about
 * 430 bytes); a busy one a document a minute (about 40 bytes a request).
 */
export const DEFAULT_LOG_BYTES_BY_RATE: readonly {
  readonly perDay: number;
  readonly bytes: number;
}[] = [
  { perDay: 1_000, bytes: 432 },
  { perDay: 10_000, bytes: 214 },
  { perDay: 100_000, bytes: 40.5 },
  { perDay: 1_000_000, bytes: 38.6 },
];

/**
 * The SDK at its defaults for a function of `invocationsPerDay`: the default metric set, and
 * the log bytes of aggregated documents at that rate (log-linear between the measured rates,
 * the nearest one outside them).
 *
 * @example
 * ```ts
 * defaultTelemetryUsage(100_000).logBytesPerInvocation; // 40.5
 * ```
 */
export function defaultTelemetryUsage(invocationsPerDay: number): TelemetrySettingsCost {
  const table = DEFAULT_LOG_BYTES_BY_RATE;
  const first = table[0] as (typeof table)[number];
  const last = table[table.length - 1] as (typeof table)[number];
  let bytes = invocationsPerDay <= first.perDay ? first.bytes : last.bytes;
  for (let i = 1; i < table.length; i++) {
    const low = table[i - 1] as (typeof table)[number];
    const high = table[i] as (typeof table)[number];
    if (invocationsPerDay > low.perDay && invocationsPerDay <= high.perDay) {
      const at = Math.log(invocationsPerDay / low.perDay) / Math.log(high.perDay / low.perDay);
      bytes = low.bytes + at * (high.bytes - low.bytes);
    }
  }
  return { customMetricsPerFunction: DEFAULT_METRICS.length, logBytesPerInvocation: bytes };
}

/** A target observed only through AWS/Lambda's metrics (no SDK): nothing written, nothing billed. */
export const NO_TELEMETRY_USAGE: TelemetrySettingsCost = {
  customMetricsPerFunction: 0,
  logBytesPerInvocation: 0,
};

/**
 * The tuner function as the construct deploys it by default (infra/function/tunerFunction.ts;
 * test/infra/inferenceTuner.test.ts ties the two): arm64, 1,024 MB, about 0.58 of the
 * vCPU a 1,769 MB function gets, so planning takes 1,769 / 1,024 of its CPU time.
 */
export const DEFAULT_TUNER_FUNCTION = { memoryMb: 1024, architecture: 'arm64' } as const;

/** Memory at which Lambda gives a function one full vCPU. */
export const ONE_VCPU_MB = 1769;

/** Planning CPU time per target per cycle, ms on one core: measured by the bench, busiest sample function. */
export const PLANNING_CPU_MS_PER_TARGET = 185;

/** The scheduled handler's cycle (tuner/aws/handler.ts) at its defaults. */
export const DEFAULT_TUNER_CYCLE_USAGE: TunerCycleCost = {
  // The incremental observation (tuner/cycle/planObservationReads.ts) of a target with traffic:
  // one query a fast field every cycle, the slow ones once an hour (every 12th 5-minute cycle,
  // tuner/cycle/observationCadence.ts). An idle target asks for less; a new one once for more.
  metricsRequestedPerTargetPerCycle: FAST_FIELDS.length + (SLOW_FIELDS.length * 5) / 60,
  // Waits on AWS APIs, assumed: 1 s a cycle (GetMetricData, S3, account settings), 0.2 s a
  // target (its Lambda reads); planning at the function's share of a vCPU.
  computeMsPerCycle: 1000,
  computeMsPerTargetPerCycle:
    200 + (PLANNING_CPU_MS_PER_TARGET * ONE_VCPU_MB) / DEFAULT_TUNER_FUNCTION.memoryMb,
  memoryMb: DEFAULT_TUNER_FUNCTION.memoryMb,
  architecture: DEFAULT_TUNER_FUNCTION.architecture,
  // Memory: a GET and a PUT (and a PUT to check it can be written, in the rare cycles with an
  // action to apply); the report and latest.json; the rolling history: a GET of history.json,
  // a PUT of it and of index.html. test/tuner/handler/handler.test.ts counts them.
  s3PutsPerCycle: 5,
  s3GetsPerCycle: 2,
  // The per-target values are plain EMF members; per tuner only ApiErrors (its alarm) is a
  // metric, declared in the cycles with errors alone: billed for the hours that have one.
  customMetricsPerTarget: 0,
  customMetricsPerTuner: 0,
  // The totals document, and per target its document and its row of the Markdown summary.
  logBytesPerCycle: 400,
  logBytesPerTargetPerCycle: 700,
};
