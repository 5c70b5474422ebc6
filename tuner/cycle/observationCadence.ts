/**
 * How often the cycle reads what, in minutes (docs/decisions/0055-incremental-observation.md).
 * GetMetricData bills each statistic requested per call, whatever its datapoints: the cycle
 * keeps the minutes it read in the tuner's memory and asks each time only for what is new.
 */

/** The cadences of an incremental observation. */
export interface ObservationCadence {
  /**
   * Minutes read again at the end of what was seen: CloudWatch may fill a minute in after the
   * completeness delay of ./historyWindows.ts, and a re-read costs nothing more (the same
   * statistics, a few more datapoints).
   */
  readonly lateMarginMinutes: number;
  /**
   * The slow fields (init duration, the CPU-bound share, what only reports read) are read at
   * most this often, and at once after a memory change.
   */
  readonly slowEveryMinutes: number;
  /**
   * A target without provisioned concurrency and without requests for this long is idle: each
   * cycle asks only for its demand (2 statistics), and its next request wakes it (its minutes
   * are then read in full in the same cycle).
   */
  readonly idleAfterMinutes: number;
}

/** The shipped cadence. */
export const OBSERVATION_CADENCE: ObservationCadence = {
  lateMarginMinutes: 3,
  slowEveryMinutes: 60,
  idleAfterMinutes: 60,
};
