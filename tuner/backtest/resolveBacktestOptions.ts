import { resolveSlo, type SloInput, sloInputSchema } from '../core/config/sloSchema.ts';
import {
  type ServiceLevelObjective,
  SloKind,
  sloLatencyThresholdMs,
} from '../core/slo/serviceLevelObjective.ts';
import { MAX_MEMORY_MB, MIN_MEMORY_MB, validateProfile } from '../sim/index.ts';
import { BacktestOptionError } from './backtestOptionError.ts';
import { BACKTEST_DEFAULTS, type BacktestOptions } from './backtestOptions.ts';
import type { BacktestPolicy } from './policies/backtestPolicy.ts';
import { BACKTEST_POLICIES, findBacktestPolicy } from './policies/policyRegistry.ts';

const MINUTES_PER_DAY = 1440;

/** Backtest options with defaults applied and policies looked up. */
export interface ResolvedBacktestOptions extends BacktestOptions {
  /** The SLO as given, its backtest default interval filled in. */
  readonly slo: SloInput;
  /** The SLO, defaults applied (a period-based one's period is the window). */
  readonly objective: ServiceLevelObjective;
  /**
   * The latency threshold every policy plans and is judged against: a period-based SLO's p99
   * target, a request-based SLO's latency of a good request.
   */
  readonly sloP99Ms: number;
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
  const windowMinutes = options.windowMinutes ?? BACKTEST_DEFAULTS.windowMinutes;
  checkInteger('windowMinutes', windowMinutes, 1, MINUTES_PER_DAY);
  const { slo, objective } = resolveBacktestSlo(options, windowMinutes);
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
    slo,
    objective,
    sloP99Ms: sloLatencyThresholdMs(objective),
    windowMinutes,
    warmUpWindows,
    seed,
    memoryMb,
    selectedPolicies: names.map(findBacktestPolicy),
  };
}

/**
 * The backtest's SLO from `sloP99Ms` (the short form) or `slo`, validated by the config's own
 * schema: an error names the option's field (`slo.goal.attainmentGoal: 100 is not below 100`).
 * Both may be given when `sloP99Ms` is the threshold of `slo` (as in resolved options).
 */
function resolveBacktestSlo(
  options: BacktestOptions,
  windowMinutes: number,
): { slo: SloInput; objective: ServiceLevelObjective } {
  const p99 = options.sloP99Ms;
  if (p99 === undefined && options.slo === undefined)
    throw new BacktestOptionError('sloP99Ms', 'give the SLO: sloP99Ms or slo');
  if (p99 !== undefined && (typeof p99 !== 'number' || !Number.isFinite(p99) || p99 <= 0))
    throw new BacktestOptionError('sloP99Ms', `must be a number > 0, got ${p99}`);
  const given = options.slo ?? { p99Ms: p99 as number };
  const slo: SloInput = {
    ...given,
    goal: { interval: BACKTEST_DEFAULTS.sloInterval, ...given.goal },
  };
  const parsed = sloInputSchema.safeParse(slo);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BacktestOptionError(
      ['slo', ...(issue?.path ?? [])].join('.'),
      issue?.message ?? 'is not an SLO',
    );
  }
  const resolved = resolveSlo(parsed.data);
  const objective =
    resolved.kind === SloKind.PERIOD ? { ...resolved, periodMinutes: windowMinutes } : resolved;
  if (p99 !== undefined && p99 !== sloLatencyThresholdMs(objective))
    throw new BacktestOptionError(
      'sloP99Ms',
      `${p99} is not the threshold of slo (${sloLatencyThresholdMs(objective)} ms): give one of them`,
    );
  return { slo, objective };
}

function checkInteger(field: string, value: number, minimum: number, maximum: number): void {
  if (!Number.isSafeInteger(value) || value < minimum || value > maximum) {
    const range =
      minimum === Number.MIN_SAFE_INTEGER ? 'an integer' : `an integer in ${minimum}..${maximum}`;
    throw new BacktestOptionError(field, `must be ${range}, got ${value}`);
  }
}
