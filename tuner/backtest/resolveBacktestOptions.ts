import { MAX_MEMORY_MB, MIN_MEMORY_MB, validateProfile } from '../sim/index.ts';
import { BacktestOptionError } from './backtestOptionError.ts';
import { BACKTEST_DEFAULTS, type BacktestOptions } from './backtestOptions.ts';
import type { BacktestPolicy } from './policies/backtestPolicy.ts';
import { BACKTEST_POLICIES, findBacktestPolicy } from './policies/policyRegistry.ts';

const MINUTES_PER_DAY = 1440;

/** Backtest options with defaults applied and policies looked up. */
export interface ResolvedBacktestOptions extends BacktestOptions {
  readonly windowMinutes: number;
  readonly warmUpWindows: number;
  readonly seed: number;
  readonly memoryMb: number;
  readonly selectedPolicies: readonly BacktestPolicy[];
}

/**
 * Checks every option and applies the defaults. Throws `BacktestOptionError` naming the option
 * (`sloP99Ms: must be a number > 0, got NaN`), `UnknownBacktestPolicyError`
 * for an unknown policy, or `SimulationInputError` for an unusable profile.
 *
 * @example
 * ```ts
 * resolveBacktestOptions({ trace, functionId: 'f', profile, sloP99Ms: 200 }).windowMinutes; // 5
 * ```
 */
export function resolveBacktestOptions(options: BacktestOptions): ResolvedBacktestOptions {
  validateProfile(options.profile);
  const slo = options.sloP99Ms;
  if (typeof slo !== 'number' || !Number.isFinite(slo) || slo <= 0) {
    throw new BacktestOptionError('sloP99Ms', `must be a number > 0, got ${slo}`);
  }
  const windowMinutes = options.windowMinutes ?? BACKTEST_DEFAULTS.windowMinutes;
  checkInteger('windowMinutes', windowMinutes, 1, MINUTES_PER_DAY);
  const warmUpWindows = options.warmUpWindows ?? BACKTEST_DEFAULTS.warmUpWindows;
  checkInteger('warmUpWindows', warmUpWindows, 0, MINUTES_PER_DAY);
  const seed = options.seed ?? BACKTEST_DEFAULTS.seed;
  checkInteger('seed', seed, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  const memoryMb = options.memoryMb ?? options.profile.memoryMb;
  checkInteger('memoryMb', memoryMb, MIN_MEMORY_MB, MAX_MEMORY_MB);
  const names = options.policies ?? BACKTEST_POLICIES.map((policy) => policy.name);
  if (names.length === 0) throw new BacktestOptionError('policies', 'name at least one policy');
  const duplicate = names.find((name, i) => names.indexOf(name) !== i);
  if (duplicate !== undefined) {
    throw new BacktestOptionError('policies', `'${duplicate}' is named twice`);
  }
  return {
    ...options,
    windowMinutes,
    warmUpWindows,
    seed,
    memoryMb,
    selectedPolicies: names.map(findBacktestPolicy),
  };
}

function checkInteger(field: string, value: number, minimum: number, maximum: number): void {
  if (!Number.isSafeInteger(value) || value < minimum || value > maximum) {
    const range =
      minimum === Number.MIN_SAFE_INTEGER ? 'an integer' : `an integer in ${minimum}..${maximum}`;
    throw new BacktestOptionError(field, `must be ${range}, got ${value}`);
  }
}
