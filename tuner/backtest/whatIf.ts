import {
  type ArrivalTrace,
  nearestRankPercentile,
  type Profile,
  traceMinutes,
} from '../sim/index.ts';
import { BacktestOptionError } from './backtestOptionError.ts';
import type { BacktestProgress, BacktestSimulationSettings } from './backtestOptions.ts';
import type { PolicyOutcome } from './backtestResult.ts';
import { runBacktest } from './runBacktest.ts';

/** The policy every variant is tuned by: this project's tuner. */
export const WHAT_IF_POLICY = 'thermostat';
/** Hours in the month the what-if prices (AWS's own convention for monthly prices). */
export const HOURS_PER_MONTH = 730;

/** One model (one profile) to compare. */
export interface WhatIfProfile {
  /** What the report calls it (e.g. the profile's file name or name). */
  readonly label: string;
  readonly profile: Profile;
}

/** Same traffic, same SLO, several profiles: what each would cost tuned by the thermostat. */
export interface WhatIfOptions {
  readonly trace: ArrivalTrace;
  readonly functionId: string;
  /** Two or more; the first is the baseline the others are priced against. */
  readonly profiles: readonly WhatIfProfile[];
  readonly sloP99Ms: number;
  readonly windowMinutes?: number;
  readonly seed?: number;
  readonly simulation?: BacktestSimulationSettings;
  /** Progress of the variant being backtested (index among the variants, 0-based). */
  readonly onProgress?: (variantIndex: number, progress: BacktestProgress) => void;
}

/** One profile's side of the comparison. */
export interface WhatIfVariant {
  readonly label: string;
  readonly profileName: string;
  /** The model file's size, bytes, when the profile records it. */
  readonly modelBytes: number | null;
  /** Medians (and the service p99) of the profile's measured samples, ms. */
  readonly initMedianMs: number;
  readonly serviceMedianMs: number;
  readonly serviceP99Ms: number;
  /** The memory the profile was measured at, MB (the thermostat may tune away from it). */
  readonly profileMemoryMb: number;
  /** The thermostat's backtest on the trace. */
  readonly outcome: PolicyOutcome;
  /** `outcome.costUsd` scaled from the trace's span to a month of 730 hours. */
  readonly monthlyCostUsd: number;
  /** `monthlyCostUsd` minus the baseline's (negative: cheaper); 0 for the baseline. */
  readonly monthlyDifferenceUsd: number;
  /** Windows meeting the SLO minus the baseline's (negative: misses more). */
  readonly windowsDifference: number;
}

/** The comparison. */
export interface WhatIfResult {
  readonly function: string;
  readonly requests: number;
  readonly sloP99Ms: number;
  readonly windowMinutes: number;
  readonly seed: number;
  readonly policy: typeof WHAT_IF_POLICY;
  /** Minutes of traffic the trace spans (the costs are for this span). */
  readonly traceMinutes: number;
  /** In the order given; the first is the baseline. */
  readonly variants: readonly WhatIfVariant[];
}

/**
 * "Should I ship model B instead of model A?" in dollars: backtests the thermostat (the tuner
 * itself, through `runBacktest`) once per profile on the same traffic, seed and SLO, and sets
 * each against the first: model size, init and service times, tuned cost per million requests,
 * SLO attainment, and the monthly difference. Throws `BacktestOptionError` for fewer than two
 * profiles, and whatever `runBacktest` throws for bad options.
 *
 * @example
 * ```ts
 * const result = await compareProfiles({
 *   trace, functionId: 'e80f0c2ac8', sloP99Ms: 100,
 *   profiles: [{ label: 'fp32', profile: fp32 }, { label: 'int8', profile: int8 }],
 * });
 * result.variants[1].monthlyDifferenceUsd; // e.g. -3.2: int8 saves $3.20 a month
 * ```
 */
export async function compareProfiles(options: WhatIfOptions): Promise<WhatIfResult> {
  if (options.profiles.length < 2) {
    throw new BacktestOptionError(
      'profiles',
      `give at least two profiles to compare, got ${options.profiles.length}`,
    );
  }
  const minutes = traceMinutes(options.trace);
  const months = minutes / 60 / HOURS_PER_MONTH;
  const runs = [];
  for (const [index, { label, profile }] of options.profiles.entries()) {
    const result = await runBacktest({
      trace: options.trace,
      functionId: options.functionId,
      profile,
      sloP99Ms: options.sloP99Ms,
      policies: [WHAT_IF_POLICY],
      ...(options.windowMinutes !== undefined ? { windowMinutes: options.windowMinutes } : {}),
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      ...(options.simulation !== undefined ? { simulation: options.simulation } : {}),
      ...(options.onProgress !== undefined
        ? { onProgress: (progress: BacktestProgress) => options.onProgress?.(index, progress) }
        : {}),
    });
    runs.push({ label, profile, result, outcome: result.policies[0] as PolicyOutcome });
  }
  const [baseline] = runs;
  const baselineMonthly = (baseline?.outcome.costUsd ?? 0) / months;
  const first = baseline?.result;
  return {
    function: options.functionId,
    requests: first?.invocations ?? 0,
    sloP99Ms: first?.sloP99Ms ?? options.sloP99Ms,
    windowMinutes: first?.windowMinutes ?? 0,
    seed: first?.seed ?? 0,
    policy: WHAT_IF_POLICY,
    traceMinutes: minutes,
    variants: runs.map(({ label, profile, outcome }) => {
      const monthlyCostUsd = outcome.costUsd / months;
      return {
        label,
        profileName: profile.name,
        modelBytes: profile.modelBytes ?? null,
        initMedianMs: nearestRankPercentile(profile.initMs, 50) as number,
        serviceMedianMs: nearestRankPercentile(profile.serviceMs, 50) as number,
        serviceP99Ms: nearestRankPercentile(profile.serviceMs, 99) as number,
        profileMemoryMb: profile.memoryMb,
        outcome,
        monthlyCostUsd,
        monthlyDifferenceUsd: monthlyCostUsd - baselineMonthly,
        windowsDifference: outcome.windowsMeetingSlo - (baseline?.outcome.windowsMeetingSlo ?? 0),
      };
    }),
  };
}
