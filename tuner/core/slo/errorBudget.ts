/**
 * Error budget accounting (pure: time and counts passed in), as Application Signals keeps it:
 * the budget is the bad periods or bad requests the goal allows over the interval; what is
 * left is that less the bad ones so far; the burn rate is the bad share of a recent span over
 * the allowed share (1: spending exactly at the rate that empties the budget at the interval's
 * end); a warning when the share left falls below the warning threshold
 * (docs/decisions/0067-slos-as-application-signals-defines-them.md).
 *
 * A period-based budget counts the periods of the whole interval (a rolling 7 days of 5-minute
 * periods allows 1% of 2,016); a request-based one counts the requests seen in the interval so
 * far (a request not yet made is not yet owed).
 */

import { allowedBadShare, type ServiceLevelObjective, SloKind } from './serviceLevelObjective.ts';
import { intervalAt } from './sloInterval.ts';

/** The recent span a burn rate is read over unless a caller says otherwise: the last hour. */
export const BURN_RATE_SPAN_MS = 3_600_000;

/** Good and bad periods (period-based) or requests (request-based). */
export interface SloTally {
  readonly good: number;
  readonly bad: number;
}

/** The state of one SLO's error budget at one moment. */
export interface ErrorBudget {
  /** What is counted: periods with traffic, or requests. */
  readonly unit: 'periods' | 'requests';
  /** The interval the budget is over, epoch ms. */
  readonly intervalStartMs: number;
  readonly intervalEndMs: number;
  /** Share of good units in the interval so far, 0..1; null before any. */
  readonly attainment: number | null;
  /** The bad units the goal allows over the interval. */
  readonly total: number;
  /** The bad units so far. */
  readonly spent: number;
  /** `total − spent` (negative once overspent). */
  readonly remaining: number;
  /** `remaining / total` × 100; null while the budget is 0 (nothing counted yet). */
  readonly remainingPercent: number | null;
  /** The recent span's bad share ÷ the allowed share; null when the span counted nothing. */
  readonly burnRate: number | null;
  /** The remaining share is below the goal's warning threshold. */
  readonly warning: boolean;
  /** Nothing remains. */
  readonly exhausted: boolean;
}

/** What an error budget is computed from. */
export interface ErrorBudgetInput {
  readonly slo: ServiceLevelObjective;
  readonly nowMs: number;
  /** Good and bad units within the interval up to `nowMs` (see `intervalAt`). */
  readonly interval: SloTally;
  /** Good and bad units of the recent span the burn rate is read over (e.g. the last hour). */
  readonly recent: SloTally;
}

/**
 * The budget at `nowMs`.
 *
 * @example
 * ```ts
 * const slo = { kind: 'request', latencyMs: 300, goal: { attainmentGoal: 99.9, warningThreshold: 50,
 *   interval: { kind: 'rolling', duration: 7, durationUnit: 'DAY' } } } as const;
 * const budget = errorBudget({ slo, nowMs, interval: { good: 99_950, bad: 50 }, recent: { good: 999, bad: 1 } });
 * budget.total;     // 100 (0.1% of 100,000 requests)
 * budget.remaining; // 50
 * budget.burnRate;  // 1
 * ```
 */
export function errorBudget(input: ErrorBudgetInput): ErrorBudget {
  const { slo, nowMs } = input;
  const bounds = intervalAt(slo.goal.interval, nowMs);
  const allowed = allowedBadShare(slo.goal);
  const counted = input.interval.good + input.interval.bad;
  const units =
    slo.kind === SloKind.PERIOD
      ? Math.floor(bounds.lengthMs / (slo.periodMinutes * 60_000))
      : counted;
  const total = allowed * units;
  const spent = input.interval.bad;
  const remaining = total - spent;
  const remainingPercent = total > 0 ? (remaining / total) * 100 : null;
  const recentCount = input.recent.good + input.recent.bad;
  return {
    unit: slo.kind === SloKind.PERIOD ? 'periods' : 'requests',
    intervalStartMs: bounds.startMs,
    intervalEndMs: bounds.endMs,
    attainment: counted > 0 ? input.interval.good / counted : null,
    total,
    spent,
    remaining,
    remainingPercent,
    burnRate: recentCount > 0 ? input.recent.bad / recentCount / allowed : null,
    warning: remainingPercent !== null && remainingPercent < slo.goal.warningThreshold,
    exhausted: total > 0 ? remaining <= 0 : spent > 0,
  };
}
