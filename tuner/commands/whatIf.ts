import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { type Command, Option } from 'commander';
import { BACKTEST_DEFAULTS, compareProfiles, type WhatIfResult } from '../backtest/index.ts';
import { BacktestProgressDisplay } from '../report/backtestProgressDisplay.ts';
import { whatIfJson, whatIfTextReport } from '../report/index.ts';
import { TraceFormat, type TraceFormat as TraceFormatName } from '../sim/index.ts';
import { loadProfileFlag, loadTraceFlag } from './commandInputs.ts';
import { integerFlag, positiveNumberFlag, SLO_P99_MAX_MS } from './flagParsers.ts';

interface WhatIfFlags {
  trace: string;
  format?: TraceFormatName;
  function?: string;
  profile: string[];
  sloP99Ms: number;
  windowMin: number;
  seed: number;
  json?: string;
  progress: boolean;
}

/**
 * Registers `thermostat whatif`: the same traffic and SLO, two or more profiles (say an fp32 and
 * an int8 model), each tuned by the thermostat in a backtest; prints them side by side (model
 * size, init, service, tuned cost per million requests, attainment, monthly cost) and what
 * shipping each instead of the first would change, in dollars a month.
 *
 * @example
 * ```ts
 * registerWhatIfCommand(program);
 * // thermostat whatif --trace examples/traces/azure2019/100_inv.csv --function e80f0c \
 * //   --profile fp32.json --profile int8.json --slo-p99-ms 100
 * ```
 */
export function registerWhatIfCommand(program: Command): void {
  program
    .command('whatif')
    .description(
      'Compare models on the same traffic: backtest the thermostat once per profile (same trace, ' +
        'seed and SLO) and print model size, init and service time, tuned cost per million ' +
        'requests, attainment and the monthly difference from the first profile',
    )
    .requiredOption('--trace <file>', 'invocation trace (Azure 2019, Azure 2021 or plain CSV)')
    .addOption(
      new Option('--format <format>', 'trace format (default: detected)').choices(
        Object.values(TraceFormat),
      ),
    )
    .option('--function <id>', "the trace's function id or a unique prefix")
    .requiredOption(
      '--profile <file>',
      'a profile JSON (thermostat profile --out); give two or more, the first is the baseline',
      (file: string, previous: string[] = []) => [...previous, file],
    )
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
      '--seed <n>',
      'random seed of the simulations',
      integerFlag('--seed', 0, 2 ** 31 - 1),
      BACKTEST_DEFAULTS.seed,
    )
    .option('--json <file>', 'also write the comparison as JSON to this file')
    .option('--no-progress', 'no progress on stderr')
    .action(async (flags: WhatIfFlags) => {
      const result = await whatIfFromFlags(flags);
      process.stdout.write(whatIfTextReport(result));
      if (flags.json !== undefined) {
        await mkdir(dirname(flags.json), { recursive: true });
        await writeFile(flags.json, `${JSON.stringify(whatIfJson(result), null, 2)}\n`);
      }
    });
}

async function whatIfFromFlags(flags: WhatIfFlags): Promise<WhatIfResult> {
  const profiles = await Promise.all(flags.profile.map(loadProfileFlag));
  const loaded = await loadTraceFlag(flags);
  // Label each column with the profile's name, or its file's when two profiles share a name.
  const names = profiles.map((profile) => profile.name);
  const labels = profiles.map((profile, i) =>
    names.indexOf(profile.name) === names.lastIndexOf(profile.name)
      ? profile.name
      : basename(flags.profile[i] as string),
  );
  const displays = labels.map(
    (label) => new BacktestProgressDisplay({ enabled: flags.progress, label: label.slice(0, 24) }),
  );
  try {
    return await compareProfiles({
      trace: loaded.trace,
      functionId: loaded.function.id,
      profiles: profiles.map((profile, i) => ({ label: labels[i] as string, profile })),
      sloP99Ms: flags.sloP99Ms,
      windowMinutes: flags.windowMin,
      seed: flags.seed,
      onProgress: (index, progress) => {
        for (const display of displays.slice(0, index)) display.stop();
        displays[index]?.update(progress);
      },
    });
  } finally {
    for (const display of displays) display.stop();
  }
}
