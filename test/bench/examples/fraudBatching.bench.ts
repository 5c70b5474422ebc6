/**
 * What micro-batching buys on the fraud scorer (`examples/fraud-scorer`): the SQS handler's work
 * (parse and check each message, one `[B, 30]` tensor, one onnxruntime run through the SDK's
 * `inferBatch`, map the scores back) on batches of 1, 8, 32 and 128 real transactions, fp32 and
 * int8 models, one intra-op thread. Prints the median batch time, the time and the Lambda cost per
 * transaction (request price + 1,769 MB duration billed by the millisecond, us-east-1 x86, one
 * invocation per batch) and both against batch size 1, the named baseline.
 * Run: npx tsx --conditions=source test/bench/examples/fraudBatching.bench.ts
 */
import { performance } from 'node:perf_hooks';
import * as ort from 'onnxruntime-node';
import { ModelPrecision } from '../../../examples/fraud-scorer/modelContract.ts';
import { modelFile } from '../../../examples/fraud-scorer/modelFiles.ts';
import { sampleTransactions } from '../../../examples/fraud-scorer/sampleTransactions.ts';
import { FraudScorer } from '../../../examples/fraud-scorer/scorer.ts';
import { sqsEventOf } from '../../../examples/fraud-scorer/sqsSampleEvent.ts';
import { scoreSqsBatch } from '../../../examples/fraud-scorer/sqsScoring.ts';
import { estimateCost } from '../../../sdk/index.ts';
import { median, printTable } from '../benchTable.ts';

const BATCH_SIZES = [1, 8, 32, 128];
const MEMORY_MB = 1769;
/** Enough work per size for a stable median on a shared machine. */
const TRANSACTIONS_PER_SIZE = 12_800;
const ROUNDS = 5;

// The handler logs the flagged transactions of every batch; thousands of batches would drown the table.
console.warn = () => undefined;
const bodies = sampleTransactions(128).map((t) => JSON.stringify(t));
for (const precision of [ModelPrecision.fp32, ModelPrecision.int8]) {
  const session = await ort.InferenceSession.create(modelFile(precision), {
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
  });
  const scorer = new FraudScorer(session, { maxBatchSize: 128, threshold: 0.5 });
  const rows: string[][] = [];
  let baseline: { perRecordUs: number; costPerMillion: number } | undefined;
  for (const size of BATCH_SIZES) {
    const event = sqsEventOf(bodies.slice(0, size));
    for (let i = 0; i < 50; i++) await scoreSqsBatch(event, scorer); // warm-up (JIT, allocator)
    const samples: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (let i = 0; i < TRANSACTIONS_PER_SIZE / size; i++) {
        const start = performance.now();
        const { batchItemFailures } = await scoreSqsBatch(event, scorer);
        samples.push(performance.now() - start);
        if (batchItemFailures.length > 0) throw new Error('the sample batch must score cleanly');
      }
    }
    const batchMs = median(samples);
    const perRecordUs = (batchMs * 1000) / size;
    const costPerMillion =
      (estimateCost({ durationMs: batchMs, memoryMb: MEMORY_MB }).totalUsd / size) * 1e6;
    baseline ??= { perRecordUs, costPerMillion };
    rows.push([
      String(size),
      batchMs.toFixed(3),
      perRecordUs.toFixed(1),
      `${(baseline.perRecordUs / perRecordUs).toFixed(1)}×`,
      `$${costPerMillion.toFixed(4)}`,
      `${(baseline.costPerMillion / costPerMillion).toFixed(1)}×`,
    ]);
  }
  await session.release();
  printTable(
    `fraud scorer, ${precision}: one SQS batch per invocation (${MEMORY_MB} MB, 1 thread)`,
    [
      'batch',
      'batch ms (median)',
      'µs / transaction',
      'faster than 1',
      '$ / M transactions',
      'cheaper than 1',
    ],
    rows,
  );
}
console.log(
  '\nCost: one Lambda request ($0.20/M) and the batch duration billed by the millisecond, per transaction.',
);
