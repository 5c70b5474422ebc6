import type { IntervalMetrics } from '../sim/index.ts';

const MINUTES_PER_HOUR = 60;

/**
 * The highest `ConcurrentExecutions` Maximum of some per-minute metrics (0 without traffic).
 *
 * @example
 * ```ts
 * peakConcurrency(simulateFleet({ trace, serviceModel, config }).metrics); // e.g. 6
 * ```
 */
export function peakConcurrency(metrics: readonly IntervalMetrics[]): number {
  let peak = 0;
  for (const minute of metrics) peak = Math.max(peak, minute.concurrencyMax ?? 0);
  return peak;
}

/**
 * The peak `ConcurrentExecutions` of every hour of some per-minute metrics, from the first minute
 * on (the last hour may be partial).
 *
 * @example
 * ```ts
 * hourlyPeakConcurrency(result.metrics); // [3, 2, 2, …] — one per hour
 * ```
 */
export function hourlyPeakConcurrency(metrics: readonly IntervalMetrics[]): number[] {
  const peaks = new Array<number>(Math.ceil(metrics.length / MINUTES_PER_HOUR)).fill(0);
  metrics.forEach((minute, i) => {
    const hour = Math.floor(i / MINUTES_PER_HOUR);
    peaks[hour] = Math.max(peaks[hour] ?? 0, minute.concurrencyMax ?? 0);
  });
  return peaks;
}
