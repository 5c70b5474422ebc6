/**
 * Where an SLO's interval stands at a given time (pure: the time is passed in). A rolling
 * interval is the last `duration` units up to now; a calendar interval is the one of the
 * back-to-back intervals from `startTimeMs` that holds now (Application Signals' `Interval`).
 * Months are calendar months in UTC.
 */
import type { DurationUnit, SloInterval } from './serviceLevelObjective.ts';

const MINUTE_MS = 60_000;
const UNIT_MS: Readonly<Record<Exclude<DurationUnit, 'MONTH'>, number>> = {
  MINUTE: MINUTE_MS,
  HOUR: 60 * MINUTE_MS,
  DAY: 24 * 60 * MINUTE_MS,
};

/** The interval an SLO is judged over at one moment. */
export interface IntervalBounds {
  /** Start, epoch ms (inclusive). */
  readonly startMs: number;
  /** End, epoch ms (exclusive): `now` for a rolling interval, the calendar interval's end otherwise. */
  readonly endMs: number;
  /** Its full length, ms. */
  readonly lengthMs: number;
  /** How much of it has passed at `now`, ms (all of it for a rolling interval). */
  readonly elapsedMs: number;
}

/**
 * `timeMs` moved by `count` units (negative: back).
 *
 * @example
 * ```ts
 * addDuration(Date.UTC(2026, 0, 31), 1, 'MONTH'); // Date.UTC(2026, 1, 28): the month's last day
 * ```
 */
export function addDuration(timeMs: number, count: number, unit: DurationUnit): number {
  if (unit !== 'MONTH') return timeMs + count * UNIT_MS[unit];
  const date = new Date(timeMs);
  const day = date.getUTCDate();
  const moved = new Date(timeMs);
  moved.setUTCDate(1);
  moved.setUTCMonth(moved.getUTCMonth() + count);
  const lastDay = new Date(
    Date.UTC(moved.getUTCFullYear(), moved.getUTCMonth() + 1, 0),
  ).getUTCDate();
  moved.setUTCDate(Math.min(day, lastDay));
  return moved.getTime();
}

/**
 * The interval at `nowMs`. Before a calendar interval's start, the first interval (nothing elapsed).
 *
 * @example
 * ```ts
 * intervalAt({ kind: 'rolling', duration: 7, durationUnit: 'DAY' }, nowMs).startMs; // nowMs − 7 days
 * ```
 */
export function intervalAt(interval: SloInterval, nowMs: number): IntervalBounds {
  if (interval.kind === 'rolling') {
    const startMs = addDuration(nowMs, -interval.duration, interval.durationUnit);
    return { startMs, endMs: nowMs, lengthMs: nowMs - startMs, elapsedMs: nowMs - startMs };
  }
  const { startTimeMs, duration, durationUnit } = interval;
  let startMs = startTimeMs;
  if (nowMs > startTimeMs) {
    if (durationUnit === 'MONTH') {
      // Whole months from the start, then a step back if the estimate overshot.
      const from = new Date(startTimeMs);
      const to = new Date(nowMs);
      const months =
        (to.getUTCFullYear() - from.getUTCFullYear()) * 12 + to.getUTCMonth() - from.getUTCMonth();
      let k = Math.floor(months / duration);
      while (k > 0 && addDuration(startTimeMs, k * duration, 'MONTH') > nowMs) k--;
      while (addDuration(startTimeMs, (k + 1) * duration, 'MONTH') <= nowMs) k++;
      startMs = addDuration(startTimeMs, k * duration, 'MONTH');
    } else {
      const length = duration * UNIT_MS[durationUnit];
      startMs = startTimeMs + Math.floor((nowMs - startTimeMs) / length) * length;
    }
  }
  const endMs = addDuration(startMs, duration, durationUnit);
  return {
    startMs,
    endMs,
    lengthMs: endMs - startMs,
    elapsedMs: Math.max(0, Math.min(nowMs, endMs) - startMs),
  };
}
