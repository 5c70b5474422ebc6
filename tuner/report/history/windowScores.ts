import {
  SLO_ERROR_BUDGET,
  SLO_WINDOW_MINUTES,
  slowRequestsAllowed,
  windowMeetsSlo,
} from '../../core/slo/windowSlo.ts';
import type { HistoryMinute, TargetHistory } from '../schema/historyReportSchema.ts';

/**
 * The slow requests of a minute, or an upper bound on them, and which. A minute whose cycle
 * report carried its share within the SLO (`PR(:sloP99Ms)`) has them counted
 * (`slowRequestsOfMinute`); any other has at most the 1% a p99 allows of its served requests when
 * its p99 is within the target (or it has no latency datapoint), else all of them; every throttle
 * counts.
 *
 * @example
 * ```ts
 * minuteSlowRequests({ requests: 100, throttles: 0, e2eP99Ms: 150, slowRequests: 0 }, 200);
 * // { slow: 0, exact: true }
 * minuteSlowRequests({ requests: 100, throttles: 0, e2eP99Ms: 250 }, 200);
 * // { slow: 100, exact: false }
 * ```
 */
export function minuteSlowRequests(
  m: Pick<HistoryMinute, 'requests' | 'throttles' | 'e2eP99Ms' | 'slowRequests'>,
  sloP99Ms: number,
): { readonly slow: number; readonly exact: boolean } {
  if (m.slowRequests !== undefined) return { slow: m.slowRequests, exact: true };
  const served = m.requests - m.throttles;
  const withinTarget = m.e2eP99Ms === null || m.e2eP99Ms <= sloP99Ms;
  return {
    slow: m.throttles + (withinTarget ? slowRequestsAllowed(served) : served),
    exact: served === 0,
  };
}

/**
 * A minute's slow requests from its metrics: its throttles, and the share of its invocations
 * CloudWatch's `PR(:sloP99Ms)` puts above the target (the SDK emits one EndToEndLatency sample
 * per invocation, so the share times the invocations is a whole number up to rounding).
 * Undefined when the minute had invocations and no share was read: it can then only be bounded.
 *
 * @example
 * ```ts
 * slowRequestsOfMinute({ invocations: 140, throttles: 1, withinSloPercent: 97.857 }); // 4
 * slowRequestsOfMinute({ invocations: 140, throttles: 0, withinSloPercent: null });   // undefined
 * ```
 */
export function slowRequestsOfMinute(m: {
  readonly invocations: number;
  readonly throttles: number;
  readonly withinSloPercent?: number | null;
}): number | undefined {
  if (m.invocations === 0) return m.throttles;
  if (m.withinSloPercent === null || m.withinSloPercent === undefined) return undefined;
  return m.throttles + Math.round((m.invocations * (100 - m.withinSloPercent)) / 100);
}

/**
 * Scores a target's minutes in SLO windows aligned to the clock (12:00, 12:05, …) by the one rule
 * of `tuner/core/slo/windowSlo.ts` (throttled requests infinitely slow). A window is judged
 * exactly when every minute of it with traffic has its slow requests counted (the cycle reports
 * carry each minute's `PR(:sloP99Ms)`); otherwise on an upper bound of them (`minuteSlowRequests`),
 * so a window counted as met did meet it. Windows without traffic are not scored, nor are those
 * the history does not hold every minute of (the newest one until the next cycle reports it).
 *
 * @example
 * ```ts
 * scoreWindows(minutes, 200).met; // e.g. 284
 * ```
 */
export function scoreWindows(
  minutes: readonly HistoryMinute[],
  sloP99Ms: number,
  windowMinutes = SLO_WINDOW_MINUTES,
): TargetHistory['windows'] {
  const windowMs = windowMinutes * 60_000;
  const windows = new Map<
    number,
    { minutes: Set<number>; requests: number; slow: number; exact: boolean }
  >();
  for (const m of minutes) {
    const start = Math.floor(m.startMs / windowMs) * windowMs;
    const w = windows.get(start) ?? { minutes: new Set(), requests: 0, slow: 0, exact: true };
    const counted = minuteSlowRequests(m, sloP99Ms);
    w.minutes.add(m.startMs);
    w.requests += m.requests;
    w.slow += counted.slow;
    w.exact &&= counted.exact;
    windows.set(start, w);
  }
  let scored = 0;
  let met = 0;
  let exact = 0;
  let incomplete = 0;
  const missedStartMs: number[] = [];
  for (const [start, w] of [...windows].sort((a, b) => a[0] - b[0])) {
    if (w.requests === 0) continue;
    if (w.minutes.size < windowMinutes) {
      incomplete++;
      continue;
    }
    scored++;
    if (w.exact) exact++;
    if (windowMeetsSlo({ requests: w.requests, slowRequests: w.slow })) met++;
    else missedStartMs.push(start);
  }
  return { minutes: windowMinutes, scored, met, exact, incomplete, missedStartMs };
}

/**
 * The SLO's error budget over the scored windows: the misses it allows (1% of them, the
 * `SLO_ERROR_BUDGET` of `tuner/core/slo/windowSlo.ts`) and the share spent, so 100% is a period
 * that met exactly 99% of its windows.
 *
 * @example
 * ```ts
 * errorBudget({ minutes: 5, scored: 288, met: 287, missedStartMs: [0] }).spent; // 1 / 2.88 ≈ 0.35
 * ```
 */
export function errorBudget(windows: TargetHistory['windows']): TargetHistory['errorBudget'] {
  const allowedMisses = windows.scored * SLO_ERROR_BUDGET;
  const misses = windows.scored - windows.met;
  return {
    objective: 1 - SLO_ERROR_BUDGET,
    allowedMisses,
    misses,
    spent: windows.scored === 0 ? null : misses / allowedMisses,
  };
}
