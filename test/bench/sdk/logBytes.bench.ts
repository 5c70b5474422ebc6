/**
 * Log bytes per invocation written by withTelemetry, per-invocation EMF vs aggregated EMF, over a
 * realistic mix (an ONNX-style handler with 1–3 model runs per invocation, one cold start).
 * Run: npx tsx test/bench/sdk/logBytes.bench.ts [--invocations 10000]
 */
import { instrumentSession, withTelemetry } from '../../../sdk/index.ts';
import { resetExecutionEnvironment } from '../../../sdk/lifecycle/executionEnvironment.ts';
import { printTable } from '../benchTable.ts';

const i = process.argv.indexOf('--invocations');
const invocations = i > 0 ? Number(process.argv[i + 1]) : 10_000;
process.env.AWS_LAMBDA_INITIALIZATION_TYPE = 'on-demand';

async function bytesPerInvocation(
  mode: 'per-invocation' | 'aggregated',
): Promise<{ bytes: number; documents: number; pending: number }> {
  resetExecutionEnvironment();
  let bytes = 0;
  let documents = 0;
  const session = instrumentSession(
    { inputNames: ['x'], run: async (_feeds: Record<string, unknown>) => ({}) },
    { model: 'ppocr-det' },
  );
  const handler = withTelemetry(
    async (event: { runs: number }, _context: unknown) => {
      for (let r = 0; r < event.runs; r++)
        await session.run({ x: { dims: [1 + (r % 4), 3, 320, 320] } });
      return 'ok';
    },
    {
      mode,
      writer: (line) => {
        bytes += Buffer.byteLength(line) + 1;
        documents++;
      },
    },
  );
  for (let n = 0; n < invocations; n++) {
    await handler(
      { runs: 1 + (n % 3) },
      {
        awsRequestId: `8f2c1a4e-5b6d-4c3e-9a7b-${String(n).padStart(12, '0')}`,
        functionName: 'ocr-detector',
        functionVersion: '12',
        memoryLimitInMB: '2048',
        invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:ocr-detector:live',
        getRemainingTimeInMillis: () => 3000,
      },
    );
  }
  return { bytes: bytes / invocations, documents, pending: 0 };
}

const per = await bytesPerInvocation('per-invocation');
const agg = await bytesPerInvocation('aggregated');
printTable(
  `Log bytes per invocation over ${invocations} invocations (1–3 model runs each)`,
  ['mode', 'bytes / invocation', 'documents', 'vs per-invocation'],
  [
    ['per-invocation', per.bytes.toFixed(1), String(per.documents), '1.00'],
    [
      'aggregated',
      agg.bytes.toFixed(1),
      String(agg.documents),
      `${(per.bytes / agg.bytes).toFixed(2)}x smaller`,
    ],
  ],
);
