/**
 * The tool's own bill (tuner/core/cost/toolCost.ts) for a small, a medium and a large function,
 * against the same setup with Powertools Metrics emitting the same signals and against
 * Application Auto Scaling target tracking; and the tuner's compute: planning time per target
 * per cycle, measured on the bundled Azure trace.
 * Run: npx tsx --conditions=source test/bench/toolCost.bench.ts [--hours 6]
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { estimateCost } from '../../sdk/cost/estimateCost.ts';
import { OPT_IN_METRICS } from '../../sdk/emf/telemetryContract.ts';
import { withTelemetry } from '../../sdk/index.ts';
import { resetExecutionEnvironment } from '../../sdk/lifecycle/executionEnvironment.ts';
import type { TelemetryOptions } from '../../sdk/telemetryOptions.ts';
import {
  type TelemetrySettingsCost,
  type ToolCostInput,
  type TunerCycleCost,
  toolCost,
} from '../../tuner/core/cost/toolCost.ts';
import { DEMAND_FIELDS } from '../../tuner/core/observe/observedFields.ts';
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

// 2. What the SDK writes: bytes per invocation and metrics declared, counted from the output.
interface Written {
  readonly bytesPerInvocation: number;
  readonly metricsPerFunction: number;
}

function counting(): { write: (line: string) => void; result: (n: number) => Written } {
  let bytes = 0;
  const declared = new Set<string>();
  return {
    write(line: string) {
      bytes += Buffer.byteLength(line) + 1;
      const doc = JSON.parse(line) as {
        _aws?: { CloudWatchMetrics: { Dimensions: string[][]; Metrics: { Name: string }[] }[] };
      };
      for (const directive of doc._aws?.CloudWatchMetrics ?? [])
        for (const set of directive.Dimensions)
          for (const metric of directive.Metrics) declared.add(`${metric.Name}|${set.join(',')}`);
    },
    result: (n) => ({ bytesPerInvocation: bytes / n, metricsPerFunction: declared.size }),
  };
}

const INVOCATIONS = 2_000;
const context = (n: number) => ({
  awsRequestId: `8f2c1a4e-5b6d-4c3e-9a7b-${String(n).padStart(12, '0')}`,
  functionName: 'ocr-detector',
  functionVersion: '12',
  memoryLimitInMB: String(MEMORY_MB),
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:ocr-detector:live',
  getRemainingTimeInMillis: () => 3000,
});

async function sdkWrites(options: TelemetryOptions): Promise<Written> {
  resetExecutionEnvironment();
  const sink = counting();
  const handler = withTelemetry(async (_e: unknown, _c: unknown) => 'ok', {
    ...options,
    writer: sink.write,
  });
  for (let n = 0; n < INVOCATIONS; n++) await handler({}, context(n));
  return sink.result(INVOCATIONS);
}

async function powertoolsWrites(): Promise<Written> {
  const sink = counting();
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
    for (let n = 0; n < INVOCATIONS; n++) await handler({}, context(n));
  } finally {
    process.stdout.write = write;
  }
  return sink.result(INVOCATIONS);
}

const sdkDefault = await sdkWrites({});
const sdkAggregated = await sdkWrites({ mode: 'aggregated' });
const sdkEverything = await sdkWrites({ metrics: [...OPT_IN_METRICS] });
const powertools = await powertoolsWrites();
printTable(
  `What each setup writes per function (${INVOCATIONS} invocations, one cold start)`,
  ['setup', 'custom metrics', 'log bytes / invocation'],
  [
    ['thermostat SDK, default (per-invocation)', sdkDefault],
    ['thermostat SDK, aggregated', sdkAggregated],
    ['thermostat SDK, every metric opted in', sdkEverything],
    ['Powertools Metrics, the same signals', powertools],
  ].map(([label, w]) => [
    label as string,
    String((w as Written).metricsPerFunction),
    (w as Written).bytesPerInvocation.toFixed(1),
  ]),
);

// 3. What a tuner cycle does, from its code (./tunerCycleCost.ts).
const queriesPerWindow = QUERIES_PER_WINDOW;
const windows = WINDOWS_PER_CYCLE;
// Counted at the metrics source over the runs above (after each target's first cycle): the
// incremental observation (tuner/cycle/observeIncrementally.ts).
const metricsPerCycle = Math.max(mean(busyRun.metricsRequested), mean(sparseRun.metricsRequested));
const idleMetricsPerCycle = DEMAND_FIELDS.length;
const tuner: TunerCycleCost = tunerCycleCost({
  planMs,
  memoryMb: 1769,
  architecture: 'x86_64',
  metricsRequestedPerTargetPerCycle: metricsPerCycle,
});
printTable(
  'A tuner cycle, from its code (5-minute schedule, 1,769 MB)',
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
      `${API_MS_PER_TARGET} (API waits, assumed) + ${planMs.toFixed(1)} planning`,
    ],
    ['S3 requests', '3 PUT + 1 GET', ''],
    [
      'its own custom metrics',
      String(tuner.customMetricsPerTuner),
      String(tuner.customMetricsPerTarget),
    ],
  ],
);

// 4. The bills.
const sizes = [
  ['small', 10_000],
  ['medium', 100_000],
  ['large', 1_000_000],
] as const;
const setups: Array<[string, (perDay: number) => ToolCostInput]> = [
  ['thermostat (default)', (perDay) => withTuner(perDay, sdkDefault)],
  ['thermostat, aggregated EMF', (perDay) => withTuner(perDay, sdkAggregated)],
  ['thermostat, every metric opted in', (perDay) => withTuner(perDay, sdkEverything)],
  ['Powertools Metrics + the same tuner', (perDay) => withTuner(perDay, powertools)],
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
function withTuner(perDay: number, written: Written): ToolCostInput {
  const telemetry: TelemetrySettingsCost = {
    customMetricsPerFunction: written.metricsPerFunction,
    logBytesPerInvocation: written.bytesPerInvocation,
  };
  return { ...base(perDay), telemetry, tuner };
}
const usd = (x: number) => `$${x.toFixed(2)}`;
for (const [size, perDay] of sizes) {
  const lambdaMonthly =
    estimateCost({ durationMs: SERVICE_MS, memoryMb: MEMORY_MB }).totalUsd * perDay * (730 / 24);
  printTable(
    `Tool cost a month, one tuned ${size} function (${perDay.toLocaleString('en-US')} invocations a day, ${SERVICE_MS.toFixed(0)} ms at ${MEMORY_MB} MB: Lambda bill ${usd(lambdaMonthly)} a month), us-east-1`,
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
const fleet = toolCost({ ...withTuner(100_000, sdkDefault), targets: 30 });
const fleetAggregated = toolCost({ ...withTuner(100_000, sdkAggregated), targets: 30 });
const idle = toolCost({
  ...withTuner(0, sdkDefault),
  tuner: { ...tuner, metricsRequestedPerTargetPerCycle: idleMetricsPerCycle },
});
console.log(
  `\nThirty medium functions on one tuner: ${usd(fleet.perFunction.total)} per function a month (the tuner's Lambda time, S3 and per-tuner metrics shared); ${usd(fleetAggregated.perFunction.total)} with aggregated EMF.`,
);
console.log(
  `GetMetricData per target a month: ${usd(toolCost(withTuner(100_000, sdkDefault)).perFunction.observation)} with traffic, ${usd(idle.perFunction.observation)} idle (its demand alone, ${idleMetricsPerCycle} metrics a cycle); it was ${usd(toolCost({ ...withTuner(100_000, sdkDefault), tuner: { ...tuner, metricsRequestedPerTargetPerCycle: queriesPerWindow * windows } }).perFunction.observation)} reading both windows in full.`,
);
