/**
 * The tuner's planning time per target per cycle: the shipped cycle on a simulated account
 * replays six hours of a busy and of a sparse function of the Azure sample, and every cycle (one
 * target) is timed in CPU milliseconds (test/bench/cyclePlanningTime.ts). Prints the median and p99.
 * Goal: median ≤ 100 ms, so 1,000 targets plan within two minutes on one invocation.
 * Run: npx tsx --conditions=source test/bench/planning.bench.ts
 */
import { median, printTable } from './benchTable.ts';
import { cycleFigures } from './cyclePlanningTime.ts';

const HOURS = 6;
const FUNCTIONS = [
  { role: 'busy', id: 'e80f0c2ac8', perDay: '195,064' },
  { role: 'sparse', id: 'fc53564e7d', perDay: '20,172' },
];

const rows: string[][] = [];
for (const fn of FUNCTIONS) {
  const timesMs = (await cycleFigures(fn.id, HOURS)).cpuMs;
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
  `Planning time per target per cycle, CPU ms (${HOURS} h of each function, one cycle every 5 min)`,
  ['function', 'cycles', 'median ms', 'p99 ms'],
  rows,
);
