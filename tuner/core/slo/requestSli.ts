/**
 * The one definition of "a request is good" (docs/decisions/0067-slos-as-application-signals-defines-them.md):
 * it was served and its end-to-end latency is at or below the threshold. A throttled request is
 * bad whatever the threshold (a 429 is not a fast reply). The window rule
 * (`tuner/core/slo/windowSlo.ts`) counts its slow requests with it, and a request-based SLO
 * counts its bad requests with it.
 */

/**
 * Whether one served request is good: its end-to-end latency within the threshold.
 *
 * @example
 * ```ts
 * servedRequestIsGood(300, 300); // true
 * servedRequestIsGood(301, 300); // false
 * ```
 */
export function servedRequestIsGood(e2eMs: number, thresholdMs: number): boolean {
  return e2eMs <= thresholdMs;
}

/**
 * The bad requests among served end-to-end latencies and throttled requests: every throttle, and
 * every served request slower than the threshold.
 *
 * @example
 * ```ts
 * badRequestCount([120, 200, 201], 1, 200); // 2 (201 ms and the throttle)
 * ```
 */
export function badRequestCount(
  servedE2eMs: ArrayLike<number>,
  throttles: number,
  thresholdMs: number,
): number {
  let bad = throttles;
  for (let i = 0; i < servedE2eMs.length; i++) {
    if (!servedRequestIsGood(servedE2eMs[i] as number, thresholdMs)) bad++;
  }
  return bad;
}

/**
 * Bad requests of a minute seen only through its metrics: the served requests outside the
 * threshold from the share CloudWatch's `PR(:threshold)` reports within it (percent, 0..100),
 * plus the throttles. Null when the share is unknown and some request was served.
 *
 * @example
 * ```ts
 * badRequestsFromWithinShare({ served: 200, withinPercent: 99.5, throttles: 1 }); // 2
 * ```
 */
export function badRequestsFromWithinShare(minute: {
  readonly served: number;
  readonly withinPercent: number | null;
  readonly throttles: number;
}): number | null {
  if (minute.served === 0) return minute.throttles;
  if (minute.withinPercent === null) return null;
  const outside = Math.round(minute.served * (1 - minute.withinPercent / 100));
  return Math.max(0, Math.min(minute.served, outside)) + minute.throttles;
}
