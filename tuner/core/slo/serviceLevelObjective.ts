/**
 * The SLO model, as CloudWatch Application Signals defines a `ServiceLevelObjective`
 * (docs/decisions/0067-slos-as-application-signals-defines-them.md): an indicator — period-based
 * (the p99 of each 5-minute period within a threshold: `tuner/core/slo/windowSlo.ts`) or
 * request-based (each request within a latency threshold: `tuner/core/slo/requestSli.ts`) — and
 * a goal: the attainment goal (percent of good periods or good requests), the interval it is
 * judged over (rolling, or calendar from a start time) and the warning threshold on the error
 * budget that remains. The config's `slo: { p99Ms }` is the short form of a period-based SLO with
 * the default goal.
 */
import { SLO_ERROR_BUDGET, SLO_WINDOW_MINUTES } from './windowSlo.ts';

/** The two kinds of SLO. */
export const SloKind = {
  /** Good periods out of all periods with traffic (Application Signals' `Sli`). */
  PERIOD: 'period',
  /** Good requests out of all requests (Application Signals' `RequestBasedSli`). */
  REQUEST: 'request',
} as const;
export type SloKind = (typeof SloKind)[keyof typeof SloKind];

/** The units of an interval, as Application Signals names them. */
export const DurationUnit = {
  MINUTE: 'MINUTE',
  HOUR: 'HOUR',
  DAY: 'DAY',
  MONTH: 'MONTH',
} as const;
export type DurationUnit = (typeof DurationUnit)[keyof typeof DurationUnit];

/** The interval the goal is judged over: the last `duration` units, or calendar intervals from a start. */
export type SloInterval =
  | {
      readonly kind: 'rolling';
      readonly duration: number;
      readonly durationUnit: DurationUnit;
    }
  | {
      readonly kind: 'calendar';
      /** The start of the first interval, epoch ms; each interval begins as the last ends. */
      readonly startTimeMs: number;
      readonly duration: number;
      readonly durationUnit: DurationUnit;
    };

/** What the SLO asks for, over which time, and when to warn. */
export interface SloGoal {
  /** Percent of good periods (period-based) or good requests (request-based), e.g. 99.9. */
  readonly attainmentGoal: number;
  readonly interval: SloInterval;
  /** Warn when the error budget remaining is below this percent of the budget. */
  readonly warningThreshold: number;
}

/** The p99 of each period's requests within `p99Ms`, in `attainmentGoal` percent of the periods. */
export interface PeriodBasedSlo {
  readonly kind: typeof SloKind.PERIOD;
  readonly p99Ms: number;
  /** Length of a period, whole minutes (the tuner's window: 5). */
  readonly periodMinutes: number;
  readonly goal: SloGoal;
}

/** `attainmentGoal` percent of the requests answered within `latencyMs`. */
export interface RequestBasedSlo {
  readonly kind: typeof SloKind.REQUEST;
  readonly latencyMs: number;
  readonly goal: SloGoal;
}

export type ServiceLevelObjective = PeriodBasedSlo | RequestBasedSlo;

/** The period of a period-based SLO in the tuner's config: the window it plans for (./windowSlo.ts). */
export const SLO_PERIOD_MINUTES = SLO_WINDOW_MINUTES;

/** Application Signals' defaults for a goal left out: 99%, a rolling 7 days, warn below 50%. */
export const SLO_GOAL_DEFAULTS: SloGoal = {
  // The window rule's budget (./windowSlo.ts): 99%.
  attainmentGoal: 100 - SLO_ERROR_BUDGET * 100,
  interval: { kind: 'rolling', duration: 7, durationUnit: DurationUnit.DAY },
  warningThreshold: 50,
};

/**
 * The short form: a period-based p99 SLO with the default goal.
 *
 * @example
 * ```ts
 * periodSloFromP99(300).goal.attainmentGoal; // 99
 * ```
 */
export function periodSloFromP99(
  p99Ms: number,
  periodMinutes: number = SLO_PERIOD_MINUTES,
  goal: SloGoal = SLO_GOAL_DEFAULTS,
): PeriodBasedSlo {
  return { kind: SloKind.PERIOD, p99Ms, periodMinutes, goal };
}

/**
 * The latency a request (request-based) or a period's p99 (period-based) must stay within, ms.
 *
 * @example
 * ```ts
 * sloLatencyThresholdMs(periodSloFromP99(300)); // 300
 * ```
 */
export function sloLatencyThresholdMs(slo: ServiceLevelObjective): number {
  return slo.kind === SloKind.PERIOD ? slo.p99Ms : slo.latencyMs;
}

/**
 * The share of periods or requests the goal allows to be bad, 0..1: 1 − attainmentGoal / 100.
 *
 * @example
 * ```ts
 * allowedBadShare({ ...SLO_GOAL_DEFAULTS, attainmentGoal: 99.9 }); // ≈ 0.001
 * ```
 */
export function allowedBadShare(goal: SloGoal): number {
  return 1 - goal.attainmentGoal / 100;
}

/**
 * The SLO in words, for reports: `p99 ≤ 300 ms per 5-minute period, 99% of periods over a
 * rolling 7 days` or `99.9% of requests ≤ 300 ms over a rolling 7 days`.
 *
 * @example
 * ```ts
 * describeSlo(periodSloFromP99(300)); // 'p99 ≤ 300 ms per 5-minute period, 99% of periods over a rolling 7 days'
 * ```
 */
export function describeSlo(slo: ServiceLevelObjective): string {
  const goal = `${slo.goal.attainmentGoal}%`;
  const over = describeInterval(slo.goal.interval);
  return slo.kind === SloKind.PERIOD
    ? `p99 ≤ ${slo.p99Ms} ms per ${slo.periodMinutes}-minute period, ${goal} of periods over ${over}`
    : `${goal} of requests ≤ ${slo.latencyMs} ms over ${over}`;
}

/**
 * An interval in words: `a rolling 7 days`, `calendar 1 month from 2026-12-01T00:00:00.000Z`.
 *
 * @example
 * ```ts
 * describeInterval({ kind: 'rolling', duration: 1, durationUnit: 'DAY' }); // 'a rolling 1 day'
 * ```
 */
export function describeInterval(interval: SloInterval): string {
  const unit = interval.durationUnit.toLowerCase();
  const span = `${interval.duration} ${unit}${interval.duration === 1 ? '' : 's'}`;
  return interval.kind === 'rolling'
    ? `a rolling ${span}`
    : `calendar ${span} from ${new Date(interval.startTimeMs).toISOString()}`;
}
