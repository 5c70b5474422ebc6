/**
 * The tuner's planning time per target per cycle: the thermostat policy (the planner the scheduled
 * handler runs) replays six hours of a busy and of a sparse function of the Azure sample through
 * the simulator, and every decision (one target, one cycle) is timed. Prints the median and p99.
 * Goal: median ≤ 100 ms, so 1,000 targets plan within two minutes on one invocation.
 * Run: npx tsx --conditions=source test/bench/planning.bench.ts
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { thermostatPolicy } from '../../tuner/backtest/thermostat/thermostatPolicy.ts';
import { readTrace, serviceModelFromProfile, simulateFleet } from '../../tuner/sim/index.ts';
import { median, printTable } from './benchTable.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const TRACE = join(root, 'examples/traces/azure2019/100_inv.csv');
const profile = JSON.parse(readFileSync(join(root, 'examples/ocr-detector/profile.json'), 'utf8'));
const HOURS = 6;
const FUNCTIONS = [
  { role: 'busy', id: 'e80f0c2ac8', perDay: '195,064' },
  { role: 'sparse', id: 'fc53564e7d', perDay: '20,172' },
];

const rows: string[][] = [];
for (const fn of FUNCTIONS) {
  const loaded = await readTrace(TRACE, { functionId: fn.id });
  const trace = loaded.trace;
  if (trace.kind !== 'perMinute') throw new Error('expected a per-minute trace');
  const policy = thermostatPolicy({
    sloP99Ms: 200,
    target: { tune: ['provisionedConcurrency', 'memory'] },
  });
  const timesMs: number[] = [];
  simulateFleet({
    trace: { ...trace, counts: Array.from(trace.counts).slice(0, HOURS * 60) },
    serviceModel: serviceModelFromProfile(profile),
    config: { memoryMb: profile.memoryMb, provisionedConcurrency: 0, reservedConcurrency: null },
    policy: {
      name: 'timed-thermostat',
      decide(input) {
        const started = performance.now();
        const decided = policy.decide(input);
        timesMs.push(performance.now() - started);
        return decided;
      },
    },
    controlIntervalSec: 300,
  });
  const sorted = [...timesMs].sort((a, b) => a - b);
  const p99 = sorted[Math.ceil(0.99 * sorted.length) - 1] ?? 0;
  rows.push([
    `${fn.role} (${fn.id}, ${fn.perDay}/day)`,
    String(timesMs.length),
    median(timesMs).toFixed(1),
    p99.toFixed(1),
  ]);
}
printTable(
  `Planning time per target per cycle (${HOURS} h of each function, one decision every 5 min)`,
  ['function', 'decisions', 'median ms', 'p99 ms'],
  rows,
);
