import type { MultiSeedBacktestResult, SeedSpread } from '../backtest/index.ts';
import { alignedColumns } from './alignedColumns.ts';

/**
 * A multi-seed backtest as a plain-text table: per policy the mean and the range (lowest–highest
 * over the seeds) of attainment, cost and cost against both floors.
 *
 * @example
 * ```ts
 * process.stdout.write(seedSpreadTable(await runBacktestSeeds(options, [1, 2, 3, 4, 5])));
 * ```
 */
export function seedSpreadTable(result: MultiSeedBacktestResult): string {
  const first = result.runs[0];
  const title =
    `${result.function}: ${first?.invocations.toLocaleString('en-US')} requests, ` +
    `SLO p99 ≤ ${first?.sloP99Ms} ms per ${first?.windowMinutes}-min window, ` +
    `seeds ${result.seeds.join(', ')}: mean (lowest–highest)`;
  const rows = result.policies.map((p) => [
    p.policy,
    spread(p.attainment, (x) => `${(x * 100).toFixed(1)}%`),
    spread(p.costUsd, (x) => x.toFixed(4)),
    spread(p.costVsOracle, (x) => `${x.toFixed(2)}×`),
    spread(p.costVsRobustFloor, (x) => `${x.toFixed(2)}×`),
  ]);
  return [
    title,
    ...alignedColumns(['policy', 'attain', 'cost $', 'vs oracle', 'vs robust'], rows),
    `each seed re-draws the arrival times within each minute and every service and init time; ` +
      `the first ${first?.warmUpWindows ?? 0} window(s) are left out of every policy's attainment`,
    '',
  ].join('\n');
}

function spread(value: SeedSpread | null, format: (x: number) => string): string {
  if (value === null) return '–';
  return `${format(value.mean)} (${format(value.min)}–${format(value.max)})`;
}
