/**
 * The per-minute values a metrics source can be asked for: each field of `IntervalMetrics` (one
 * CloudWatch statistic each) and `withinSloPercent` (`PR(:slo)` of EndToEndLatency). GetMetricData
 * bills every statistic requested, per request, whatever the number of datapoints, so the cycle
 * asks for the fields it needs when it needs them (docs/decisions/0055-incremental-observation.md).
 */
import type { IntervalMetrics } from '../../sim/intervalMetrics.ts';

/** One value per minute that a metrics source reads. */
export type ObservedField =
  | Exclude<keyof IntervalMetrics, 'startMs' | 'periodSec'>
  | 'withinSloPercent';

/** Fields that read 0, not null, in a minute without datapoints. */
export const COUNT_FIELDS = [
  'invocations',
  'throttles',
  'errors',
  'spillover',
  'coldStarts',
] as const satisfies readonly ObservedField[];

/** Every field, in the order of `IntervalMetrics`, then the percentile rank. */
export const ALL_OBSERVED_FIELDS = [
  'invocations',
  'throttles',
  'errors',
  'durationP50Ms',
  'durationP99Ms',
  'concurrencyMax',
  'pcUtilizationMax',
  'pcUtilizationAvg',
  'spillover',
  'e2eP50Ms',
  'e2eP99Ms',
  'coldStarts',
  'initP50Ms',
  'cpuTimeAvgMs',
  'invokeLatencyAvgMs',
  'withinSloPercent',
] as const satisfies readonly ObservedField[];

/**
 * Read every cycle for a target with traffic: what the planner reads minute by minute (demand,
 * the rollback watch's errors, the latency model's durations, the safety margin's p99 and cold
 * starts; tuner/core/plan/planTarget.ts) and the report's share within the SLO.
 */
export const FAST_FIELDS = [
  'invocations',
  'throttles',
  'errors',
  'durationP50Ms',
  'durationP99Ms',
  'e2eP99Ms',
  'coldStarts',
  'withinSloPercent',
] as const satisfies readonly ObservedField[];

/**
 * Read on the slow cadence: the latency model's slow-moving inputs (init duration, the CPU-bound
 * share from CpuTime over Duration) and what only the reports read (concurrency, provisioned
 * utilisation, spill-over, the end-to-end median).
 */
export const SLOW_FIELDS = ALL_OBSERVED_FIELDS.filter(
  (field) => !(FAST_FIELDS as readonly string[]).includes(field),
);

/** The slow fields the planner reads (the rest are for reports). */
export const SLOW_MODEL_FIELDS = [
  'initP50Ms',
  'cpuTimeAvgMs',
  'invokeLatencyAvgMs',
] as const satisfies readonly ObservedField[];

/** Demand (invocations plus throttles): the idle probe, and the same hour yesterday. */
export const DEMAND_FIELDS = [
  'invocations',
  'throttles',
] as const satisfies readonly ObservedField[];

/**
 * True when `field` reads 0 rather than null without datapoints.
 *
 * @example
 * ```ts
 * isCountField('coldStarts'); // true
 * isCountField('e2eP99Ms'); // false
 * ```
 */
export function isCountField(field: ObservedField): boolean {
  return (COUNT_FIELDS as readonly string[]).includes(field);
}
