/**
 * The tool's own bill (tuner/core/cost/toolCost.ts) for a small, a medium and a large function,
 * against the same setup with Powertools Metrics emitting the same signals and against
 * Application Auto Scaling target tracking, and per function by the number of targets sharing
 * the construct's one tuner; and the tuner's compute: planning time per target per cycle,
 * measured on the bundled Azure trace, priced on the tuner function the construct deploys.
 * Run: npx tsx --conditions=source test/bench/toolCost.bench.ts [--hours 6]
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { estimateCost } from '../../sdk/cost/estimateCost.ts';
import { OPT_IN_METRICS } from '../../sdk/emf/telemetryContract.ts';
import type { TelemetryOptions } from '../../sdk/telemetryOptions.ts';
import { DEFAULT_TUNER_FUNCTION, ONE_VCPU_MB } from '../../tuner/core/cost/defaultToolUsage.ts';
import {
  type TelemetrySettingsCost,
  type ToolCostInput,
  type TunerCycleCost,
  toolCost,
} from '../../tuner/core/cost/toolCost.ts';
import { DEMAND_FIELDS } from '../../tuner/core/observe/observedFields.ts';
import { benchContext, countingWriter, sdkWritesAt, type Written } from '../support/sdkWrites.ts';
import { median, printTable } from './benchTable.ts';
import { cycleFigures } from './cyclePlanningTime.ts';
import { powertoolsSameSignals } from './sdk/handlers/powertoolsSameSignals.ts';
import {
  API_MS_PER_CYCLE,
  API_MS_PER_TARGET,
  QUERIES_PER_WINDOW,
  tunerCycleCost,
  WINDOWS_PER_CYCLE,
} from './tunerCycleCost.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../..');
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? (process.argv[i + 1] as string) : fallback;
};
const hours = Number(arg('--hours', '6'));
const profile = JSON.parse(readFileSync(join(root, 'examples/ocr-detector/profile.json'), 'utf8'));
const MEMORY_MB = profile.memoryMb as number;
const SERVICE_MS = median(profile.serviceMs as number[]);
process.env.AWS_LAMBDA_INITIALIZATION_TYPE = 'on-demand';

// 1. The tuner's compute per target per cycle, and the GetMetricData metrics each cycle requests
// counted at the metrics-source port (test/bench/cyclePlanningTime.ts).
const busyRun = await cycleFigures('e80f0c2ac8', hours);
const sparseRun = await cycleFigures('fc53564e7d', hours);
const busy = busyRun.cpuMs;
const sparse = sparseRun.cpuMs;
const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const p90 = (xs: number[]) => sorted(xs)[Math.floor(xs.length * 0.9)] as number;
const planMs = Math.max(median(busy), median(sparse));
printTable(
  `Tuner planning time per target per cycle, CPU ms (${hours} h of the Azure sample; one core here ≈ 1,769 MB)`,
  ['function', 'cycles', 'median', 'p90', 'targets planned in 60 s'],
  [
    ['e80f0c2ac8 (195,064/day)', busy],
    ['fc53564e7d (20,172/day)', sparse],
  ].map(([label, xs]) => [
    label as string,
    String((xs as number[]).length),
    median(xs as number[]).toFixed(1),
    p90(xs as number[]).toFixed(1),
    String(Math.floor(60_000 / median(xs as number[]))),
  ]),
);

// CloudWatch bills a custom metric for the hours it has data: InitDuration (user-facing cold
// starts only) costs less than its $0.30 where hours pass without one. The bills below count
// every metric for every hour.
for (const [label, run] of [
  ['e80f0c2ac8', busyRun],
  ['fc53564e7d', sparseRun],
] as const)
  console.log(
    `${label}: ${run.hours.withTraffic} of ${run.hours.total} hours with traffic, ${run.hours.withColdStarts} with a user-facing cold start (InitDuration billed for those hours only)`,
  );

// 2. What the SDK writes: bytes per invocation and metrics declared, counted from the output, at
// each size's traffic (aggregated documents depend on how busy an environment is).
const INVOCATIONS = 2_000;
const sizes = [
  ['small', 10_000],
  ['medium', 100_000],
  ['large', 1_000_000],
] as const;
const writesAt = (options: TelemetryOptions, perDay: number) =>
  sdkWritesAt(options, {
    invocationsPerDay: perDay,
    invocations: INVOCATIONS,
    memoryMb: MEMORY_MB,
  });

async function powertoolsWrites(): Promise<Written> {
  const sink = countingWriter();
  const handler = powertoolsSameSignals();
  const write = process.stdout.write.bind(process.stdout);
  let pending = '';
  process.stdout.write = ((chunk: string | Uint8Array) => {
    pending += chunk.toString();
    for (let nl = pending.indexOf('\n'); nl >= 0; nl = pending.indexOf('\n')) {
      sink.write(pending.slice(0, nl));
      pending = pending.slice(nl + 1);
    }
    return true;
  }) as typeof process.stdout.write;
  try {
    for (let n = 0; n < INVOCATIONS; n++) await handler({}, benchContext(n, MEMORY_MB));
  } finally {
    process.stdout.write = write;
  }
  return sink.result(INVOCATIONS);
}

const SDK_SETUPS: Array<[string, TelemetryOptions]> = [
  ['thermostat (default: aggregated EMF)', {}],
  ['thermostat, per-invocation EMF (opt-in)', { mode: 'per-invocation' }],
  ['thermostat, every metric opted in', { metrics: [...OPT_IN_METRICS] }],
];
const written = new Map<string, Written>();
for (const [label, options] of SDK_SETUPS)
  for (const [, perDay] of sizes)
    written.set(`${label}|${perDay}`, await writesAt(options, perDay));
const powertools = await powertoolsWrites();
for (const [, perDay] of sizes)
  written.set(`Powertools Metrics + the same tuner|${perDay}`, powertools);
printTable(
  `What each setup writes per function (${INVOCATIONS} Poisson arrivals on one environment, one cold start)`,
  [
    'setup',
    'custom metrics',
    ...sizes.map(
      ([size, perDay]) => `log bytes / invocation, ${size} (${perDay.toLocaleString('en-US')}/day)`,
    ),
  ],
  [...SDK_SETUPS.map(([label]) => label), 'Powertools Metrics + the same tuner'].map((label) => [
    label,
    String(written.get(`${label}|${sizes[0][1]}`)?.metricsPerFunction),
    ...sizes.map(([, perDay]) =>
      (written.get(`${label}|${perDay}`)?.bytesPerInvocation ?? 0).toFixed(1),
    ),
  ]),
);

// 3. What a tuner cycle does, from its code (./tunerCycleCost.ts).
const queriesPerWindow = QUERIES_PER_WINDOW;
const windows = WINDOWS_PER_CYCLE;
// Counted at the metrics source over the runs above (after each target's first cycle): the
// incremental observation (tuner/cycle/observeIncrementally.ts).
const metricsPerCycle = Math.max(mean(busyRun.metricsRequested), mean(sparseRun.metricsRequested));
const idleMetricsPerCycle = DEMAND_FIELDS.length;
// The tuner function the construct deploys (infra/function/tunerFunction.ts): planning CPU time
// measured here on one core takes 1,769 / 1,024 as long at its share of a vCPU.
const { memoryMb: TUNER_MB, architecture: TUNER_ARCH } = DEFAULT_TUNER_FUNCTION;
const tuner: TunerCycleCost = tunerCycleCost({
  planMs: (planMs * ONE_VCPU_MB) / TUNER_MB,
  memoryMb: TUNER_MB,
  architecture: TUNER_ARCH,
  metricsRequestedPerTargetPerCycle: metricsPerCycle,
});
printTable(
  `A tuner cycle, from its code (5-minute schedule, the construct's ${TUNER_MB.toLocaleString('en-US')} MB ${TUNER_ARCH} function)`,
  ['what', 'per cycle', 'per target per cycle'],
  [
    [
      'GetMetricData metrics requested',
      '',
      `${metricsPerCycle.toFixed(2)} (counted; busy ${mean(busyRun.metricsRequested).toFixed(2)}, sparse ${mean(sparseRun.metricsRequested).toFixed(2)}; idle ${idleMetricsPerCycle}; full reads: ${queriesPerWindow} × ${windows} windows)`,
    ],
    [
      'Lambda time, ms',
      `${API_MS_PER_CYCLE} (API waits, assumed)`,
      `${API_MS_PER_TARGET} (API waits, assumed) + ${((planMs * ONE_VCPU_MB) / TUNER_MB).toFixed(1)} planning`,
    ],
    ['S3 requests', `${tuner.s3PutsPerCycle} PUT + ${tuner.s3GetsPerCycle} GET`, ''],
    [
      'its own custom metrics',
      String(tuner.customMetricsPerTuner),
      String(tuner.customMetricsPerTarget),
    ],
  ],
);

// 4. The bills.
const setups: Array<[string, (perDay: number) => ToolCostInput]> = [
  ...[...SDK_SETUPS.map(([label]) => label), 'Powertools Metrics + the same tuner'].map(
    (label): [string, (perDay: number) => ToolCostInput] => [
      label,
      (perDay) => withTuner(perDay, written.get(`${label}|${perDay}`) as Written),
    ],
  ),
  [
    'target tracking (2 alarms a target)',
    (perDay) => ({
      ...base(perDay),
      telemetry: { customMetricsPerFunction: 0, logBytesPerInvocation: 0 },
      alarmsPerTarget: 2,
    }),
  ],
];
function base(perDay: number) {
  return { region: 'us-east-1', invocationsPerDay: perDay, targets: 1, cycleMinutes: 5 };
}
function withTuner(perDay: number, w: Written, targets = 1): ToolCostInput {
  const telemetry: TelemetrySettingsCost = {
    customMetricsPerFunction: w.metricsPerFunction,
    logBytesPerInvocation: w.bytesPerInvocation,
  };
  return { ...base(perDay), targets, telemetry, tuner };
}
const usd = (x: number) => `$${x.toFixed(2)}`;
for (const [size, perDay] of sizes) {
  const lambdaMonthly =
    estimateCost({ durationMs: SERVICE_MS, memoryMb: MEMORY_MB }).totalUsd * perDay * (730 / 24);
  printTable(
    `Tool cost a month, one tuned ${size} function on its own tuner (${perDay.toLocaleString('en-US')} invocations a day, ${SERVICE_MS.toFixed(0)} ms at ${MEMORY_MB} MB: Lambda bill ${usd(lambdaMonthly)} a month), us-east-1`,
    [
      'setup',
      'SDK metrics',
      'SDK logs',
      'GetMetricData',
      'tuner Lambda',
      'S3',
      'tuner metrics+logs',
      'alarms',
      'total',
      'vs Lambda bill',
    ],
    setups.map(([label, input]) => {
      const cost = toolCost(input(perDay)).perFunction;
      return [
        label,
        usd(cost.telemetryMetrics),
        usd(cost.telemetryLogs),
        usd(cost.observation),
        usd(cost.tunerCompute),
        usd(cost.tunerStorage),
        usd(cost.tunerTelemetry),
        usd(cost.alarms),
        usd(cost.total),
        `${((cost.total / lambdaMonthly) * 100).toFixed(0)}%`,
      ];
    }),
  );
}
// "Per tuned function": the fleet's bill over its targets. The construct deploys one tuner for
// all the targets it is given, so its Lambda time, S3 requests and ApiErrors metric are shared.
const defaultWritten = (perDay: number) =>
  written.get(`${SDK_SETUPS[0]?.[0]}|${perDay}`) as Written;
printTable(
  'Per tuned medium function (100,000 a day), the default setup, by the number of targets on one tuner',
  [
    'targets',
    'SDK metrics',
    'SDK logs',
    'GetMetricData',
    'tuner (Lambda, S3, telemetry), shared',
    'total',
  ],
  [1, 10, 30, 100].map((targets) => {
    const cost = toolCost(withTuner(100_000, defaultWritten(100_000), targets)).perFunction;
    return [
      String(targets),
      usd(cost.telemetryMetrics),
      usd(cost.telemetryLogs),
      usd(cost.observation),
      usd(cost.tunerCompute + cost.tunerStorage + cost.tunerTelemetry),
      usd(cost.total),
    ];
  }),
);
const idle = toolCost({
  ...withTuner(0, defaultWritten(10_000)),
  tuner: { ...tuner, metricsRequestedPerTargetPerCycle: idleMetricsPerCycle },
});
console.log(
  `GetMetricData per target a month: ${usd(toolCost(withTuner(100_000, defaultWritten(100_000))).perFunction.observation)} with traffic, ${usd(idle.perFunction.observation)} idle (its demand alone, ${idleMetricsPerCycle} metrics a cycle); it was ${usd(toolCost({ ...withTuner(100_000, defaultWritten(100_000)), tuner: { ...tuner, metricsRequestedPerTargetPerCycle: queriesPerWindow * windows } }).perFunction.observation)} reading both windows in full.`,
);
