/**
 * Import cost: whole-process start of a bundled (esbuild, minified) handler, and the time to
 * import it and serve the first invocation, for the bare handler, lambda-thermostat's
 * withTelemetry, Powertools Metrics and OpenTelemetry's Lambda instrumentation.
 * Run: npx tsx test/bench/sdk/importCost.bench.ts [--runs 40]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { median, printTable } from '../benchTable.ts';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '../../../.bench-tmp/import');
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 40;
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
