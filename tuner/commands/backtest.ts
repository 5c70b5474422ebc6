import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import {
  type AccountBacktestResult,
  BACKTEST_DEFAULTS,
  type BacktestOptions,
  backtestPolicyNames,
  runAccountBacktest,
  runBacktest,
  runBacktestSeeds,
} from '../backtest/index.ts';
import { accountBacktestText } from '../report/accountBacktestText.ts';
import { BacktestProgressDisplay } from '../report/backtestProgressDisplay.ts';
import { backtestJson, backtestTextTable, seedSpreadTable } from '../report/index.ts';
import {
  MAX_MEMORY_MB,
  MIN_MEMORY_MB,
  TraceFormat,
  type TraceFormat as TraceFormatName,
} from '../sim/index.ts';
import { loadProfileFlag, loadTraceFlag } from './commandInputs.ts';
import { FlagCombinationError } from './flagCombinationError.ts';
import { integerFlag, seedListFlag } from './flagParsers.ts';
import { addSloFlags, type SloFlags, sloFromFlags } from './sloFlags.ts';

interface BacktestFlags extends SloFlags {
  trace: string;
  format?: TraceFormatName;
  function?: string;
  functions?: string[];
  accountConcurrency?: number;
  reservedConcurrency?: number;
  profile: string;
  windowMin: number;
  policies?: string[];
  seed: number;
  seeds?: number[];
  memoryMb?: number;
  json?: string;
  progress: boolean;
}

/**
 * Registers `thermostat backtest`: replays one function's trace through the fleet simulator once
 * per policy, prints the comparison table, and with `--json` writes the results document.
 *
 * @example
 * ```ts
 * registerBacktestCommand(program);
 * // thermostat backtest --trace examples/traces/azure2019/100_inv.csv --function e80f0c \
 * //   --profile profile.json --slo-p99-ms 200 --json backtest.json
 * ```
 */
export function registerBacktestCommand(program: Command): void {
  const command = program
    .command('backtest')
    .description(
      'Score provisioning policies on one function of a trace: every policy replays the same ' +
        'requests through the fleet simulator; prints a table, writes JSON with --json',
    )
    .requiredOption('--trace <file>', 'invocation trace (Azure 2019, Azure 2021 or plain CSV)')
    .addOption(
      new Option('--format <format>', 'trace format (default: detected)').choices(
        Object.values(TraceFormat),
      ),
    )
    .option('--function <id>', "the trace's function id or a unique prefix")
    .option(
      '--functions <ids>',
      'comma-separated function ids (or unique prefixes): backtest them together in one ' +
        'simulated account sharing its concurrency limit, on-demand and with the thermostat',
      idList,
    )
    .option(
      '--account-concurrency <n>',
      "with --functions: the account's concurrency limit (default 1000)",
      integerFlag('--account-concurrency', 100, 1_000_000),
    )
    .option(
      '--reserved-concurrency <n>',
      "with --functions: every function's reserved concurrency at the start (default none)",
      integerFlag('--reserved-concurrency', 1, 1_000_000),
    )
    .requiredOption('--profile <file>', 'profile JSON (thermostat profile --out)');
  addSloFlags(command)
    .option(
      '--window-min <minutes>',
      'SLO window, minutes',
      integerFlag('--window-min', 1, 1440),
      BACKTEST_DEFAULTS.windowMinutes,
    )
    .option(
      '--policies <names>',
      `comma-separated policies (default: all: ${backtestPolicyNames().join(',')})`,
      policyList,
    )
    .option(
      '--seed <n>',
      'random seed of the simulations',
      integerFlag('--seed', 0, 2 ** 31 - 1),
      BACKTEST_DEFAULTS.seed,
    )
    .option(
      '--seeds <seeds>',
      'score on several seeds (1..5 or 1,4,9) and report the spread; replaces --seed',
      seedListFlag,
    )
    .option(
      '--memory-mb <mb>',
      "memory of the fixed-memory policies (default: the profile's)",
      integerFlag('--memory-mb', MIN_MEMORY_MB, MAX_MEMORY_MB),
    )
    .option('--json <file>', 'also write the results as JSON to this file')
    .option('--no-progress', 'no progress on stderr')
    .action(async (flags: BacktestFlags, command: Command) => {
      const seedGiven = command.getOptionValueSource('seed') === 'cli';
      if (flags.functions !== undefined) {
        if (flags.seeds !== undefined)
          throw new FlagCombinationError('--seeds: not with --functions');
        process.stdout.write(accountBacktestText(await accountBacktestFromFlags(flags)));
        return;
      }
      for (const accountOnly of ['accountConcurrency', 'reservedConcurrency'] as const) {
        if (flags[accountOnly] !== undefined) {
          throw new FlagCombinationError(
            `${accountOnly === 'accountConcurrency' ? '--account-concurrency' : '--reserved-concurrency'}: only with --functions`,
          );
        }
      }
      let document: unknown;
      if (flags.seeds !== undefined) {
        if (seedGiven) throw new FlagCombinationError('--seeds: give --seed or --seeds, not both');
        const seeds = flags.seeds;
        const multi = await backtestFromFlags(flags, (options) => runBacktestSeeds(options, seeds));
        process.stdout.write(seedSpreadTable(multi));
        document = {
          function: multi.function,
          seeds: multi.seeds,
          policies: multi.policies,
          runs: multi.runs.map((run) => ({ seed: run.seed, ...backtestJson(run) })),
        };
      } else {
        const result = await backtestFromFlags(flags, (options) =>
          runBacktest({ ...options, seed: flags.seed }),
        );
        process.stdout.write(backtestTextTable(result));
        document = backtestJson(result);
      }
      if (flags.json !== undefined) {
        await mkdir(dirname(flags.json), { recursive: true });
        await writeFile(flags.json, `${JSON.stringify(document, null, 2)}\n`);
      }
    });
}

async function backtestFromFlags<T>(
  flags: BacktestFlags,
  run: (options: Omit<BacktestOptions, 'seed'>) => Promise<T>,
): Promise<T> {
  const slo = sloFromFlags(flags);
  const profile = await loadProfileFlag(flags.profile);
  const loaded = await loadTraceFlag(flags);
  const display = new BacktestProgressDisplay({
    enabled: flags.progress,
    label: loaded.function.id.slice(0, 10),
  });
  try {
    return await run({
      trace: loaded.trace,
      functionId: loaded.function.id,
      profile,
      slo,
      windowMinutes: flags.windowMin,
      ...(flags.policies !== undefined ? { policies: flags.policies } : {}),
      ...(flags.memoryMb !== undefined ? { memoryMb: flags.memoryMb } : {}),
      onProgress: (progress) => display.update(progress),
    });
  } finally {
    display.stop();
  }
}

async function accountBacktestFromFlags(flags: BacktestFlags): Promise<AccountBacktestResult> {
  const clash = (
    [
      ['function', '--function'],
      ['policies', '--policies'],
      ['json', '--json'],
    ] as const
  ).find(([key]) => flags[key] !== undefined);
  if (clash !== undefined) {
    throw new FlagCombinationError(
      `${clash[1]}: not with --functions (an account backtest runs on-demand and the thermostat, and prints its tables)`,
    );
  }
  const slo = sloFromFlags(flags);
  const profile = await loadProfileFlag(flags.profile);
  const functions = [];
  for (const id of flags.functions ?? []) {
    const loaded = await loadTraceFlag({ ...flags, function: id });
    functions.push({ functionId: loaded.function.id, trace: loaded.trace });
  }
  const display = new BacktestProgressDisplay({ enabled: flags.progress, label: 'account' });
  try {
    return await runAccountBacktest({
      functions,
      profile,
      slo,
      windowMinutes: flags.windowMin,
      seed: flags.seed,
      ...(flags.memoryMb !== undefined ? { memoryMb: flags.memoryMb } : {}),
      ...(flags.accountConcurrency !== undefined
        ? { accountConcurrencyLimit: flags.accountConcurrency }
        : {}),
      ...(flags.reservedConcurrency !== undefined
        ? { reservedConcurrency: flags.reservedConcurrency }
        : {}),
      onProgress: (fraction) =>
        display.update({ policy: 'thermostat', policyIndex: 1, policyCount: 2, fraction }),
    });
  } finally {
    display.stop();
  }
}

function idList(text: string): string[] {
  const ids = text
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  if (ids.length < 2) {
    throw new InvalidArgumentError(
      `name at least two function ids, comma-separated (one is a plain backtest: --function), got '${text}'`,
    );
  }
  return ids;
}

function policyList(text: string): string[] {
  const names = text
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const valid = backtestPolicyNames();
  const unknown = names.filter((name) => !valid.includes(name));
  if (names.length === 0 || unknown.length > 0) {
    throw new InvalidArgumentError(
      `${unknown.length > 0 ? `unknown policy '${unknown.join("', '")}'` : 'no policy named'}; ` +
        `valid: ${valid.join(', ')}`,
    );
  }
  return names;
}
