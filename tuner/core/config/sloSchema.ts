/**
 * A target's `slo` as a user writes it, mirroring Application Signals' `ServiceLevelObjective`
 * (tuner/core/slo/serviceLevelObjective.ts): exactly one indicator — `p99Ms` (period-based: the
 * p99 of each 5-minute period, the short form) or `requestBasedSli: { latencyMs }` — and an
 * optional `goal: { attainmentGoal, interval: { rollingInterval | calendarInterval },
 * warningThreshold }`. `resolveSlo` turns it into the model with the defaults applied.
 */
import { z } from 'zod';
import {
  DurationUnit,
  periodSloFromP99,
  type ServiceLevelObjective,
  SLO_GOAL_DEFAULTS,
  type SloGoal,
  type SloInterval,
  SloKind,
} from '../slo/serviceLevelObjective.ts';
import { LambdaLimits } from './lambdaLimits.ts';
import { showConfigValue as show } from './zodIssues.ts';

/** The longest interval accepted, per unit: about a year. */
const DURATION_MAX: Readonly<Record<DurationUnit, number>> = {
  MINUTE: 366 * 24 * 60,
  HOUR: 366 * 24,
  DAY: 366,
  MONTH: 12,
};

const latencyMs = z
  .number()
  .gt(0, { error: (issue) => `${show(issue.input)} is not above 0` })
  .max(LambdaLimits.INVOCATION_MAX_MS, {
    error: (issue) =>
      `${show(issue.input)} is above ${LambdaLimits.INVOCATION_MAX_MS} (an invocation stops at 15 minutes)`,
  });

/** A percentage strictly between 0 and 100 (100% would leave no error budget to steer by). */
const percent = (what: string) =>
  z
    .number()
    .gt(0, { error: (issue) => `${show(issue.input)} is not above 0 (${what})` })
    .lt(100, {
      error: (issue) => `${show(issue.input)} is not below 100 (${what})`,
    });

const durationUnit = z.enum(Object.values(DurationUnit) as [DurationUnit, ...DurationUnit[]], {
  error: (issue) =>
    `${show(issue.input)} is not a duration unit (expected ${Object.values(DurationUnit).join(', ')})`,
});

const duration = z
  .number()
  .int({ error: (issue) => `${show(issue.input)} is not a whole number` })
  .min(1, { error: (issue) => `${show(issue.input)} is below 1` });

/** `duration` within a year of its unit. */
function durationWithinAYear(
  value: { duration: number; durationUnit: DurationUnit },
  ctx: z.RefinementCtx,
): void {
  const max = DURATION_MAX[value.durationUnit];
  if (value.duration > max)
    ctx.addIssue({
      code: 'custom',
      path: ['duration'],
      message: `${value.duration} is above ${max} (${value.durationUnit}: a year at most)`,
    });
}

/**
 * A time: an ISO 8601 string with a time zone (`2026-12-01T00:00:00Z`) or epoch seconds, as
 * Application Signals takes `StartTime`.
 */
const startTime = z.union([z.string(), z.number()]).superRefine((value, ctx) => {
  if (parseStartTimeMs(value) === null)
    ctx.addIssue(
      `${show(value)} is not a time (expected ISO 8601 with a time zone, e.g. 2026-12-01T00:00:00Z, or epoch seconds)`,
    );
});

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** Epoch ms of a `startTime`, or null when it is not one. */
function parseStartTimeMs(value: string | number): number | null {
  if (typeof value === 'number')
    return Number.isFinite(value) && value >= 0 && value <= 32_503_680_000 ? value * 1000 : null;
  if (!ISO_WITH_ZONE.test(value)) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

const rollingInterval = z.strictObject({ duration, durationUnit }).superRefine(durationWithinAYear);
const calendarInterval = z
  .strictObject({ startTime, duration, durationUnit })
  .superRefine(durationWithinAYear);

const interval = z
  .strictObject({
    rollingInterval: rollingInterval.optional(),
    calendarInterval: calendarInterval.optional(),
  })
  .refine(
    (value) => (value.rollingInterval === undefined) !== (value.calendarInterval === undefined),
    {
      error: 'give exactly one of rollingInterval or calendarInterval',
    },
  );

const goal = z.strictObject({
  attainmentGoal: percent('percent of good periods or requests').optional(),
  interval: interval.optional(),
  warningThreshold: percent('percent of the error budget remaining').optional(),
});

/** A target's `slo`. */
export const sloInputSchema = z
  .strictObject({
    p99Ms: latencyMs.optional(),
    requestBasedSli: z.strictObject({ latencyMs }).optional(),
    goal: goal.optional(),
  })
  .refine((value) => (value.p99Ms === undefined) !== (value.requestBasedSli === undefined), {
    error:
      'give exactly one of p99Ms (period-based: p99 per 5-minute period) or requestBasedSli: { latencyMs } (request-based)',
  });

/** A target's `slo` as written. */
export type SloInput = z.input<typeof sloInputSchema>;

/**
 * The model of a validated `slo` (defaults: Application Signals', `SLO_GOAL_DEFAULTS`).
 *
 * @example
 * ```ts
 * resolveSlo({ p99Ms: 300 }).kind; // 'period'
 * resolveSlo({ requestBasedSli: { latencyMs: 300 }, goal: { attainmentGoal: 99.9 } }).goal.attainmentGoal; // 99.9
 * ```
 */
export function resolveSlo(input: z.output<typeof sloInputSchema>): ServiceLevelObjective {
  const resolvedGoal: SloGoal = {
    attainmentGoal: input.goal?.attainmentGoal ?? SLO_GOAL_DEFAULTS.attainmentGoal,
    interval: resolveInterval(input.goal?.interval),
    warningThreshold: input.goal?.warningThreshold ?? SLO_GOAL_DEFAULTS.warningThreshold,
  };
  if (input.requestBasedSli !== undefined)
    return {
      kind: SloKind.REQUEST,
      latencyMs: input.requestBasedSli.latencyMs,
      goal: resolvedGoal,
    };
  return periodSloFromP99(input.p99Ms as number, undefined, resolvedGoal);
}

function resolveInterval(input: z.output<typeof interval> | undefined): SloInterval {
  if (input?.rollingInterval !== undefined) return { kind: 'rolling', ...input.rollingInterval };
  if (input?.calendarInterval !== undefined) {
    const { startTime: start, ...rest } = input.calendarInterval;
    return { kind: 'calendar', startTimeMs: parseStartTimeMs(start) as number, ...rest };
  }
  return SLO_GOAL_DEFAULTS.interval;
}
