import { nearestRankPercentile } from '../../sim/index.ts';

/**
 * The nearest-rank p99 of the end-to-end latencies of some requests, where `throttles` more
 * requests were refused: a throttled request never got an answer, so it counts as an infinitely
 * slow one (a 429 is a miss for the SLO, not a fast reply). `Infinity` when more than 1% of the
 * requests were throttled; `null` when there were no requests at all.
 *
 * @example
 * ```ts
 * p99WithThrottles(Float64Array.of(10, 20, 30), 0); // 30
 * p99WithThrottles(new Float64Array(99).fill(10), 1); // 10 (rank 99 of 100)
 * p99WithThrottles(new Float64Array(98).fill(10), 2); // Infinity
 * ```
 */
export function p99WithThrottles(e2eMs: Float64Array, throttles: number): number | null {
  if (throttles === 0) return nearestRankPercentile(e2eMs, 99);
  const all = new Float64Array(e2eMs.length + throttles);
  all.set(e2eMs);
  all.fill(Number.POSITIVE_INFINITY, e2eMs.length);
  return nearestRankPercentile(all, 99);
}
