/**
 * How many targets one tuner invocation plans, and how a cycle's time and cost grow with the
 * fleet. The pure planner (`planCycle`, the same code the handlers run) on targets with 3 hours
 * of per-minute history at three traffic levels, timed in CPU (what a Lambda core would spend,
 * whatever else this machine runs): the planner's cost per target, the targets planned in 60 s
 * of one core (the shard threshold, tuner/aws/shards/shardRanges.ts, is checked against it), and
 * for 10 to 10,000 targets a cycle's time and cost unsharded and sharded — measured up to
 * `--max-measured` targets, computed beyond from the measured cost per target. Prices come from
 * the tool's cost model (tuner/core/cost/toolCost.ts, toolPricing.ts, sdk/cost/pricingTable.ts);
 * the API waits it cannot measure are ./tunerCycleCost.ts's assumptions.
 *
 * `npx tsx --conditions=source test/bench/plannerThroughput.bench.ts [--max-measured 200]`
 */

import { stateTransitionsPerCycle } from '../../infra/sharding/shardedTunerCycle.ts';
import { DEFAULT_PRICING, priceRow } from '../../sdk/cost/pricingTable.ts';
import { MAX_TARGETS_PER_SHARD, shardRanges } from '../../tuner/aws/shards/shardRanges.ts';
import { toolCost } from '../../tuner/core/cost/toolCost.ts';
import { toolPriceRow } from '../../tuner/core/cost/toolPricing.ts';
import { planCycle } from '../../tuner/core/plan/planCycle.ts';
import { emptyTunerMemory } from '../../tuner/core/plan/tunerMemory.ts';
import { targetKey } from '../../tuner/core/ports.ts';
import { configWith, functionState, steadyMinutes } from '../tuner/core/fixtures.ts';
import { printTable } from './benchTable.ts';
import { API_MS_PER_CYCLE, API_MS_PER_TARGET, tunerCycleCost } from './tunerCycleCost.ts';

const NOW = Date.parse('2026-11-27T12:00:00Z');
const HISTORY_MINUTES = 180;
const REGION = 'us-east-1';
const CYCLE_MINUTES = 5;
/** The unsharded tuner function (infra/function/tunerFunction.ts): 1,024 MB, about 0.58 of a core. */
const TUNER_MB = 1024;
/** The shard function (infra/sharding/shardedTunerCycle.ts): 1,769 MB, one core. */
const SHARD_MB = 1769;
const ONE_CORE_MB = 1769;

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

/** CPU ms to plan `n` targets. */
function planCpuMs(n: number): number {
  const { config, observations, states } = fleet(n);
  const started = process.cpuUsage();
  planCycle({
    config,
    observations,
    states,
    account: { concurrencyLimit: 100_000, unreservedConcurrency: 100_000 },
    memory: emptyTunerMemory(),
    nowMs: NOW,
  });
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
}

const maxMeasured = flag('--max-measured', 200);
planCpuMs(6); // warm the JIT
const measured = new Map<number, number>();
for (const n of [10, 100, 1000, 10_000].filter((size) => size <= maxMeasured).concat([maxMeasured]))
  if (!measured.has(n)) measured.set(n, planCpuMs(n));
const largest = Math.max(...measured.keys());
const perTargetMs = (measured.get(largest) ?? 0) / largest;
const perMinute = Math.floor(60_000 / perTargetMs);
const planningMs = (n: number) => measured.get(n) ?? n * perTargetMs;

console.log(
  `planner cost per target: ${perTargetMs.toFixed(1)} ms of CPU (one core, ${largest} targets, 3 h of history each)`,
);
console.log(
  `targets one invocation plans in 60 s: ${perMinute} on one core (the shard function, ${SHARD_MB} MB); ${Math.floor((perMinute * TUNER_MB) / ONE_CORE_MB)} on the unsharded tuner's ${TUNER_MB} MB`,
);
console.log(
  `shard threshold (MAX_TARGETS_PER_SHARD): ${MAX_TARGETS_PER_SHARD} targets = ${((MAX_TARGETS_PER_SHARD * perTargetMs) / 1000).toFixed(1)} s of planning a shard, ${(perMinute / MAX_TARGETS_PER_SHARD).toFixed(2)}× margin under 60 s`,
);

// A cycle's cost: the tool's model for the per-target parts (GetMetricData, Lambda time, S3),
// plus what sharding adds: a fixed part per shard, the reconcile step, the state transitions.
const tool = toolPriceRow(REGION).row;
const lambda = priceRow(DEFAULT_PRICING, REGION, 'arm64');
const perCycle = (n: number, cycle: ReturnType<typeof tunerCycleCost>) => {
  const month = toolCost({
    region: REGION,
    invocationsPerDay: 0,
    targets: n,
    cycleMinutes: CYCLE_MINUTES,
    telemetry: { customMetricsPerFunction: 0, logBytesPerInvocation: 0 },
    tuner: cycle,
  });
  const parts = month.fleet;
  const per = (usd: number) => usd / month.cyclesPerMonth;
  return {
    cyclesPerMonth: month.cyclesPerMonth,
    observation: per(parts.observation),
    compute: per(parts.tunerCompute),
    storage: per(parts.tunerStorage),
  };
};
const usd = (x: number) => (x < 0.01 ? `$${x.toFixed(5)}` : `$${x.toFixed(3)}`);
const rows: string[][] = [];
for (const n of [10, 100, 1000, 10_000]) {
  const how = measured.has(n) ? 'measured' : 'computed';
  const planMs = planningMs(n) / n;
  // Unsharded: one 1,024 MB invocation plans them all at 0.58 of a core.
  const single = perCycle(
    n,
    tunerCycleCost({
      planMs: (planMs * ONE_CORE_MB) / TUNER_MB,
      memoryMb: TUNER_MB,
      architecture: 'arm64',
    }),
  );
  // The targets' reads run at once (tuner/aws/lambdaStateReader.ts): in time, one cycle-wide wait.
  const singleSec = (API_MS_PER_CYCLE + (planningMs(n) * ONE_CORE_MB) / TUNER_MB) / 1000;
  rows.push([
    n.toLocaleString('en-US'),
    'one invocation',
    `${singleSec.toFixed(1)} s${singleSec > 14 * 60 ? ' (over the 14-min timeout)' : ''}`,
    how,
    usd(single.compute),
    usd(single.observation),
    usd(single.storage),
    '—',
    usd(single.compute + single.observation + single.storage),
    `$${((single.compute + single.observation + single.storage) * single.cyclesPerMonth).toFixed(2)}`,
  ]);
  if (n <= MAX_TARGETS_PER_SHARD) continue;
  const shards = shardRanges(n).length;
  const biggest = Math.max(...shardRanges(n).map((s) => s.count));
  // Per shard: the fixed API part; memory GET + 2 PUTs (the write check in apply mode), the
  // headroom GET, its report PUT. The reconcile step: one GET per shard, the headroom PUT, the
  // report's 2 PUTs, the history's GET and 2 PUTs, about 1 s.
  const sharded = perCycle(n, {
    ...tunerCycleCost({ planMs, memoryMb: SHARD_MB, architecture: 'arm64' }),
    computeMsPerCycle: (shards + 1) * API_MS_PER_CYCLE,
    s3PutsPerCycle: shards * 3 + 5,
    s3GetsPerCycle: shards * 2 + shards + 1,
  });
  const extraRequests = shards * lambda.usdPerRequest; // toolCost counts one a cycle
  const transitions = stateTransitionsPerCycle(shards) * tool.stepFunctionsTransitionUsd;
  // Waves of 10 shards, each as long as its largest shard; then the account read and reconcile.
  const waves = Math.ceil(shards / 10);
  const shardedSec =
    (waves * (API_MS_PER_CYCLE + biggest * perTargetMs) + 2 * API_MS_PER_CYCLE) / 1000;
  const total =
    sharded.compute + extraRequests + sharded.observation + sharded.storage + transitions;
  rows.push([
    n.toLocaleString('en-US'),
    `${shards} shards (≤ ${biggest}), 10 at once`,
    `${shardedSec.toFixed(1)} s`,
    how,
    usd(sharded.compute + extraRequests),
    usd(sharded.observation),
    usd(sharded.storage),
    `${usd(transitions)} (${stateTransitionsPerCycle(shards)} transitions)`,
    usd(total),
    `$${(total * sharded.cyclesPerMonth).toFixed(2)}`,
  ]);
}
printTable(
  `A cycle by fleet size, ${REGION}, every ${CYCLE_MINUTES} minutes (planning ${perTargetMs.toFixed(1)} ms of CPU a target; API waits assumed ${API_MS_PER_CYCLE} ms a cycle and ${API_MS_PER_TARGET} ms a target, billed, overlapping the planning in time)`,
  [
    'targets',
    'deployment',
    'time of a cycle',
    'planning time',
    'Lambda',
    'GetMetricData',
    'S3',
    'Step Functions',
    'per cycle',
    'per month',
  ],
  rows,
);
