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
}

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
  return {
    name: 'target-tracking',
    decide(input: PolicyInput): FleetConfig {
      const current = input.config.provisionedConcurrency;
      const keep: FleetConfig = { ...input.config, memoryMb: options.memoryMb };
      if (input.availableProvisionedConcurrency < current) return keep;
      const high = lastDatapoints(input.history, alarms.scaleOutDatapoints);
      if (high?.every((value) => value > target)) {
        const metric = high[high.length - 1] as number;
        const wanted = Math.max(current + 1, Math.ceil((current * metric) / target));
        return { ...keep, provisionedConcurrency: clamp(wanted, min, max) };
      }
      const low = lastDatapoints(input.history, alarms.scaleInDatapoints);
      if (low?.every((value) => value < target * alarms.scaleInRatio)) {
        const metric = low[low.length - 1] as number;
        const wanted = Math.min(current - 1, Math.ceil((current * metric) / target));
        return { ...keep, provisionedConcurrency: clamp(wanted, min, max) };
      }
      return { ...keep, provisionedConcurrency: clamp(current, min, max) };
    },
  };
}

/** The Average utilisation of the last `count` minutes, or null if fewer exist or one is missing. */
function lastDatapoints(history: readonly IntervalMetrics[], count: number): number[] | null {
  if (history.length < count) return null;
  const values: number[] = [];
  for (let i = history.length - count; i < history.length; i++) {
    const value = history[i]?.pcUtilizationAvg;
    if (value === null || value === undefined) return null;
    values.push(value);
  }
  return values;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
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
export const targetTrackingPolicy: BacktestPolicy = {
  name: 'target-tracking',
  description: 'AAS target tracking on PC utilisation 0.7 (3×1-min out, 15×1-min in at 90%)',
  prepare(context) {
    const maxCapacity =
      context.simulation.accountConcurrencyLimit ?? SIMULATION_DEFAULTS.accountConcurrencyLimit;
    return {
      config: { memoryMb: context.memoryMb, provisionedConcurrency: 1, reservedConcurrency: null },
      policy: createTargetTrackingPolicy({ memoryMb: context.memoryMb, maxCapacity }),
      controlIntervalSec: 60,
      notes: [
        'target-tracking: min capacity 1 (a utilisation datapoint needs PC); it follows the ' +
          'one-minute Average, so short bursts are missed',
      ],
    };
  },
};
