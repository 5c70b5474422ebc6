import { billedGbSeconds } from '@lambda-thermostat/sdk/cost';
import { memoryScaleFactor, type Profile, type SimulationPricing } from '../../sim/index.ts';
import { pricingRates } from '../pricingRates.ts';
import type { BacktestPolicy } from './backtestPolicy.ts';

/** AWS Lambda Power Tuning's default `powerValues`, MB. */
export const POWER_TUNING_DEFAULT_VALUES = [128, 256, 512, 1024, 1536, 3008] as const;

/** One memory size of the sweep. */
export interface PowerTuningPoint {
  readonly memoryMb: number;
  /** Mean warm duration at this memory, ms (the profile's samples, scaled by the CPU-share rule). */
  readonly meanDurationMs: number;
  /** Mean cost of one warm invocation, USD (request + billed duration). */
  readonly meanCostUsd: number;
}

/** What the sweep measured and picked. */
export interface PowerTuningPick {
  readonly memoryMb: number;
  readonly points: readonly PowerTuningPoint[];
}

/**
 * What an AWS Lambda Power Tuning sweep with the `cost` strategy picks for a profiled handler:
 * every power value (the defaults plus the profile's memory) is "invoked" once per warm sample of
 * the profile, each duration scaled to that memory by the CPU-share rule and billed to the ms; the
 * memory with the lowest mean cost per invocation wins (the smaller one on a tie). Cold starts do
 * not enter it, as in Power Tuning's warm invocations.
 *
 * @example
 * ```ts
 * // A fully CPU-bound single-threaded handler costs about the same at every size up to 1 vCPU;
 * // the ms rounding makes the smallest the cheapest.
 * powerTuningPick(profile).memoryMb; // 128
 * ```
 */
export function powerTuningPick(
  profile: Profile,
  pricing?: SimulationPricing,
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
    let durationSum = 0;
    let costSum = 0;
    for (const sample of profile.serviceMs) {
      const durationMs = sample * factor;
      durationSum += durationMs;
      costSum +=
        rates.usdPerRequest + billedGbSeconds(durationMs, memoryMb) * rates.onDemandUsdPerGbSecond;
    }
    const n = profile.serviceMs.length;
    return { memoryMb, meanDurationMs: durationSum / n, meanCostUsd: costSum / n };
  });
  let best = points[0] as PowerTuningPoint;
  for (const point of points) if (point.meanCostUsd < best.meanCostUsd) best = point;
  return { memoryMb: best.memoryMb, points };
}

/**
 * `power-tuning`: on-demand (no PC) at the memory a Power Tuning `cost` sweep picks (see
 * `powerTuningPick`). It optimises the price of a warm invocation and ignores latency and cold
 * starts, which is exactly what it is compared for here.
 *
 * @example
 * ```ts
 * powerTuningPolicy.prepare(context).config.memoryMb; // e.g. 128
 * ```
 */
export const powerTuningPolicy: BacktestPolicy = {
  name: 'power-tuning',
  description: 'on-demand at the memory a Power Tuning cost sweep picks',
  prepare(context) {
    const pick = powerTuningPick(context.profile, context.simulation.pricing);
    const chosen = pick.points.find((point) => point.memoryMb === pick.memoryMb);
    return {
      config: { memoryMb: pick.memoryMb, provisionedConcurrency: 0, reservedConcurrency: null },
      notes: [
        `power-tuning: picked ${pick.memoryMb} MB (lowest mean warm cost over ` +
          `${pick.points.map((point) => point.memoryMb).join('/')} MB; ` +
          `mean warm duration there ${chosen?.meanDurationMs.toFixed(0)} ms)`,
      ],
    };
  },
};
