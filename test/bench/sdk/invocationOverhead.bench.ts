/**
 * Per-invocation overhead, in microseconds, of each telemetry variant over the bare handler, in a
 * child process whose stdout is /dev/null (every variant really writes its EMF line).
 * Run: npx tsx test/bench/sdk/invocationOverhead.bench.ts [--invocations 20000] [--rounds 5]
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { median, printTable } from '../benchTable.ts';

const VARIANTS = [
  'bare',
  'powertools',
  'thermostat',
  'thermostat+spans',
  'thermostat-aggregated',
] as const;
type Variant = (typeof VARIANTS)[number];

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};

async function makeHandler(
  variant: Variant,
): Promise<(e: unknown, c: unknown) => Promise<unknown>> {
  const inner = async (_e: unknown, _c: unknown) => ({ ok: true });
  switch (variant) {
    case 'bare':
      return inner;
    case 'powertools':
      return (await import('./handlers/powertools.ts')).handler;
    case 'thermostat':
      // Per-invocation documents, as measured before aggregated EMF became the default.
      return (await import('../../../sdk/index.ts')).withTelemetry(inner, {
        mode: 'per-invocation',
      });
    case 'thermostat-aggregated':
      return (await import('../../../sdk/index.ts')).withTelemetry(inner, { mode: 'aggregated' });
    case 'thermostat+spans': {
      // A recording provider, batching as the OpenTelemetry Node SDK does by default, whose
      // exporter drops spans: the cost of creating, ending and queueing them.
      const { trace } = await import('@opentelemetry/api');
      const { BasicTracerProvider, BatchSpanProcessor } = await import(
        '@opentelemetry/sdk-trace-base'
      );
      const exporter = {
        export: (_s: unknown, done: (r: { code: number }) => void) => done({ code: 0 }),
        shutdown: async () => {},
      };
      trace.setGlobalTracerProvider(
        new BasicTracerProvider({
          spanProcessors: [new BatchSpanProcessor(exporter, { maxQueueSize: 4096 })],
        }),
      );
      return (await import('../../../sdk/index.ts')).withTelemetry(inner, {
        mode: 'per-invocation',
      });
    }
  }
}

async function worker(variant: Variant, invocations: number): Promise<void> {
  const handler = await makeHandler(variant);
  const context = {
    awsRequestId: 'r',
    functionName: 'bench',
    functionVersion: '1',
    memoryLimitInMB: '1024',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:bench:live',
    getRemainingTimeInMillis: () => 3000,
  };
  for (let i = 0; i < 2000; i++) await handler({}, context); // warm up the JIT
  const start = process.hrtime.bigint();
  for (let i = 0; i < invocations; i++) await handler({}, context);
  const perInvocationUs = Number(process.hrtime.bigint() - start) / 1e3 / invocations;
  process.stderr.write(`${JSON.stringify({ perInvocationUs })}\n`);
}

if (process.argv[2] === '--worker') {
  await worker(process.argv[3] as Variant, Number(process.argv[4]));
} else {
  const invocations = arg('--invocations', 20_000);
  const rounds = arg('--rounds', 5);
  const self = fileURLToPath(import.meta.url);
  const samples = Object.fromEntries(VARIANTS.map((v) => [v, [] as number[]])) as Record<
    Variant,
    number[]
  >;
  const env = {
    ...process.env,
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    POWERTOOLS_METRICS_NAMESPACE: 'Bench',
  };
  for (let r = 0; r < rounds; r++) {
    for (const v of VARIANTS) {
      const res = spawnSync(
        process.execPath,
        ['--import', 'tsx', '--conditions=source', self, '--worker', v, String(invocations)],
        {
          env,
          stdio: ['ignore', 'ignore', 'pipe'],
        },
      );
      const line = res.stderr.toString().trim().split('\n').pop() ?? '';
      samples[v].push((JSON.parse(line) as { perInvocationUs: number }).perInvocationUs);
    }
  }
  const bare = median(samples.bare);
  const overhead = (v: Variant) => median(samples[v]) - bare;
  printTable(
    `Per-invocation cost: ${invocations} invocations × ${rounds} rounds, medians in µs (node ${process.version})`,
    ['variant', 'per invocation', 'overhead vs bare', 'overhead / Powertools'],
    VARIANTS.map((v) => [
      v,
      median(samples[v]).toFixed(2),
      v === 'bare' ? '—' : overhead(v).toFixed(2),
      v === 'bare' ? '—' : (overhead(v) / overhead('powertools')).toFixed(2),
    ]),
  );
}
