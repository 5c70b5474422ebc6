import { billedGbSeconds } from '@lambda-thermostat/sdk/cost';
import { memoryScaleFactor, type Profile, type SimulationPricing } from '../../sim/index.ts';
import { pricingRates } from '../pricingRates.ts';
import type { BacktestPolicy } from './backtestPolicy.ts';

/** AWS Lambda Power Tuning's default `powerValues`, MB. */
export const POWER_TUNING_DEFAULT_VALUES = [128, 256, 512, 1024, 1536, 3008] as const;
/** Power Tuning's default `discardTopBottom`: the share of durations cut from each end. */
export const POWER_TUNING_DISCARD_TOP_BOTTOM = 0.2;
/** Power Tuning's default `balancedWeight` (0 = fastest, 1 = cheapest). */
export const POWER_TUNING_BALANCED_WEIGHT = 0.5;

/** Power Tuning's optimisation strategies compared here. */
export const PowerTuningStrategy = {
  COST: 'cost',
  BALANCED: 'balanced',
} as const;
export type PowerTuningStrategy = (typeof PowerTuningStrategy)[keyof typeof PowerTuningStrategy];

/** One memory size of the sweep. */
export interface PowerTuningPoint {
  readonly memoryMb: number;
  /** Trimmed mean warm duration at this memory, ms (the profile's samples, scaled by the CPU-share rule). */
  readonly averageDurationMs: number;
  /** Power Tuning's `averagePrice`: the trimmed mean duration, rounded up to the ms, billed, USD. */
  readonly averagePriceUsd: number;
}

/** What the sweep measured and picked. */
export interface PowerTuningPick {
  readonly memoryMb: number;
  readonly strategy: PowerTuningStrategy;
  readonly points: readonly PowerTuningPoint[];
}

/**
 * The trimmed mean Power Tuning's executor computes: sorted, `floor(n × discard)` values cut from
 * each end (none when that is 0), the rest averaged.
 *
 * @example
 * ```ts
 * trimmedMean([1, 2, 3, 4, 100], 0.2); // 3 (1 and 100 cut)
 * ```
 */
export function trimmedMean(values: readonly number[], discardTopBottom: number): number {
  if (values.length === 0) return 0;
  const cut = Math.floor(values.length * discardTopBottom);
  const kept = [...values].sort((a, b) => a - b).slice(cut, values.length - cut);
  return kept.reduce((a, b) => a + b, 0) / kept.length;
}

/**
 * What an AWS Lambda Power Tuning sweep picks for a profiled handler, deciding as its analyzer
 * does: every power value (the defaults plus the profile's memory) is "invoked" once per warm
 * sample of the profile, each duration scaled to that memory by the CPU-share rule; its statistic
 * is the 20% trimmed mean duration and the `averagePrice` of that duration billed to the ms (no
 * request price: it is the same everywhere). The `cost` strategy takes the lowest average price,
 * the fastest on a tie; `balanced` the lowest `w × price / maxPrice + (1 − w) × duration /
 * maxDuration` with `w` = 0.5, the first in sweep order on a tie. Cold starts do not enter it,
 * as in Power Tuning's warm invocations.
 *
 * @example
 * ```ts
 * powerTuningPick(profile).memoryMb; // e.g. 1024: the cheapest, or among equals the fastest
 * powerTuningPick(profile, undefined, PowerTuningStrategy.BALANCED).memoryMb; // e.g. 1536
 * ```
 */
export function powerTuningPick(
  profile: Profile,
  pricing?: SimulationPricing,
  strategy: PowerTuningStrategy = PowerTuningStrategy.COST,
  powerValues: readonly number[] = POWER_TUNING_DEFAULT_VALUES,
): PowerTuningPick {
  const rates = pricingRates(pricing);
  const memories = [...new Set([...powerValues, profile.memoryMb])].sort((a, b) => a - b);
  const points = memories.map((memoryMb): PowerTuningPoint => {
    const factor = memoryScaleFactor({
      fromMemoryMb: profile.memoryMb,
      toMemoryMb: memoryMb,
      cpuBoundFraction: profile.cpuBoundFraction,
      maxThreads: profile.maxThreads,
    });
    const averageDurationMs = trimmedMean(
      profile.serviceMs.map((sample) => sample * factor),
      POWER_TUNING_DISCARD_TOP_BOTTOM,
    );
    return {
      memoryMb,
      averageDurationMs,
      averagePriceUsd: billedGbSeconds(averageDurationMs, memoryMb) * rates.onDemandUsdPerGbSecond,
    };
  });
  const ordered =
    strategy === PowerTuningStrategy.COST
      ? [...points].sort(
          (a, b) =>
            a.averagePriceUsd - b.averagePriceUsd || a.averageDurationMs - b.averageDurationMs,
        )
      : balancedOrder(points, POWER_TUNING_BALANCED_WEIGHT);
  return { memoryMb: (ordered[0] as PowerTuningPoint).memoryMb, strategy, points };
}

function balancedOrder(points: readonly PowerTuningPoint[], weight: number): PowerTuningPoint[] {
  const maxPrice = Math.max(...points.map((p) => p.averagePriceUsd));
  const maxDuration = Math.max(...points.map((p) => p.averageDurationMs));
  const value = (p: PowerTuningPoint) =>
    (weight * p.averagePriceUsd) / maxPrice + ((1 - weight) * p.averageDurationMs) / maxDuration;
  return [...points].sort((a, b) => value(a) - value(b));
}

function powerTuningBaseline(name: string, strategy: PowerTuningStrategy): BacktestPolicy {
  return {
    name,
    description: `on-demand at the memory a Power Tuning \`${strategy}\` sweep picks`,
    prepare(context) {
      const pick = powerTuningPick(context.profile, context.simulation.pricing, strategy);
      const chosen = pick.points.find((point) => point.memoryMb === pick.memoryMb);
      return {
        config: { memoryMb: pick.memoryMb, provisionedConcurrency: 0, reservedConcurrency: null },
        notes: [
          `${name}: picked ${pick.memoryMb} MB (${strategy} strategy over ` +
            `${pick.points.map((point) => point.memoryMb).join('/')} MB; ` +
            `20% trimmed mean warm duration there ${chosen?.averageDurationMs.toFixed(0)} ms)`,
        ],
      };
    },
  };
}

/**
 * `power-tuning`: on-demand (no PC) at the memory a Power Tuning `cost` sweep picks (see
 * `powerTuningPick`). It optimises the price of a warm invocation and ignores latency and cold
 * starts, which is exactly what it is compared for here.
 *
 * @example
 * ```ts
 * powerTuningPolicy.prepare(context).config.memoryMb; // e.g. 1024
 * ```
 */
export const powerTuningPolicy: BacktestPolicy = powerTuningBaseline(
  'power-tuning',
  PowerTuningStrategy.COST,
);

/**
 * `power-tuning-balanced`: on-demand at the memory Power Tuning's `balanced` strategy picks (price
 * and duration, each relative to the sweep's largest, weighted half and half).
 *
 * @example
 * ```ts
 * powerTuningBalancedPolicy.prepare(context).config.memoryMb; // e.g. 1536
 * ```
 */
export const powerTuningBalancedPolicy: BacktestPolicy = powerTuningBaseline(
  'power-tuning-balanced',
  PowerTuningStrategy.BALANCED,
);
