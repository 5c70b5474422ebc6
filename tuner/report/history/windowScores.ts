import { slowRequestsAllowed, windowMeetsSlo } from '../../core/slo/windowSlo.ts';
import type { HistoryMinute, TargetHistory } from '../schema/historyReportSchema.ts';

/** The SLO's window, minutes: the tuner scores 5-minute windows (see tuner/aws/cycle/observedSummary.ts). */
export const SLO_WINDOW_MINUTES = 5;

/**
 * Share of windows that must meet the SLO: the budget the planner spends half of (see
 * docs/decisions/0004-error-budget-priced-decisions.md).
 */
export const ERROR_BUDGET_OBJECTIVE = 0.99;

/**
 * Scores a target's minutes in SLO windows aligned to the clock (12:00, 12:05, …), by the rule of
 * `tuner/core/slo/windowSlo.ts` (throttled requests infinitely slow). Per-minute p99s cannot be
 * merged exactly, so each window is judged on an upper bound of its slow requests — in a minute
 * whose p99 is within the target at most the 1% a p99 allows of its served requests, in any other
 * minute all of them, and every throttle — and a window counted as met did meet it. A minute
 * without a latency datapoint counts as within the target. Windows without traffic are not scored.
 *
 * @example
 * ```ts
 * scoreWindows(minutes, 200).met; // e.g. 287
 * ```
 */
export function scoreWindows(
  minutes: readonly HistoryMinute[],
  sloP99Ms: number,
  windowMinutes = SLO_WINDOW_MINUTES,
): TargetHistory['windows'] {
  const windowMs = windowMinutes * 60_000;
  const windows = new Map<number, { requests: number; slowAtMost: number }>();
  for (const m of minutes) {
    const start = Math.floor(m.startMs / windowMs) * windowMs;
    const w = windows.get(start) ?? { requests: 0, slowAtMost: 0 };
    const served = m.requests - m.throttles;
    const withinTarget = m.e2eP99Ms === null || m.e2eP99Ms <= sloP99Ms;
    w.requests += m.requests;
    w.slowAtMost += m.throttles + (withinTarget ? slowRequestsAllowed(served) : served);
    windows.set(start, w);
  }
  let scored = 0;
  let met = 0;
  const missedStartMs: number[] = [];
  for (const [start, w] of [...windows].sort((a, b) => a[0] - b[0])) {
    if (w.requests === 0) continue;
    scored++;
    if (windowMeetsSlo({ requests: w.requests, slowRequests: w.slowAtMost })) met++;
    else missedStartMs.push(start);
  }
  return { minutes: windowMinutes, scored, met, missedStartMs };
}

/**
 * The error budget: misses the objective allows over the scored windows, and the share spent.
 *
 * @example
 * ```ts
 * errorBudget({ minutes: 5, scored: 288, met: 287, missedStartMs: [0] }).spent; // 1 / 2.88 ≈ 0.35
 * ```
 */
export function errorBudget(
  windows: TargetHistory['windows'],
  objective = ERROR_BUDGET_OBJECTIVE,
): TargetHistory['errorBudget'] {
  const allowedMisses = windows.scored * (1 - objective);
  const misses = windows.scored - windows.met;
  return {
    objective,
    allowedMisses,
    misses,
    spent: windows.scored === 0 ? null : misses / allowedMisses,
  };
}
