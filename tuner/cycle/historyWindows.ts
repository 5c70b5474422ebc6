/**
 * The two GetMetricData windows a cycle reads, and why.
 *
 * The planner needs (see tuner/core/plan/planTarget.ts): the last 120 one-minute rows for its
 * latency model (plus the hour before a memory change), the last 60 for "is there traffic", the
 * last 30 for the demand pool, 15 for the rollback watch; and, for the daily seasonal forecast,
 * the 15 minutes before and the horizon (10 minutes) after the same time yesterday.
 *
 * So the planner sees the 3 hours up to the newest complete minute and a 1-hour slice centred on
 * now − 24 h, both at 1-minute resolution: 240 rows per metric instead of the 1,470 of one
 * contiguous 24.5-hour window. Read in full every cycle (`observation: 'full'`, ./observeHistory.ts)
 * that is 32 metrics requested per target per cycle (GetMetricData bills per metric requested,
 * about 2.8 USD per target per month at a 5-minute schedule); the shipped cycle keeps the minutes
 * it read and asks only for the new ones (./observeIncrementally.ts,
 * docs/decisions/0055-incremental-observation.md). A week ago is not read: the daily signal
 * carries most of the seasonality, and the forecast works without the weekly one.
 */
import type { ObservationWindow } from '../core/ports.ts';

const MINUTE_MS = 60_000;

/** The windows' sizes, minutes. */
export const HISTORY_WINDOWS = {
  /** The recent window: the latency model's 2 hours and an hour of slack before a memory change. */
  recentMinutes: 180,
  /** How far back the seasonal slice is centred. */
  seasonalLagMinutes: 24 * 60,
  /** Half the seasonal slice: covers the forecast's 15 minutes before and horizon after. */
  seasonalHalfWidthMinutes: 30,
  /** CloudWatch keeps 1-minute data for 15 days; the planner works in minutes. */
  periodSec: 60,
  /**
   * The newest minutes left out: CloudWatch returns a minute's datapoints only some time after
   * it ends (EMF metrics pass through CloudWatch Logs), and a missing minute would read as a
   * minute without traffic. The simulated account models the same delay
   * (tuner/local/simulatedAccount/simulatedMetricsSource.ts).
   */
  completenessDelayMinutes: 2,
} as const;

/** The recent window and the same-time-yesterday slice. */
export interface HistoryWindows {
  readonly recent: ObservationWindow;
  readonly yesterday: ObservationWindow;
}

/**
 * The windows to observe at `nowMs`: the recent one ends `completenessDelayMinutes` before it
 * (the metrics sources round both ends down to whole minutes).
 *
 * @example
 * ```ts
 * const { recent, yesterday } = historyWindows(Date.parse('2026-11-27T12:00:00Z'));
 * new Date(recent.startMs).toISOString(); // '2026-11-27T08:58:00.000Z'
 * new Date(yesterday.startMs).toISOString(); // '2026-11-26T11:30:00.000Z'
 * ```
 */
export function historyWindows(nowMs: number): HistoryWindows {
  const {
    recentMinutes,
    seasonalLagMinutes,
    seasonalHalfWidthMinutes,
    periodSec,
    completenessDelayMinutes,
  } = HISTORY_WINDOWS;
  const completeMs = nowMs - completenessDelayMinutes * MINUTE_MS;
  const seasonalCentre = nowMs - seasonalLagMinutes * MINUTE_MS;
  return {
    recent: { startMs: completeMs - recentMinutes * MINUTE_MS, endMs: completeMs, periodSec },
    yesterday: {
      startMs: seasonalCentre - seasonalHalfWidthMinutes * MINUTE_MS,
      endMs: seasonalCentre + seasonalHalfWidthMinutes * MINUTE_MS,
      periodSec,
    },
  };
}
