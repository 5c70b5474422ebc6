import type { IntervalMetrics } from '../../sim/intervalMetrics.ts';
import { slowRequestsAllowed, windowMeetsSlo } from '../slo/windowSlo.ts';

/** How a completed window went, from per-minute metrics. */
export interface ObservedWindow {
  readonly requests: number;
  readonly missed: boolean;
  /**
   * The throttles and the cold starts slower than the target alone miss the window: a margin on
   * the latency threshold cannot act on such a miss (docs/decisions/0071-observed-misses-calibrate-the-risk.md).
   */
  readonly missedAtAnyThreshold: boolean;
  readonly errorRate: number;
  readonly throttleRate: number;
}

/**
 * Judges a completed window from per-minute metrics. Per-minute p99s cannot be merged exactly, so
 * the window counts as missed when a lower bound on its slow requests exceeds what a p99 allows
 * (1%): per minute, its throttles and its cold starts when init + p50 exceeds the target, or, if
 * the minute's own p99 exceeded the target, just over 1% of its requests.
 *
 * @example
 * ```ts
 * observeWindow(history.slice(-5), 200).missed;
 * ```
 */
export function observeWindow(
  minutes: readonly IntervalMetrics[],
  sloP99Ms: number,
): ObservedWindow {
  let requests = 0;
  let slow = 0;
  let slowCounted = 0;
  let errors = 0;
  let throttles = 0;
  for (const m of minutes) {
    const n = m.invocations + m.throttles;
    requests += n;
    errors += m.errors;
    throttles += m.throttles;
    // A lower bound on the minute's slow requests: its throttles and slow cold starts, or, if its
    // own p99 exceeded the target, more than the 1% a p99 allows.
    const coldIsSlow = (m.initP50Ms ?? 0) + (m.durationP50Ms ?? 0) > sloP99Ms;
    const counted = m.throttles + (coldIsSlow ? m.coldStarts : 0);
    const byP99 =
      n > 0 && m.e2eP99Ms !== null && m.e2eP99Ms > sloP99Ms ? slowRequestsAllowed(n) + 1 : 0;
    slow += Math.max(counted, byP99);
    slowCounted += counted;
  }
  return {
    requests,
    missed: requests > 0 && !windowMeetsSlo({ requests, slowRequests: slow }),
    missedAtAnyThreshold: requests > 0 && !windowMeetsSlo({ requests, slowRequests: slowCounted }),
    errorRate: requests === 0 ? 0 : errors / requests,
    throttleRate: requests === 0 ? 0 : throttles / requests,
  };
}
