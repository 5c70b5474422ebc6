import { type FleetConfig, type Policy, SIMULATION_DEFAULTS } from '../../sim/index.ts';
import { hourlyPeakConcurrency } from '../peakConcurrency.ts';
import type { BacktestPolicy } from './backtestPolicy.ts';

const HOUR_MS = 3_600_000;
const HOURS_PER_DAY = 24;
/** Scheduled actions run this long before the hour, so that PC is ready when the hour starts. */
const LEAD_MS = 300_000;

/** An hourly provisioned-concurrency plan and where it came from. */
export interface HourlyPlan {
  /** PC for each hour of the trace, from its start. */
  readonly provisionedConcurrency: readonly number[];
  /** Hours planned from their own day's peaks (no previous day in the trace). */
  readonly sameDayHours: number;
}

/**
 * The scheduled plan: each hour gets the previous day's peak concurrency of the same hour; hours
 * of the first day (no previous day) get their own day's peak.
 *
 * @example
 * ```ts
 * // 26 hours of peaks: hours 24 and 25 take hours 0 and 1; the first day falls back to itself.
 * const peaks = [...Array.from({ length: 24 }, (_, h) => h), 90, 91];
 * hourlyPlan(peaks).provisionedConcurrency.slice(24); // [0, 1]
 * ```
 */
export function hourlyPlan(hourlyPeaks: readonly number[]): HourlyPlan {
  const plan = hourlyPeaks.map((peak, hour) =>
    hour >= HOURS_PER_DAY ? (hourlyPeaks[hour - HOURS_PER_DAY] as number) : peak,
  );
  return {
    provisionedConcurrency: plan,
    sameDayHours: Math.min(HOURS_PER_DAY, hourlyPeaks.length),
  };
}

/**
 * A simulator `Policy` that follows an hourly PC plan like Application Auto Scaling scheduled
 * actions: from `LEAD_MS` (5 minutes) before an hour it holds the larger of the two hours' PC (so
 * an increase is ready at the hour, after the allocation delay), from the hour on that hour's PC.
 * Call it every 5 minutes (the default control interval).
 *
 * @example
 * ```ts
 * const policy = createScheduledPolicy({ memoryMb: 1769, startMs: 0, plan: [2, 5, 1] });
 * policy.decide({ nowMs: 3_300_000, ... }).provisionedConcurrency; // 5 (hour 1 is 5 minutes away)
 * ```
 */
export function createScheduledPolicy(options: {
  readonly memoryMb: number;
  readonly startMs: number;
  readonly plan: readonly number[];
}): Policy {
  const { plan, startMs } = options;
  return {
    name: 'scheduled',
    decide(input): FleetConfig {
      return {
        ...input.config,
        memoryMb: options.memoryMb,
        provisionedConcurrency: scheduledCapacity(plan, input.nowMs - startMs),
      };
    },
  };
}

function scheduledCapacity(plan: readonly number[], elapsedMs: number): number {
  const hour = Math.min(Math.floor(elapsedMs / HOUR_MS), plan.length - 1);
  const now = plan[hour] ?? 0;
  const next = plan[hour + 1];
  const soon = next !== undefined && elapsedMs + LEAD_MS >= (hour + 1) * HOUR_MS;
  return soon ? Math.max(now, next) : now;
}

/**
 * `scheduled`: PC per hour from the previous day's hourly peak concurrency (measured as
 * `ConcurrentExecutions` Maximum of an on-demand run of the same trace at the run's memory),
 * applied 5 minutes ahead of each hour, at the run's memory. On a one-day trace every hour uses
 * the same day's peak: that is perfect knowledge of a perfectly seasonal day, which flatters
 * this policy — the notes say so.
 *
 * @example
 * ```ts
 * const run = scheduledPolicy.prepare(context); // run.notes: ['scheduled: the trace holds one day ...']
 * ```
 */
export const scheduledPolicy: BacktestPolicy = {
  name: 'scheduled',
  description: "PC per hour = the previous day's peak concurrency of that hour",
  prepare(context) {
    const reference = context.onDemandReference();
    const ceiling =
      context.simulation.accountConcurrencyLimit ?? SIMULATION_DEFAULTS.accountConcurrencyLimit;
    const planned = hourlyPlan(hourlyPeakConcurrency(reference.metrics));
    const plan = planned.provisionedConcurrency.map((pc) => Math.min(pc, ceiling));
    const oneDay = plan.length <= HOURS_PER_DAY;
    return {
      config: {
        memoryMb: context.memoryMb,
        provisionedConcurrency: scheduledCapacity(plan, 0),
        reservedConcurrency: null,
      },
      policy: createScheduledPolicy({
        memoryMb: context.memoryMb,
        startMs: reference.startMs,
        plan,
      }),
      notes: [
        oneDay
          ? 'scheduled: the trace holds one day, so each hour uses that same hour’s peak ' +
            '(perfectly seasonal traffic): this flatters it'
          : `scheduled: the first ${planned.sameDayHours} hours have no previous day and use ` +
            'their own peaks (flattering those hours)',
      ],
    };
  },
};
