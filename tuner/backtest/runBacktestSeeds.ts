import { BacktestOptionError } from './backtestOptionError.ts';
import type { BacktestOptions } from './backtestOptions.ts';
import type { BacktestResult, PolicyOutcome } from './backtestResult.ts';
import { runBacktest } from './runBacktest.ts';

/** A figure over several seeds. */
export interface SeedSpread {
  readonly mean: number;
  readonly min: number;
  readonly max: number;
}

/** One policy over several seeds. */
export interface PolicySpread {
  readonly policy: string;
  readonly windowsMeetingSlo: SeedSpread;
  readonly windowsWithTraffic: SeedSpread;
  /** Null when no seed's run had a scored window. */
  readonly attainment: SeedSpread | null;
  readonly costUsd: SeedSpread;
  /** Null when a seed's run had no such floor. */
  readonly costVsOracle: SeedSpread | null;
  readonly costVsRobustFloor: SeedSpread | null;
}

/** A backtest repeated on several seeds: every run, and each policy's spread. */
export interface MultiSeedBacktestResult {
  readonly function: string;
  readonly seeds: readonly number[];
  readonly runs: readonly BacktestResult[];
  /** In the order asked for. */
  readonly policies: readonly PolicySpread[];
}

/**
 * Runs the same backtest once per seed (each seed re-draws the arrival times within each minute
 * and every service and init time) and reports each policy's mean, lowest and highest figure: a
 * policy that looks good on one seed's dice only shows a wide spread. Throws `BacktestOptionError`
 * for an empty or repeated seed list, and whatever `runBacktest` throws.
 *
 * @example
 * ```ts
 * const multi = await runBacktestSeeds({ trace, functionId, profile, sloP99Ms: 200 }, [1, 2, 3, 4, 5]);
 * multi.policies.map((p) => [p.policy, p.attainment?.min, p.costUsd.mean]);
 * ```
 */
export async function runBacktestSeeds(
  options: Omit<BacktestOptions, 'seed'>,
  seeds: readonly number[],
): Promise<MultiSeedBacktestResult> {
  if (seeds.length === 0) throw new BacktestOptionError('seeds', 'name at least one seed');
  const repeated = seeds.find((seed, i) => seeds.indexOf(seed) !== i);
  if (repeated !== undefined) {
    throw new BacktestOptionError('seeds', `seed ${repeated} is named twice`);
  }
  const runs: BacktestResult[] = [];
  for (const seed of seeds) {
    const onProgress = options.onProgress;
    runs.push(
      await runBacktest({
        ...options,
        seed,
        ...(onProgress !== undefined
          ? { onProgress: (p) => onProgress({ ...p, policy: `${p.policy} (seed ${seed})` }) }
          : {}),
      }),
    );
  }
  const first = runs[0] as BacktestResult;
  return {
    function: first.function,
    seeds,
    runs,
    policies: first.policies.map(({ policy }) => {
      const outcomes = runs.map(
        (run) => run.policies.find((outcome) => outcome.policy === policy) as PolicyOutcome,
      );
      return {
        policy,
        windowsMeetingSlo: spreadOf(outcomes.map((o) => o.windowsMeetingSlo)) as SeedSpread,
        windowsWithTraffic: spreadOf(outcomes.map((o) => o.windowsWithTraffic)) as SeedSpread,
        attainment: spreadOf(outcomes.map((o) => o.attainment)),
        costUsd: spreadOf(outcomes.map((o) => o.costUsd)) as SeedSpread,
        costVsOracle: spreadOf(outcomes.map((o) => o.costVsOracle)),
        costVsRobustFloor: spreadOf(outcomes.map((o) => o.costVsRobustFloor)),
      };
    }),
  };
}

/**
 * Mean, lowest and highest of some figures; null if any is missing.
 *
 * @example
 * ```ts
 * spreadOf([0.99, 1, 0.98]); // { mean: 0.99, min: 0.98, max: 1 }
 * ```
 */
export function spreadOf(values: readonly (number | null)[]): SeedSpread | null {
  if (values.length === 0 || values.some((value) => value === null)) return null;
  const numbers = values as readonly number[];
  return {
    mean: numbers.reduce((a, b) => a + b, 0) / numbers.length,
    min: Math.min(...numbers),
    max: Math.max(...numbers),
  };
}
