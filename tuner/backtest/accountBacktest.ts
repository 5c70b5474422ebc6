/**
 * A backtest of a whole simulated account: several functions of one trace in one account, sharing
 * its concurrency limit (tuner/local/simulatedAccount/simulatedAccount.ts), run once without a
 * tuner (on-demand, as deployed) and once with the shipped tuning cycle tuning every function at
 * once — provisioned concurrency, memory and reserved concurrency — so planCycle's account-wide
 * rule (reservations leave at least 100 unreserved) acts as it would in a real account.
 */

import type { SloInput } from '../core/config/sloSchema.ts';
import { validateConfig } from '../core/config/validateConfig.ts';
import type { ReportSink } from '../core/ports.ts';
import { runSimulatedTuning } from '../local/simulatedAccount/runSimulatedTuning.ts';
import {
  MIN_UNRESERVED_CONCURRENCY,
  SimulatedAccount,
  type SimulatedFunctionSpec,
} from '../local/simulatedAccount/simulatedAccount.ts';
import {
  type ArrivalTrace,
  type Profile,
  type SimulationResult,
  serviceModelFromProfile,
} from '../sim/index.ts';
import { BacktestOptionError } from './backtestOptionError.ts';
import type { BacktestResult, PolicyOutcome } from './backtestResult.ts';
import { resolveBacktestOptions } from './resolveBacktestOptions.ts';
import { scoreSimulation } from './scoring/scoreSimulation.ts';

/** The policies an account backtest runs, in report order. */
export const ACCOUNT_BACKTEST_POLICIES = ['on-demand', 'thermostat'] as const;

/** One function of the account. */
export interface AccountBacktestFunction {
  /** Its id in the trace; also its Lambda function name in the simulated account. */
  readonly functionId: string;
  readonly trace: ArrivalTrace;
}

/** What to backtest. */
export interface AccountBacktestOptions {
  readonly functions: readonly AccountBacktestFunction[];
  /** The handler every function runs (one profile for the account). */
  readonly profile: Profile;
  /** The SLO as a p99 per window (the short form); give this or `slo`. */
  readonly sloP99Ms?: number;
  /** The SLO as the config writes it (see `BacktestOptions.slo`); give this or `sloP99Ms`. */
  readonly slo?: SloInput;
  readonly windowMinutes?: number;
  readonly seed?: number;
  /** Every function's memory at the start, MB. Default: the profile's. */
  readonly memoryMb?: number;
  /** The account's concurrency limit. Default 1,000 (Lambda's default quota). */
  readonly accountConcurrencyLimit?: number;
  /** Every function's reserved concurrency at the start; null (default) for none. */
  readonly reservedConcurrency?: number | null;
  /** Where the thermostat's cycles write their reports (the deployed handler's documents). */
  readonly cycleReports?: ReportSink;
  /** Called after every cycle with the share of the window done. */
  readonly onProgress?: (fraction: number) => void;
}

/** The account's figures for one policy. */
export interface AccountPolicyTotals {
  readonly policy: string;
  readonly costUsd: number;
  readonly windowsWithTraffic: number;
  readonly windowsMeetingSlo: number;
  readonly throttles: number;
}

/** What an account backtest found. */
export interface AccountBacktestResult {
  readonly accountConcurrencyLimit: number;
  /** One backtest per function, its policies the account's (`ACCOUNT_BACKTEST_POLICIES`). */
  readonly functions: readonly BacktestResult[];
  readonly totals: readonly AccountPolicyTotals[];
  /** Tuning cycles run, and in how many the account's headroom held a reservation back. */
  readonly cycles: number;
  readonly cyclesHeldByAccountHeadroom: number;
  /** The least unreserved concurrency the account had after any cycle. */
  readonly leastUnreservedConcurrency: number;
  /** Each function's reserved concurrency at the start and the highest the thermostat set. */
  readonly reservations: readonly {
    readonly functionId: string;
    readonly start: number | null;
    readonly highest: number | null;
  }[];
}

/** Lambda function names: letters, digits, hyphens and underscores, at most 64. */
const FUNCTION_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Backtests an account. Throws `BacktestOptionError` naming the option (`functions`,
 * `accountConcurrencyLimit`, `reservedConcurrency`, or one of `runBacktest`'s) for values it
 * cannot use.
 *
 * @example
 * ```ts
 * const result = await runAccountBacktest({ functions: [{ functionId: 'a', trace: a }, { functionId: 'b', trace: b }],
 *   profile, sloP99Ms: 200, accountConcurrencyLimit: 300, reservedConcurrency: 50 });
 * result.totals.map((t) => [t.policy, t.costUsd]);
 * ```
 */
export async function runAccountBacktest(
  options: AccountBacktestOptions,
): Promise<AccountBacktestResult> {
  const first = options.functions[0];
  if (first === undefined) {
    throw new BacktestOptionError('functions', 'name at least two functions of the trace');
  }
  const resolved = resolveBacktestOptions({
    trace: first.trace,
    functionId: first.functionId,
    profile: options.profile,
    ...(options.sloP99Ms === undefined ? {} : { sloP99Ms: options.sloP99Ms }),
    ...(options.slo === undefined ? {} : { slo: options.slo }),
    policies: [...ACCOUNT_BACKTEST_POLICIES],
    ...(options.windowMinutes === undefined ? {} : { windowMinutes: options.windowMinutes }),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.memoryMb === undefined ? {} : { memoryMb: options.memoryMb }),
  });
  checkFunctions(options.functions);
  const limit = options.accountConcurrencyLimit ?? 1000;
  if (!Number.isSafeInteger(limit) || limit < MIN_UNRESERVED_CONCURRENCY || limit > 1_000_000) {
    throw new BacktestOptionError(
      'accountConcurrencyLimit',
      `must be an integer in ${MIN_UNRESERVED_CONCURRENCY}..1000000, got ${limit}`,
    );
  }
  const reserved = options.reservedConcurrency ?? null;
  const reservable = limit - MIN_UNRESERVED_CONCURRENCY;
  if (
    reserved !== null &&
    (!Number.isSafeInteger(reserved) ||
      reserved < 1 ||
      reserved * options.functions.length > reservable)
  ) {
    throw new BacktestOptionError(
      'reservedConcurrency',
      `must be an integer ≥ 1 whose total over the ${options.functions.length} functions leaves ` +
        `${MIN_UNRESERVED_CONCURRENCY} of the account's ${limit} unreserved (at most ` +
        `${Math.floor(reservable / options.functions.length)} each), got ${reserved}`,
    );
  }
  const serviceModel = serviceModelFromProfile(resolved.profile);
  const specs = (): SimulatedFunctionSpec[] =>
    options.functions.map((fn) => ({
      functionName: fn.functionId,
      simulation: {
        trace: fn.trace,
        serviceModel,
        seed: resolved.seed,
        config: {
          memoryMb: resolved.memoryMb,
          provisionedConcurrency: 0,
          reservedConcurrency: reserved,
        },
      },
    }));

  // On-demand: the account as deployed, nobody tuning it.
  const untuned = new SimulatedAccount({ functions: specs(), concurrencyLimit: limit });
  untuned.advanceTo(untuned.endMs);
  const onDemand = untuned.finish();

  // The thermostat: the shipped cycle, one config for every function of the account.
  const tuned = new SimulatedAccount({ functions: specs(), concurrencyLimit: limit });
  const config = validateConfig({
    mode: 'apply',
    targets: options.functions.map((fn) => ({
      function: fn.functionId,
      alias: 'live',
      slo: resolved.slo,
      tune: ['provisionedConcurrency', 'memory', 'reservedConcurrency'],
    })),
  });
  let held = 0;
  let leastUnreserved = tuned.accountState().unreservedConcurrency;
  const run = await runSimulatedTuning({
    account: tuned,
    config,
    plannerOptions: { windowMinutes: resolved.windowMinutes, seed: resolved.seed },
    ...(options.cycleReports === undefined ? {} : { reportSink: options.cycleReports }),
    onCycle: (result, nowMs) => {
      if (result.report.targets.some((t) => t.plan.flags.includes('account-headroom'))) held++;
      leastUnreserved = Math.min(leastUnreserved, tuned.accountState().unreservedConcurrency);
      options.onProgress?.((nowMs - tuned.startMs) / Math.max(1, tuned.endMs - tuned.startMs));
    },
  });

  const byPolicy: Record<
    (typeof ACCOUNT_BACKTEST_POLICIES)[number],
    Map<string, SimulationResult>
  > = { 'on-demand': onDemand, thermostat: run.simulations };
  const functions = options.functions.map((fn): BacktestResult => {
    const outcomes = ACCOUNT_BACKTEST_POLICIES.map((policy): PolicyOutcome => {
      const result = byPolicy[policy].get(fn.functionId) as SimulationResult;
      return {
        policy,
        ...scoreSimulation(result, {
          sloP99Ms: resolved.sloP99Ms,
          windowMinutes: resolved.windowMinutes,
          warmUpWindows: resolved.warmUpWindows,
          objective: resolved.objective,
        }),
        costVsOracle: null,
        costVsRobustFloor: null,
        notes: [],
        configChanges: result.configTimeline.length - 1,
        elapsedMs: 0,
      };
    });
    const any = byPolicy['on-demand'].get(fn.functionId) as SimulationResult;
    return {
      function: fn.functionId,
      invocations: outcomes[0]?.requests ?? 0,
      sloP99Ms: resolved.sloP99Ms,
      objective: resolved.objective,
      windowMinutes: resolved.windowMinutes,
      warmUpWindows: resolved.warmUpWindows,
      traceMinutes: (any.endMs - any.startMs) / 60_000,
      seed: resolved.seed,
      memoryMb: resolved.memoryMb,
      policies: outcomes,
    };
  });
  const totals = ACCOUNT_BACKTEST_POLICIES.map((policy): AccountPolicyTotals => {
    const outcomes = functions.map(
      (f) => f.policies.find((p) => p.policy === policy) as PolicyOutcome,
    );
    const sum = (pick: (o: PolicyOutcome) => number) =>
      outcomes.reduce((total, o) => total + pick(o), 0);
    return {
      policy,
      costUsd: sum((o) => o.costUsd),
      windowsWithTraffic: sum((o) => o.windowsWithTraffic),
      windowsMeetingSlo: sum((o) => o.windowsMeetingSlo),
      throttles: sum((o) => o.throttles),
    };
  });
  return {
    accountConcurrencyLimit: limit,
    functions,
    totals,
    cycles: run.cycles,
    cyclesHeldByAccountHeadroom: held,
    leastUnreservedConcurrency: leastUnreserved,
    reservations: options.functions.map((fn) => {
      const timeline = (run.simulations.get(fn.functionId) as SimulationResult).configTimeline;
      const reservedValues = timeline
        .map((change) => change.config.reservedConcurrency)
        .filter((value): value is number => value !== null);
      return {
        functionId: fn.functionId,
        start: reserved,
        highest: reservedValues.length === 0 ? null : Math.max(...reservedValues),
      };
    }),
  };
}

function checkFunctions(functions: readonly AccountBacktestFunction[]): void {
  if (functions.length < 2) {
    throw new BacktestOptionError(
      'functions',
      `name at least two functions of the trace (one is a plain backtest), got ${functions.length}`,
    );
  }
  const seen = new Set<string>();
  for (const fn of functions) {
    if (!FUNCTION_NAME.test(fn.functionId)) {
      throw new BacktestOptionError(
        'functions',
        `'${fn.functionId}' cannot be a Lambda function name (letters, digits, - and _, at most 64)`,
      );
    }
    if (seen.has(fn.functionId)) {
      throw new BacktestOptionError('functions', `'${fn.functionId}' is named twice`);
    }
    seen.add(fn.functionId);
  }
  const [first, ...rest] = functions as [AccountBacktestFunction, ...AccountBacktestFunction[]];
  const span = (t: ArrivalTrace) => `${t.startMs}`;
  const different = rest.find((fn) => span(fn.trace) !== span(first.trace));
  if (different !== undefined) {
    throw new BacktestOptionError(
      'functions',
      `'${different.functionId}' starts at another time than '${first.functionId}': an account's functions replay one trace`,
    );
  }
}
