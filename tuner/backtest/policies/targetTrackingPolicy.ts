import {
  type FleetConfig,
  type IntervalMetrics,
  type Policy,
  type PolicyInput,
  SIMULATION_DEFAULTS,
} from '../../sim/index.ts';
import type { BacktestPolicy } from './backtestPolicy.ts';

/** The settings of an Application Auto Scaling target-tracking policy on PC utilisation. */
export interface TargetTrackingOptions {
  /** Memory size, MB (target tracking does not touch it). */
  readonly memoryMb: number;
  /** `TargetValue` on `ProvisionedConcurrencyUtilization`. Default 0.7. */
  readonly targetUtilization?: number;
  /** The scalable target's `MinCapacity`. Default 1 (see `targetTrackingPolicy`). */
  readonly minCapacity?: number;
  /** The scalable target's `MaxCapacity`. Default: the account concurrency limit. */
  readonly maxCapacity?: number;
  /**
   * The statistic the alarms watch: `Average` (what AAS's predefined metric uses) or `Maximum`
   * (a customized metric specification users deploy so short bursts are not averaged away).
   * Default `Average`.
   */
  readonly statistic?: UtilizationStatistic;
}

/** The statistics of `ProvisionedConcurrencyUtilization` a target-tracking policy may track. */
export const UtilizationStatistic = {
  AVERAGE: 'Average',
  MAXIMUM: 'Maximum',
} as const;
export type UtilizationStatistic = (typeof UtilizationStatistic)[keyof typeof UtilizationStatistic];

/** The alarms AAS creates for a target-tracking policy (AWS docs; see `targetTrackingPolicy`). */
export const TARGET_TRACKING_ALARMS = {
  /** Scale out when this many consecutive one-minute Average datapoints are above the target. */
  scaleOutDatapoints: 3,
  /** Scale in when this many consecutive datapoints are below `scaleInRatio` × the target. */
  scaleInDatapoints: 15,
  scaleInRatio: 0.9,
} as const;

/**
 * A simulator `Policy` that behaves like Application Auto Scaling target tracking on
 * `ProvisionedConcurrencyUtilization` (Average, one-minute periods). Call it every 60 s: at each
 * call it evaluates both alarms on the minutes that ended.
 * - Scale-out alarm: the last 3 datapoints all above the target → new capacity
 *   `ceil(current × metric / target)` (at least current + 1), metric = the latest datapoint.
 * - Scale-in alarm: the last 15 datapoints all below 90% of the target → the same formula (at most
 *   current − 1).
 * - Bounded by min and max capacity; cooldowns are AAS's defaults for Lambda (0 s); no new
 *   activity while a PC allocation is still in progress (requested > ready), as AAS waits for the
 *   scaling activity to finish.
 * - A minute without a datapoint (no PC allocated) breaks a run of datapoints (treat-missing as
 *   missing: the alarm cannot fire on it).
 *
 * @example
 * ```ts
 * simulateFleet({ trace, serviceModel, config: { memoryMb: 1769, provisionedConcurrency: 1, reservedConcurrency: null },
 *   policy: createTargetTrackingPolicy({ memoryMb: 1769 }), controlIntervalSec: 60 });
 * ```
 */
export function createTargetTrackingPolicy(options: TargetTrackingOptions): Policy {
  const target = options.targetUtilization ?? 0.7;
  const min = options.minCapacity ?? 1;
  const max = options.maxCapacity ?? SIMULATION_DEFAULTS.accountConcurrencyLimit;
  const alarms = TARGET_TRACKING_ALARMS;
  const statistic = options.statistic ?? UtilizationStatistic.AVERAGE;
  const datapoints = (history: readonly IntervalMetrics[], count: number) =>
    lastDatapoints(history, count, statistic);
  return {
    name: statistic === UtilizationStatistic.AVERAGE ? 'target-tracking' : 'target-tracking-max',
    decide(input: PolicyInput): FleetConfig {
      const current = input.config.provisionedConcurrency;
      const keep: FleetConfig = { ...input.config, memoryMb: options.memoryMb };
      if (input.availableProvisionedConcurrency < current) return keep;
      const high = datapoints(input.history, alarms.scaleOutDatapoints);
      if (high?.every((value) => value > target)) {
        const metric = high[high.length - 1] as number;
        const wanted = Math.max(current + 1, Math.ceil((current * metric) / target));
        return { ...keep, provisionedConcurrency: clamp(wanted, min, max) };
      }
      const low = datapoints(input.history, alarms.scaleInDatapoints);
      if (low?.every((value) => value < target * alarms.scaleInRatio)) {
        const metric = low[low.length - 1] as number;
        const wanted = Math.min(current - 1, Math.ceil((current * metric) / target));
        return { ...keep, provisionedConcurrency: clamp(wanted, min, max) };
      }
      return { ...keep, provisionedConcurrency: clamp(current, min, max) };
    },
  };
}

/** One statistic of the utilisation of the last `count` minutes, or null if fewer exist or one is missing. */
function lastDatapoints(
  history: readonly IntervalMetrics[],
  count: number,
  statistic: UtilizationStatistic,
): number[] | null {
  if (history.length < count) return null;
  const values: number[] = [];
  for (let i = history.length - count; i < history.length; i++) {
    const minute = history[i];
    const value =
      statistic === UtilizationStatistic.AVERAGE
        ? minute?.pcUtilizationAvg
        : minute?.pcUtilizationMax;
    if (value === null || value === undefined) return null;
    values.push(value);
  }
  return values;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** A target-tracking baseline on one statistic: min capacity 1, evaluated every minute. */
function targetTrackingBaseline(
  name: string,
  description: string,
  statistic: UtilizationStatistic,
  note: string,
): BacktestPolicy {
  return {
    name,
    description,
    prepare(context) {
      const maxCapacity =
        context.simulation.accountConcurrencyLimit ?? SIMULATION_DEFAULTS.accountConcurrencyLimit;
      return {
        config: {
          memoryMb: context.memoryMb,
          provisionedConcurrency: 1,
          reservedConcurrency: null,
        },
        policy: createTargetTrackingPolicy({ memoryMb: context.memoryMb, maxCapacity, statistic }),
        controlIntervalSec: 60,
        notes: [`${name}: ${note}`],
      };
    },
  };
}

/**
 * `target-tracking`: Application Auto Scaling target tracking at 0.7 PC utilisation with its real
 * alarm rules (see `createTargetTrackingPolicy`), evaluated every minute, from PC = min capacity
 * at the run's memory. The minimum is 1, not 0: with no PC there is no utilisation datapoint, and
 * the alarms could never fire. It tracks the one-minute Average, so bursts shorter than the
 * alarm's 3 minutes (and spikes averaged away within a minute) are missed.
 *
 * @example
 * ```ts
 * const run = targetTrackingPolicy.prepare(context); // run.controlIntervalSec === 60
 * ```
 */
export const targetTrackingPolicy: BacktestPolicy = targetTrackingBaseline(
  'target-tracking',
  'AAS target tracking on PC utilisation 0.7 (3×1-min out, 15×1-min in at 90%)',
  UtilizationStatistic.AVERAGE,
  'min capacity 1 (a utilisation datapoint needs PC); it follows the one-minute Average, so ' +
    'short bursts are missed',
);

/**
 * `target-tracking-max`: the same Application Auto Scaling policy tracking the one-minute
 * **Maximum** of PC utilisation instead of the Average — how users deploy it to react to bursts
 * the Average hides (a customized metric specification). A minute in which all PC was busy for an
 * instant reads 1.0, so it scales out on the short overlaps that cost cold starts, and holds more.
 *
 * @example
 * ```ts
 * const run = targetTrackingMaxPolicy.prepare(context); // run.controlIntervalSec === 60
 * ```
 */
export const targetTrackingMaxPolicy: BacktestPolicy = targetTrackingBaseline(
  'target-tracking-max',
  'AAS target tracking on the Maximum of PC utilisation 0.7 (a customized metric)',
  UtilizationStatistic.MAXIMUM,
  'min capacity 1; tracks the one-minute Maximum of utilisation, so an instant with every ' +
    'environment busy scales out',
);
