/**
 * How many targets one tuner invocation can plan: the pure planner (`planCycle`, the same code
 * the scheduled handler runs) on targets with 3 hours of per-minute history, at three traffic
 * levels; prints the planner's cost per target, the targets planned in 60 s of one core, and
 * how a cycle's planning time and Lambda cost grow from 10 to 10,000 targets (measured up to
 * the largest size run here, computed beyond it from the measured cost per target).
 *
 * `npx tsx --conditions=source test/bench/plannerThroughput.bench.ts [--max-measured 200]`
 */
import { planCycle } from '../../tuner/core/plan/planCycle.ts';
import { emptyTunerMemory } from '../../tuner/core/plan/tunerMemory.ts';
import { targetKey } from '../../tuner/core/ports.ts';
import { configWith, functionState, steadyMinutes } from '../tuner/core/fixtures.ts';

const NOW = Date.parse('2026-11-27T12:00:00Z');
const HISTORY_MINUTES = 180;
/** arm64 Lambda duration price per GB-second, us-east-1 (sdk/cost/pricingTable.ts reference rate). */
const ARM_GB_SECOND_USD = 0.0000133334;
const TUNER_MEMORY_GB = 1;
const CYCLES_PER_MONTH = (30 * 24 * 60) / 5;

function flag(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  return index < 0 ? fallback : Number(process.argv[index + 1]);
}

/** A config and observations for `n` targets, traffic cycling over three levels. */
function fleet(n: number) {
  const base = configWith();
  const template = base.targets[0];
  if (template === undefined) throw new Error('no target');
  const targets = Array.from({ length: n }, (_, i) => ({
    ...template,
    functionName: `fn${i}`,
    ref: { functionName: `fn${i}`, qualifier: 'live' },
  }));
  const levels = [5, 60, 600];
  const observations = new Map(
    targets.map((t, i) => [
      targetKey(t.ref),
      {
        target: t.ref,
        metrics: steadyMinutes(HISTORY_MINUTES, NOW, levels[i % levels.length] ?? 60),
        latencySource: 'sdk' as const,
        notes: [],
      },
    ]),
  );
  const states = new Map(
    targets.map((t) => [targetKey(t.ref), functionState({ functionName: t.functionName })]),
  );
  return { config: { ...base, targets }, observations, states };
}

function planMs(n: number): number {
  const { config, observations, states } = fleet(n);
  const started = performance.now();
  planCycle({
    config,
    observations,
    states,
    account: { concurrencyLimit: 100_000, unreservedConcurrency: 100_000 },
    memory: emptyTunerMemory(),
    nowMs: NOW,
  });
  return performance.now() - started;
}

const maxMeasured = flag('--max-measured', 200);
planMs(6); // warm the JIT
const measured = new Map<number, number>();
for (const n of [10, 100, 1000, 10_000].filter((size) => size <= maxMeasured).concat([maxMeasured]))
  if (!measured.has(n)) measured.set(n, planMs(n));
const largest = Math.max(...measured.keys());
const perTargetMs = (measured.get(largest) ?? 0) / largest;
const perMinute = Math.floor(60_000 / perTargetMs);

console.log(
  `planner cost per target: ${perTargetMs.toFixed(1)} ms (one core, ${largest} targets, 3 h of history each)`,
);
console.log(`targets one invocation plans in 60 s: ${perMinute}`);
console.log('');
console.log(
  '| targets | planning time per cycle | how | Lambda cost per cycle | per month (every 5 min) |',
);
console.log(
  '| ------: | ----------------------: | --- | --------------------: | ----------------------: |',
);
for (const n of [10, 100, 1000, 10_000]) {
  const ms = measured.get(n) ?? n * perTargetMs;
  const usd = (ms / 1000) * TUNER_MEMORY_GB * ARM_GB_SECOND_USD;
  console.log(
    `| ${n.toLocaleString('en-US')} | ${(ms / 1000).toFixed(1)} s | ${measured.has(n) ? 'measured' : 'computed'} | $${usd.toFixed(5)} | $${(usd * CYCLES_PER_MONTH).toFixed(2)} |`,
  );
}
