import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { dirname } from 'node:path';
import { type Command, Option } from 'commander';
import { exampleCatalog } from '../local/profiler/exampleCatalog.ts';
import { profileExample } from '../local/profiler/profileExample.ts';
import { defaultProfileOptions } from '../local/profiler/profileOptions.ts';
import { summarizeProfile } from '../local/profiler/profileSummary.ts';
import { MAX_MEMORY_MB, MIN_MEMORY_MB } from '../sim/index.ts';
import { integerFlag } from './flagParsers.ts';

interface ProfileFlags {
  example: string;
  cold?: number;
  warm?: number;
  warmup?: number;
  threads?: number;
  memoryMb?: number;
  out?: string;
  progress: boolean;
}

/**
 * Registers `thermostat profile`: measures an example handler for real and writes its profile
 * (the JSON the simulator reads) to `--out`, or to stdout.
 *
 * @example
 * ```ts
 * registerProfileCommand(program);
 * // thermostat profile --example ocr-detector --cold 3 --warm 30 --out profile.json
 * ```
 */
export function registerProfileCommand(program: Command): void {
  program
    .command('profile')
    .description(
      'Measure an example handler for real: cold starts each in a fresh process, then warm ' +
        'invocations in one process; write its profile (name, memoryMb, initMs, serviceMs, ' +
        'cpuBoundFraction, maxThreads)',
    )
    .addOption(
      new Option('--example <name>', 'example handler to profile')
        .choices(Object.keys(exampleCatalog))
        .makeOptionMandatory(),
    )
    .option(
      '--cold <count>',
      `cold starts to measure (default ${defaultProfileOptions.cold})`,
      integerFlag('--cold', 1, 1000),
    )
    .option(
      '--warm <count>',
      `warm invocations to measure (default ${defaultProfileOptions.warm})`,
      integerFlag('--warm', 1, 100_000),
    )
    .option(
      '--warmup <count>',
      `warm invocations discarded first (default ${defaultProfileOptions.warmup})`,
      integerFlag('--warmup', 0, 1000),
    )
    .option(
      '--threads <count>',
      'onnxruntime intra-op threads of the model run (default 1)',
      integerFlag('--threads', 1, 64),
    )
    .option(
      '--memory-mb <mb>',
      'memory size the profile stands for (default threads × 1769)',
      integerFlag('--memory-mb', MIN_MEMORY_MB, MAX_MEMORY_MB),
    )
    .option('--out <file>', 'write the profile to this file (default: stdout)')
    .option('--no-progress', 'no progress bar on stderr')
    .action(async (flags: ProfileFlags) => {
      warnIfBusy(flags.threads ?? defaultProfileOptions.threads);
      const profile = await profileExample({
        example: flags.example,
        ...definedOnly({
          cold: flags.cold,
          warm: flags.warm,
          warmup: flags.warmup,
          threads: flags.threads,
          memoryMb: flags.memoryMb,
        }),
        progress: flags.progress && process.stderr.isTTY === true,
      });
      const json = `${JSON.stringify(profile, null, 2)}\n`;
      if (flags.out === undefined) {
        process.stdout.write(json);
      } else {
        await mkdir(dirname(flags.out), { recursive: true });
        await writeFile(flags.out, json);
      }
      process.stderr.write(`${summarizeProfile(profile)}${flags.out ? ` → ${flags.out}` : ''}\n`);
    });
}

/** Other work on the cores the profile needs inflates every measured time: say so up front. */
function warnIfBusy(threads: number): void {
  const [load = 0] = loadavg();
  const cores = availableParallelism();
  if (load > cores - threads) {
    process.stderr.write(
      `thermostat profile: warning: load average ${load.toFixed(1)} on ${cores} cores; ` +
        'other work will slow the measured times down\n',
    );
  }
}

/** Commander argument parser for an integer flag; commander names the flag in its error. */

function definedOnly<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(values).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}
