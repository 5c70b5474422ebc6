/**
 * Start-up cost: process start → first response of a handler with no telemetry (the baseline),
 * lambda-thermostat's withTelemetry, Powertools Metrics emitting the same signals, and
 * OpenTelemetry's Lambda instrumentation, each as a function ships:
 *  - bundled: the handler and its packages in one minified ES module (esbuild, as CDK's
 *    NodejsFunction does), the SDK taken from its built entry point (`sdk/dist`, built first);
 *  - installed: the handler alone, its packages loaded from `node_modules` (a zip with
 *    `node_modules`, or a layer).
 * Two figures per variant: the instructions executed, counted by `valgrind --tool=callgrind` (a
 * figure a shared machine's load does not move), and wall-time medians. Every variant runs the
 * same runner with the same Node flags and environment, and serves one invocation.
 * Run: npx tsx test/bench/sdk/importCost.bench.ts [--runs 40] [--callgrind-runs 3]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { median, printTable } from '../benchTable.ts';

const here = dirname(fileURLToPath(import.meta.url));
const repository = join(here, '../../..');
// Inside the repository, so the installed variants find its node_modules.
const out = join(repository, '.bench-tmp/import');
const flag = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const runs = flag('--runs', 40);
const callgrindRuns = flag('--callgrind-runs', 3);
const variants = ['bare', 'thermostat', 'powertools', 'opentelemetry'] as const;
type Variant = (typeof variants)[number];
const handlerFiles: Record<Variant, string> = {
  bare: 'bare.ts',
  thermostat: 'thermostat.ts',
  powertools: 'powertoolsTunerSignals.ts',
  opentelemetry: 'opentelemetry.ts',
};
const modes = ['bundled', 'installed'] as const;
type Mode = (typeof modes)[number];

// What ships is the built SDK: build it as `npm pack` does.
const built = spawnSync('npm', ['run', 'build', '--workspace', '@lambda-thermostat/sdk'], {
  cwd: repository,
  stdio: ['ignore', 'ignore', 'pipe'],
});
if (built.status !== 0) throw new Error(`the SDK did not build: ${built.stderr}`);

mkdirSync(out, { recursive: true });
const runner = join(out, 'runner.mjs');
writeFileSync(
  runner,
  `const t0 = performance.now();
const m = await import(process.argv[2]);
const t1 = performance.now();
await m.handler({}, { awsRequestId: 'r', functionName: 'bench', functionVersion: '1', memoryLimitInMB: '1024',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:bench:live', getRemainingTimeInMillis: () => 3000 });
const t2 = performance.now();
process.stderr.write(JSON.stringify({ importMs: t1 - t0, firstInvokeMs: t2 - t1, processToFirstResponseMs: t2 }) + '\\n');
// Under callgrind, count up to the first response only: no teardown.
if (process.env.BENCH_EXIT_AFTER_FIRST_RESPONSE === '1') process.exit(0);
`,
);

const bundles: Record<Mode, Record<Variant, { file: string; bytes: number }>> = {
  bundled: {} as Record<Variant, { file: string; bytes: number }>,
  installed: {} as Record<Variant, { file: string; bytes: number }>,
};
for (const mode of modes) {
  for (const v of variants) {
    const file = join(out, `${v}.${mode}.mjs`);
    await build({
      entryPoints: [join(here, 'handlers', handlerFiles[v])],
      bundle: true,
      minify: mode === 'bundled',
      // Installed: only the handler's own files are bundled; its packages load from node_modules.
      ...(mode === 'installed' ? { packages: 'external' as const } : {}),
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile: file,
      logLevel: 'error',
      // Native, and lazily imported by loadModel only: it lives in a layer, never in the bundle.
      external: ['onnxruntime-node'],
      // CommonJS dependencies bundled into ESM need a require.
      banner: {
        js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
      },
    });
    bundles[mode][v] = { file, bytes: statSync(file).size };
  }
}

// A Lambda environment's variables (the same for every variant): one invocation at a time.
const env = {
  ...process.env,
  AWS_LAMBDA_FUNCTION_NAME: 'bench',
  AWS_LAMBDA_FUNCTION_VERSION: '1',
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '1024',
  AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
  OTEL_TRACES_EXPORTER: 'none',
  AWS_REGION: 'us-east-1',
};
// The V8 flags take the background threads and random seeds out of the count, so runs agree to a
// fraction of a percent; the wall-time runs use them too, so both figures measure the same process.
const nodeFlags = ['--single-threaded', '--v8-pool-size=0', '--random-seed=1', '--hash-seed=1'];

const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : '—');
const signed = (x: number, digits: number) => `${x >= 0 ? '+' : ''}${x.toFixed(digits)}`;
const valgrind = spawnSync('valgrind', ['--version'], { stdio: 'pipe' });
const countInstructions = valgrind.status === 0 && callgrindRuns > 0;
if (!countInstructions)
  console.log('valgrind not found (or --callgrind-runs 0): no instruction counts.');

for (const mode of modes) {
  const files = bundles[mode];
  const samples = Object.fromEntries(
    variants.map((v) => [v, { wall: [] as number[], firstResponse: [] as number[] }]),
  ) as Record<Variant, { wall: number[]; firstResponse: number[] }>;
  for (let i = 0; i < runs; i++) {
    for (const v of variants) {
      const started = process.hrtime.bigint();
      const result = spawnSync(process.execPath, [...nodeFlags, runner, files[v].file], {
        env,
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      const line = result.stderr.toString().trim().split('\n').pop() ?? '{}';
      const parsed = JSON.parse(line) as { processToFirstResponseMs: number };
      samples[v].wall.push(wallMs);
      samples[v].firstResponse.push(parsed.processToFirstResponseMs);
    }
  }
  const instructions = Object.fromEntries(variants.map((v) => [v, [] as number[]])) as Record<
    Variant,
    number[]
  >;
  for (let i = 0; countInstructions && i < callgrindRuns; i++) {
    for (const v of variants) {
      const result = spawnSync(
        'valgrind',
        [
          '--tool=callgrind',
          '--callgrind-out-file=/dev/null',
          process.execPath,
          ...nodeFlags,
          runner,
          files[v].file,
        ],
        {
          env: { ...env, BENCH_EXIT_AFTER_FIRST_RESPONSE: '1' },
          stdio: ['ignore', 'ignore', 'pipe'],
        },
      );
      const match = /Collected : (\d+)/.exec(result.stderr.toString());
      if (match === null) throw new Error(`callgrind gave no count for ${v}: ${result.stderr}`);
      instructions[v].push(Number(match[1]));
    }
  }

  const addedMs = (v: Variant) =>
    median(samples[v].firstResponse) - median(samples.bare.firstResponse);
  const addedIr = (v: Variant) =>
    countInstructions ? median(instructions[v]) - median(instructions.bare) : Number.NaN;
  printTable(
    `Start-up, ${mode} (node ${process.version}, ${process.arch}): instructions process start → first response (valgrind --tool=callgrind, ${callgrindRuns} runs each, medians, millions) and wall time (${runs} runs each, medians, ms)`,
    [
      'variant',
      mode === 'bundled' ? 'bundle' : 'handler file',
      'instructions',
      'spread',
      'added vs bare',
      'start→1st response ms',
      'added ms',
    ],
    variants.map((v) => [
      v,
      `${(files[v].bytes / 1024).toFixed(1)} KB`,
      countInstructions ? (median(instructions[v]) / 1e6).toFixed(2) : '—',
      countInstructions
        ? ((Math.max(...instructions[v]) - Math.min(...instructions[v])) / 1e6).toFixed(2)
        : '—',
      v === 'bare' || !countInstructions ? '—' : signed(addedIr(v) / 1e6, 2),
      median(samples[v].firstResponse).toFixed(2),
      v === 'bare' ? '—' : signed(addedMs(v), 2),
    ]),
  );
  console.log(
    `${mode}: instructions added, thermostat / Powertools Metrics = ${ratio(addedIr('thermostat'), addedIr('powertools'))}, ` +
      `thermostat / OpenTelemetry = ${ratio(addedIr('thermostat'), addedIr('opentelemetry'))}; ` +
      `wall time added, thermostat / Powertools Metrics = ${ratio(addedMs('thermostat'), addedMs('powertools'))} ` +
      `(${signed(addedMs('thermostat'), 2)} ms against ${signed(addedMs('powertools'), 2)} ms)\n`,
  );
}
