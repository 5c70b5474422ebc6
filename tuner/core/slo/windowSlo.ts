/**
 * The one definition of "a window meets the SLO", used by the planner's prediction, the
 * planner's reading of the last windows, the backtest's scoring and the oracle's search
 * (`test/tuner/core/windowSlo.test.ts` checks that those four agree on the same windows).
 *
 * A window meets a p99 target when the nearest-rank p99 of the end-to-end latencies of the
 * requests that arrived in it is at or below the target, a throttled request counting as an
 * infinitely slow one (a 429 is a miss for the SLO, not a fast reply). The nearest-rank p99 of
 * n values is the value of rank ⌈0.99 n⌉ in ascending order (`tuner/sim/percentile.ts`), so the
 * p99 is within the target exactly when at most n − ⌈0.99 n⌉ requests are above it: the rule can
 * be judged from a count of slow requests as well as from the latencies themselves.
 */
import { nearestRankIndex, nearestRankPercentile, selectInPlace } from '../../sim/percentile.ts';
import { badRequestCount } from './requestSli.ts';

/** The percentile the SLO is stated on. */
export const SLO_PERCENTILE = 99;

/**
 * How many of a window's requests (throttled ones included) may be slower than the target while
 * its nearest-rank p99 stays within it: n − ⌈0.99 n⌉ (0 for an empty window).
 *
 * @example
 * ```ts
 * slowRequestsAllowed(99);  // 0: rank 99 of 99 is the slowest
 * slowRequestsAllowed(100); // 1
 * slowRequestsAllowed(250); // 2
 * ```
 */
export function slowRequestsAllowed(requests: number): number {
  if (requests <= 0) return 0;
  return requests - (nearestRankIndex(requests, SLO_PERCENTILE) + 1);
}

/**
 * Whether a window meets the SLO, from its request count and how many of them were slower than
 * the target (throttled requests counted among both). A window without requests meets it
 * vacuously; scorers that leave such windows out do so themselves.
 *
 * @example
 * ```ts
 * windowMeetsSlo({ requests: 100, slowRequests: 1 }); // true
 * windowMeetsSlo({ requests: 100, slowRequests: 2 }); // false
 * ```
 */
export function windowMeetsSlo(window: {
  readonly requests: number;
  readonly slowRequests: number;
}): boolean {
  return window.slowRequests <= slowRequestsAllowed(window.requests);
}

/**
 * Whether a window of served end-to-end latencies and throttled requests meets a p99 target
 * (true for a window without requests; see `windowMeetsSlo`).
 *
 * @example
 * ```ts
 * windowLatenciesMeetSlo([...new Array(99).fill(10), 500], 0, 200); // true: rank 99 of 100 is 10 ms
 * windowLatenciesMeetSlo(new Array(98).fill(10), 2, 200);           // false: rank 99 is a throttle
 * ```
 */
export function windowLatenciesMeetSlo(
  servedE2eMs: ArrayLike<number>,
  throttles: number,
  thresholdMs: number,
): boolean {
  return windowMeetsSlo({
    requests: servedE2eMs.length + throttles,
    slowRequests: badRequestCount(servedE2eMs, throttles, thresholdMs),
  });
}

/**
 * The nearest-rank p99 of a window's end-to-end latencies, its throttled requests counted as
 * infinitely slow: `Infinity` when more than 1% of them were throttled, `null` without requests.
 * `windowLatenciesMeetSlo(e, t, x)` is exactly `windowP99Ms(e, t) <= x` for a window with requests.
 *
 * @example
 * ```ts
 * windowP99Ms(Float64Array.of(10, 20, 30), 0);        // 30
 * windowP99Ms(new Float64Array(99).fill(10), 1);      // 10 (rank 99 of 100)
 * windowP99Ms(new Float64Array(98).fill(10), 2);      // Infinity
 * windowP99Ms(new Float64Array(0), 0);                // null
 * ```
 */
export function windowP99Ms(servedE2eMs: ArrayLike<number>, throttles: number): number | null {
  if (throttles === 0) return nearestRankPercentile(servedE2eMs, SLO_PERCENTILE);
  const all = new Float64Array(servedE2eMs.length + throttles);
  for (let i = 0; i < servedE2eMs.length; i++) all[i] = servedE2eMs[i] as number;
  all.fill(Number.POSITIVE_INFINITY, servedE2eMs.length);
  return selectInPlace(all, 0, all.length - 1, nearestRankIndex(all.length, SLO_PERCENTILE));
}
