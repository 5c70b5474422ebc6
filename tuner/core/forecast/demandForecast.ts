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
  const recent = history.slice(-POOL_MINUTES).map(demand);
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
  return { levelPerMinute: level, recentCounts: recent, recentMean, basis };
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
 * Draws one scenario: per-minute counts for the horizon, each a recent minute picked at random
 * and rescaled to the forecast level (stochastically rounded, so the mean is exact).
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
  const scale = forecast.recentMean > 0 ? forecast.levelPerMinute / forecast.recentMean : 0;
  for (let i = 0; i < horizonMinutes; i++) {
    const base = pool.length > 0 ? (pool[Math.floor(rng.next() * pool.length)] as number) : 0;
    const x = base * scale;
    const whole = Math.floor(x);
    counts.push(whole + (rng.next() < x - whole ? 1 : 0));
  }
  return counts;
}
