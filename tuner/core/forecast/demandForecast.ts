import type { IntervalMetrics } from '../../sim/intervalMetrics.ts';
import type { Rng } from '../../sim/random/rng.ts';

/**
 * What the next minutes' traffic may look like: an expected level, and the shape of its minute-to-
 * minute variation (recent minutes, rescaled to the level), from which scenarios are drawn.
 */
export interface DemandForecast {
  /** Expected requests per minute over the horizon. */
  readonly levelPerMinute: number;
  /** Recent per-minute request counts, the pool scenarios resample (bursty traffic stays bursty). */
  readonly recentCounts: readonly number[];
  readonly recentMean: number;
  /**
   * The period of the recent counts in minutes, when they repeat (a timer-driven batch every 5
   * minutes); scenarios then keep the phase. Absent or null: no period found.
   */
  readonly period?: number | null;
  /** Minutes between the end of `recentCounts` and the first minute of the horizon. Default 0. */
  readonly gapMinutes?: number;
  /** Which signals the level came from. */
  readonly basis: 'recent' | 'recent+daily' | 'recent+daily+weekly' | 'none';
}

const MINUTE_MS = 60_000;
const DAY_MINUTES = 1440;
/** Scenarios resample this much recent history. */
const POOL_MINUTES = 30;

/**
 * Forecasts the request rate of the next `horizonMinutes` from recent traffic and, when the
 * history reaches back that far, the same time yesterday and a week ago (their change from "now"
 * to "next" applied to today's level). Demand is what arrived: invocations plus throttles.
 * Errs high: the level is the largest of the short-term, medium-term and seasonal estimates,
 * because a forecast too low costs cold starts while one too high costs only money.
 *
 * @example
 * ```ts
 * const forecast = forecastDemand(history, Date.now(), 10);
 * forecast.levelPerMinute;
 * ```
 */
export function forecastDemand(
  history: readonly IntervalMetrics[],
  nowMs: number,
  horizonMinutes: number,
): DemandForecast {
  const demand = (m: IntervalMetrics) => m.invocations + m.throttles;
  const recent = sinceTrafficBegan(history.slice(-POOL_MINUTES).map(demand));
  if (recent.length === 0)
    return { levelPerMinute: 0, recentCounts: [], recentMean: 0, basis: 'none' };
  const mean = (xs: readonly number[]) =>
    xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length;
  const recentMean = mean(recent);
  const last10 = mean(recent.slice(-10));
  let level = last10;
  let basis: DemandForecast['basis'] = 'recent';
  const seasonal = [DAY_MINUTES, 7 * DAY_MINUTES]
    .map((lag) => seasonalEstimate(history, nowMs, lag, horizonMinutes, last10, demand))
    .filter((x): x is number => x !== null);
  if (seasonal.length > 0) {
    level = Math.max(level, ...seasonal);
    basis = seasonal.length === 2 ? 'recent+daily+weekly' : 'recent+daily';
  }
  return {
    levelPerMinute: level,
    recentCounts: recent,
    recentMean,
    period: periodOf(recent),
    gapMinutes: gapAfter(history, nowMs),
    basis,
  };
}

/** The traffic a release is judged on: the recent window the cycle reads (tuner/cycle/historyWindows.ts). */
export const HOLDING_POOL_MINUTES = 180;

/**
 * The last hours' traffic as it was, as a forecast: scenarios are contiguous stretches of the
 * last `HOLDING_POOL_MINUTES` minutes, not rescaled (over hours the level is their mean), in phase
 * when they are periodic. A release is meant to hold for hours, and the forecast of the next
 * minutes, rescaled to the last ten, says nothing about the bursts a lull sits between; the last
 * hours do, as often as they came.
 *
 * @example
 * ```ts
 * const overHours = holdingForecast(history, Date.now());
 * overHours.levelPerMinute === overHours.recentMean; // true
 * ```
 */
export function holdingForecast(
  history: readonly IntervalMetrics[],
  nowMs: number,
): DemandForecast {
  const counts = history.slice(-HOLDING_POOL_MINUTES).map((m) => m.invocations + m.throttles);
  const mean = counts.length === 0 ? 0 : counts.reduce((a, b) => a + b, 0) / counts.length;
  return {
    levelPerMinute: mean,
    recentCounts: counts,
    recentMean: mean,
    period: periodOf(counts),
    gapMinutes: gapAfter(history, nowMs),
    basis: counts.length === 0 ? 'none' : 'recent',
  };
}

/**
 * The pool without a leading silence longer than every silence after it: the function was asleep
 * then, and that sleep is not part of the traffic it runs now. Kept, it lowers the pool's mean
 * below the level, and rescaling the pool to the level then multiplies every burst, so a function
 * that has just woken up reads as one that bursts far above anything it has done. A leading
 * silence no longer than the gaps within the traffic (a timer's, a sparse function's) is one of
 * those gaps and stays, as does a pool that is all silence.
 *
 * @example
 * ```ts
 * sinceTrafficBegan([0, 0, 0, 280, 290, 285]);  // [280, 290, 285]
 * sinceTrafficBegan([0, 0, 40, 0, 0, 0, 40]);   // unchanged: the gap after is as long
 * ```
 */
export function sinceTrafficBegan(counts: readonly number[]): number[] {
  const first = counts.findIndex((count) => count > 0);
  if (first <= 0) return [...counts];
  let longestGapAfter = 0;
  let gap = 0;
  for (let i = first; i < counts.length; i++) {
    gap = (counts[i] as number) > 0 ? 0 : gap + 1;
    longestGapAfter = Math.max(longestGapAfter, gap);
  }
  return first > longestGapAfter ? counts.slice(first) : [...counts];
}

/** A lag repeats the counts when its mean difference is below this share of their spread. */
const PERIOD_TOLERANCE = 0.5;

/**
 * The shortest lag, 2..n/2 minutes, at which the counts repeat themselves: its mean absolute
 * difference `|x[i] − x[i−lag]|` is at most half the counts' mean absolute deviation (random
 * traffic sits near 1.4× it, a timer near 0) and half that of the next minute (a trend repeats
 * better at short lags than long ones, a period does not). Null for traffic without a period.
 *
 * @example
 * ```ts
 * periodOf([30, 0, 0, 0, 0, 30, 0, 0, 0, 0, 30, 0, 0, 0, 0]); // 5
 * periodOf([3, 4, 3, 5, 4, 3]); // null
 * ```
 */
export function periodOf(counts: readonly number[]): number | null {
  const n = counts.length;
  const mean = counts.reduce((a, b) => a + b, 0) / Math.max(1, n);
  const spread = counts.reduce((sum, x) => sum + Math.abs(x - mean), 0) / Math.max(1, n);
  if (spread === 0) return null;
  const meanDifference = (lag: number) => {
    let difference = 0;
    for (let i = lag; i < n; i++) {
      difference += Math.abs((counts[i] as number) - (counts[i - lag] as number));
    }
    return difference / (n - lag);
  };
  // A trend also repeats at short lags; a period must repeat better than the next minute does.
  const bound = PERIOD_TOLERANCE * Math.min(spread, meanDifference(1));
  for (let lag = 2; lag <= Math.floor(n / 2); lag++) {
    if (meanDifference(lag) <= bound) return lag;
  }
  return null;
}

/** Whole minutes between the end of the last metric minute and `nowMs` (a CloudWatch lag). */
function gapAfter(history: readonly IntervalMetrics[], nowMs: number): number {
  const last = history[history.length - 1];
  if (last === undefined) return 0;
  return Math.max(0, Math.round((nowMs - (last.startMs + MINUTE_MS)) / MINUTE_MS));
}

/** Today's level × (how traffic moved from "now" to "next", `lag` minutes ago); null without data. */
function seasonalEstimate(
  history: readonly IntervalMetrics[],
  nowMs: number,
  lagMinutes: number,
  horizonMinutes: number,
  todayLevel: number,
  demand: (m: IntervalMetrics) => number,
): number | null {
  const first = history[0];
  if (first === undefined || first.startMs > nowMs - lagMinutes * MINUTE_MS - 15 * MINUTE_MS)
    return null;
  const indexOf = (t: number) => Math.round((t - first.startMs) / MINUTE_MS);
  const then = indexOf(nowMs - lagMinutes * MINUTE_MS);
  const before = history.slice(Math.max(0, then - 15), then).map(demand);
  const after = history.slice(then, then + horizonMinutes).map(demand);
  if (before.length === 0 || after.length === 0) return null;
  const beforeMean = before.reduce((a, b) => a + b, 0) / before.length;
  const afterMean = after.reduce((a, b) => a + b, 0) / after.length;
  if (beforeMean === 0) return afterMean > 0 ? afterMean : null;
  const ratio = Math.min(3, Math.max(0.33, afterMean / beforeMean));
  return todayLevel * ratio;
}

/**
 * Draws one scenario: per-minute counts for the horizon, a contiguous stretch of the recent minutes
 * rescaled to the forecast level (stochastically rounded, so the mean is exact). Stretches keep
 * the traffic's structure: bursts stay bursts and silences stay silences, at their length (minutes
 * drawn one by one turned a batch every 5 minutes into random silences and double bursts). With a
 * period (`forecast.period`) the stretch keeps the phase too: minute j of the horizon repeats the
 * recent minute a whole number of periods before it (a random number of periods back, so scenarios
 * differ); without one, the stretch starts at a random recent minute.
 *
 * @example
 * ```ts
 * const counts = sampleScenario(forecast, 10, rng); // e.g. [131, 140, 97, ...]
 * ```
 */
export function sampleScenario(
  forecast: DemandForecast,
  horizonMinutes: number,
  rng: Rng,
): number[] {
  const counts: number[] = [];
  const pool = forecast.recentCounts;
  const n = pool.length;
  const scale = forecast.recentMean > 0 ? forecast.levelPerMinute / forecast.recentMean : 0;
  const period = forecast.period ?? null;
  const gap = forecast.gapMinutes ?? 0;
  const cycles = period === null ? 0 : Math.floor(n / period);
  const periodsBack = Math.floor(rng.next() * Math.max(1, cycles));
  const start = n > horizonMinutes ? Math.floor(rng.next() * (n - horizonMinutes + 1)) : 0;
  for (let j = 0; j < horizonMinutes; j++) {
    let index: number;
    if (period !== null && cycles > 0) {
      // The horizon minute is pool index n + gap + j; step back whole periods into the pool.
      const target = n + gap + j;
      const least = Math.max(1, Math.ceil((target - (n - 1)) / period));
      index = target - (least + periodsBack) * period;
      if (index < 0) index = target - least * period;
    } else {
      index = (start + j) % Math.max(1, n);
    }
    const base = n > 0 ? (pool[index] as number) : 0;
    const x = base * scale;
    const whole = Math.floor(x);
    counts.push(whole + (rng.next() < x - whole ? 1 : 0));
  }
  return counts;
}
