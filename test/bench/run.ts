/**
 * `npm run bench`: every benchmark, one after the other, each in its own process so none warms
 * the others' JIT. Each prints its own table, as ratios against the baselines it names.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const benchmarks = [
  'sdk/importCost.bench.ts',
  'sdk/invocationOverhead.bench.ts',
  'sdk/logBytes.bench.ts',
  'sim.bench.ts',
  'planning.bench.ts',
  'traceReaders.bench.ts',
  'toolCost.bench.ts',
  'plannerThroughput.bench.ts',
  'examples/fraudBatching.bench.ts',
];
const only = process.argv.slice(2);
let failed = 0;
for (const bench of benchmarks) {
  if (only.length > 0 && !only.some((o) => bench.includes(o))) continue;
  console.log(`\n=== ${bench}`);
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--conditions=source', join(here, bench)],
    { stdio: 'inherit' },
  );
  if (result.status !== 0) failed++;
}
process.exitCode = failed > 0 ? 1 : 0;
