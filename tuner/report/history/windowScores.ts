import type { HistoryMinute, TargetHistory } from '../schema/historyReportSchema.ts';

/** The SLO's window, minutes: the tuner scores 5-minute windows (see tuner/aws/cycle/observedSummary.ts). */
export const SLO_WINDOW_MINUTES = 5;

/**
 * Share of windows that must meet the SLO: the budget the planner spends half of (see
 * docs/decisions/0004-error-budget-priced-decisions.md).
 */
export const ERROR_BUDGET_OBJECTIVE = 0.99;

/**
 * Scores a target's minutes in SLO windows aligned to the clock (12:00, 12:05, …). A window with
 * traffic meets the SLO when its worst per-minute p99 is within the target — per-minute p99s
 * cannot be merged exactly, and the worst bounds the window's from above, so a window counted as
 * met did meet it — and no more than 1% of its requests were throttled (a throttled request counts
 * as infinitely slow). Windows without traffic are not scored.
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
  const windows = new Map<number, { requests: number; throttles: number; worstP99: number }>();
  for (const m of minutes) {
    const start = Math.floor(m.startMs / windowMs) * windowMs;
    const w = windows.get(start) ?? { requests: 0, throttles: 0, worstP99: 0 };
    w.requests += m.requests;
    w.throttles += m.throttles;
    if (m.e2eP99Ms !== null) w.worstP99 = Math.max(w.worstP99, m.e2eP99Ms);
    windows.set(start, w);
  }
  let scored = 0;
  let met = 0;
  const missedStartMs: number[] = [];
  for (const [start, w] of [...windows].sort((a, b) => a[0] - b[0])) {
    if (w.requests === 0) continue;
    scored++;
    if (w.worstP99 <= sloP99Ms && w.throttles <= 0.01 * w.requests) met++;
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
