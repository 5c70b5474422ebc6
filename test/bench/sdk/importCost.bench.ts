/**
 * Import cost: whole-process start of a bundled (esbuild, minified) handler, and the time to
 * import it and serve the first invocation, for the bare handler, lambda-thermostat's
 * withTelemetry, Powertools Metrics and OpenTelemetry's Lambda instrumentation: wall-time medians,
 * and the instructions executed from process start to the first response counted by
 * `valgrind --tool=callgrind` (a figure a shared machine's load does not move).
 * Run: npx tsx test/bench/sdk/importCost.bench.ts [--runs 40] [--callgrind-runs 3]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { median, printTable } from '../benchTable.ts';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '../../../.bench-tmp/import');
const flag = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const runs = flag('--runs', 40);
const callgrindRuns = flag('--callgrind-runs', 3);
const variants = ['bare', 'thermostat', 'powertools', 'opentelemetry'] as const;

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

const bundles: Record<string, { file: string; bytes: number }> = {};
for (const v of variants) {
  const file = join(out, `${v}.mjs`);
  await build({
    entryPoints: [join(here, 'handlers', `${v}.ts`)],
    bundle: true,
    minify: true,
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
  bundles[v] = { file, bytes: statSync(file).size };
}

const samples: Record<string, { wall: number[]; importMs: number[]; firstResponse: number[] }> = {};
for (const v of variants) samples[v] = { wall: [], importMs: [], firstResponse: [] };
const env = {
  ...process.env,
  AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
  OTEL_TRACES_EXPORTER: 'none',
  AWS_REGION: 'us-east-1',
};
for (let i = 0; i < runs; i++) {
  for (const v of variants) {
    const started = process.hrtime.bigint();
    const result = spawnSync(process.execPath, [runner, bundles[v]?.file as string], {
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
    const line = result.stderr.toString().trim().split('\n').pop() ?? '{}';
    const parsed = JSON.parse(line) as { importMs: number; processToFirstResponseMs: number };
    samples[v]?.wall.push(wallMs);
    samples[v]?.importMs.push(parsed.importMs);
    samples[v]?.firstResponse.push(parsed.processToFirstResponseMs);
  }
}

const bare = samples.bare as { wall: number[]; importMs: number[]; firstResponse: number[] };
const rows = variants.map((v) => {
  const s = samples[v] as typeof bare;
  const added = median(s.firstResponse) - median(bare.firstResponse);
  return [
    v,
    `${((bundles[v]?.bytes ?? 0) / 1024).toFixed(1)} KB`,
    median(s.wall).toFixed(1),
    median(s.importMs).toFixed(2),
    median(s.firstResponse).toFixed(2),
    v === 'bare' ? '—' : `${added >= 0 ? '+' : ''}${added.toFixed(2)}`,
  ];
});
printTable(
  `Import cost: bundled handler, ${runs} runs each, medians in ms (node ${process.version}, ${process.arch})`,
  ['variant', 'bundle', 'process wall', 'import', 'start→1st response', 'added vs bare'],
  rows,
);
const addedOf = (v: string) =>
  median((samples[v] as typeof bare).firstResponse) - median(bare.firstResponse);
console.log(
  `thermostat added ${addedOf('thermostat').toFixed(2)} ms; Powertools Metrics ${addedOf('powertools').toFixed(2)} ms; ` +
    `OpenTelemetry ${addedOf('opentelemetry').toFixed(2)} ms → thermostat / Powertools = ${(addedOf('thermostat') / addedOf('powertools')).toFixed(2)}, ` +
    `thermostat / OpenTelemetry = ${(addedOf('thermostat') / addedOf('opentelemetry')).toFixed(2)}`,
);

// Instructions, process start → first response. The V8 flags take the background threads and
// random seeds out of the count, so runs agree to a fraction of a percent.
const valgrind = spawnSync('valgrind', ['--version'], { stdio: 'pipe' });
if (valgrind.status !== 0 || callgrindRuns <= 0) {
  console.log('\nvalgrind not found (or --callgrind-runs 0): no instruction counts.');
} else {
  const instructions: Record<string, number[]> = {};
  const counted = ['bare', 'thermostat', 'powertools', 'opentelemetry'] as const;
  for (const v of counted) instructions[v] = [];
  for (let i = 0; i < callgrindRuns; i++) {
    for (const v of counted) {
      const result = spawnSync(
        'valgrind',
        [
          '--tool=callgrind',
          '--callgrind-out-file=/dev/null',
          process.execPath,
          '--single-threaded',
          '--v8-pool-size=0',
          '--random-seed=1',
          '--hash-seed=1',
          runner,
          bundles[v]?.file as string,
        ],
        {
          env: { ...env, BENCH_EXIT_AFTER_FIRST_RESPONSE: '1' },
          stdio: ['ignore', 'ignore', 'pipe'],
        },
      );
      const match = /Collected : (\d+)/.exec(result.stderr.toString());
      if (match === null) throw new Error(`callgrind gave no count for ${v}: ${result.stderr}`);
      instructions[v]?.push(Number(match[1]));
    }
  }
  const bareIr = median(instructions.bare as number[]);
  const addedIr = (v: string) => median(instructions[v] as number[]) - bareIr;
  printTable(
    `Instructions, process start → first response (valgrind --tool=callgrind, ${callgrindRuns} runs each, medians, millions)`,
    ['variant', 'instructions', 'spread (max − min)', 'added vs bare'],
    counted.map((v) => {
      const xs = instructions[v] as number[];
      return [
        v,
        (median(xs) / 1e6).toFixed(2),
        ((Math.max(...xs) - Math.min(...xs)) / 1e6).toFixed(2),
        v === 'bare' ? '—' : `+${(addedIr(v) / 1e6).toFixed(2)}`,
      ];
    }),
  );
  console.log(
    `instructions added: thermostat / Powertools = ${(addedIr('thermostat') / addedIr('powertools')).toFixed(2)}, ` +
      `thermostat / OpenTelemetry = ${(addedIr('thermostat') / addedIr('opentelemetry')).toFixed(2)}`,
  );
}
