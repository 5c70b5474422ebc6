import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import {
  BACKTEST_DEFAULTS,
  BacktestOptionError,
  type BacktestOptions,
  backtestPolicyNames,
  runBacktest,
  runBacktestSeeds,
} from '../backtest/index.ts';
import { BacktestProgressDisplay } from '../report/backtestProgressDisplay.ts';
import { backtestJson, backtestTextTable, seedSpreadTable } from '../report/index.ts';
import {
  MAX_MEMORY_MB,
  MIN_MEMORY_MB,
  TraceFormat,
  type TraceFormat as TraceFormatName,
} from '../sim/index.ts';
import { loadProfileFlag, loadTraceFlag } from './commandInputs.ts';
import { integerFlag, positiveNumberFlag, SLO_P99_MAX_MS, seedListFlag } from './flagParsers.ts';

interface BacktestFlags {
  trace: string;
  format?: TraceFormatName;
  function?: string;
  profile: string;
  sloP99Ms: number;
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
  program
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
    .requiredOption('--profile <file>', 'profile JSON (thermostat profile --out)')
    .requiredOption(
      '--slo-p99-ms <ms>',
      'SLO: p99 end-to-end latency per window, ms',
      positiveNumberFlag(SLO_P99_MAX_MS),
    )
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
      let document: unknown;
      if (flags.seeds !== undefined) {
        if (command.getOptionValueSource('seed') === 'cli') {
          throw new BacktestOptionError('--seeds: give --seed or --seeds, not both');
        }
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
      sloP99Ms: flags.sloP99Ms,
      windowMinutes: flags.windowMin,
      ...(flags.policies !== undefined ? { policies: flags.policies } : {}),
      ...(flags.memoryMb !== undefined ? { memoryMb: flags.memoryMb } : {}),
      onProgress: (progress) => display.update(progress),
    });
  } finally {
    display.stop();
  }
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
