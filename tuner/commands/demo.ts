import type { Command } from 'commander';
import { runDemo } from '../demo/runDemo.ts';
import { integerFlag, positiveNumberFlag, SLO_P99_MAX_MS } from './flagParsers.ts';

interface DemoFlags {
  cold: number;
  warm: number;
  functions?: string[];
  outDir: string;
  sloP99Ms?: number;
  seed?: number;
  progress: boolean;
}

/**
 * Registers `thermostat demo` (what `npm start` runs): profile the OCR example, backtest every
 * policy on the bundled busy and sparse functions, print the tables, write the report.
 *
 * @example
 * ```ts
 * registerDemoCommand(program);
 * // thermostat demo --cold 3 --warm 30 --out-dir reports
 * ```
 */
export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description(
      'Profile the OCR example for real, backtest every policy on a busy and a sparse function ' +
        'of the bundled Azure trace, print the tables and write reports/<run>/report.{md,json}',
    )
    .option('--cold <count>', 'cold starts to profile', integerFlag('--cold', 1, 100), 3)
    .option('--warm <count>', 'warm invocations to profile', integerFlag('--warm', 1, 10_000), 30)
    .option(
      '--functions <ids>',
      'comma-separated function ids (or prefixes, or busy/sparse) of the bundled trace',
      (text: string) =>
        text
          .split(',')
          .map((id) => id.trim())
          .filter((id) => id !== ''),
    )
    .option('--out-dir <dir>', 'where run directories go', 'reports')
    .option(
      '--slo-p99-ms <ms>',
      'p99 target, ms (default: 200 unless the profile rules it out)',
      positiveNumberFlag(SLO_P99_MAX_MS),
    )
    .option('--seed <n>', 'random seed of the simulations', integerFlag('--seed', 0, 2 ** 31 - 1))
    .option('--no-progress', 'no progress on stderr')
    .action(async (flags: DemoFlags) => {
      await runDemo({
        cold: flags.cold,
        warm: flags.warm,
        outDir: flags.outDir,
        progress: flags.progress && process.stderr.isTTY === true,
        ...(flags.functions !== undefined ? { functions: flags.functions } : {}),
        ...(flags.sloP99Ms !== undefined
          ? { sloP99Ms: flags.sloP99Ms, sloReason: 'set with --slo-p99-ms' }
          : {}),
        ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
      });
    });
}
