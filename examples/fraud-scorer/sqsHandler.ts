/**
 * The SQS fraud-scoring Lambda handler: a batch of transactions in (one per message), one model
 * run for the batch, partial failures reported with `batchItemFailures` (enable
 * `ReportBatchItemFailures` on the event source mapping). Same model and telemetry as `handler.ts`.
 *
 * Environment: `FRAUD_MODEL_PRECISION`, `FRAUD_MODEL_PATH`, `FRAUD_MAX_BATCH_SIZE`,
 * `FRAUD_THREADS`, `FRAUD_THRESHOLD` (see `config.ts`).
 */

import { markReady, withTelemetry } from '@lambda-thermostat/sdk';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { readScorerConfig } from './config.ts';
import { loadFraudScorer } from './loadScorer.ts';
import { scoreSqsBatch } from './sqsScoring.ts';

const scorer = await loadFraudScorer(readScorerConfig(import.meta.url));
markReady();

/**
 * Scores every transaction of an SQS batch; lists the messages that could not be scored.
 *
 * @example
 * ```ts
 * await handler(sqsEvent, context); // { batchItemFailures: [] }
 * ```
 */
export const handler = withTelemetry(
  async (event: SQSEvent, _context: Context): Promise<SQSBatchResponse> =>
    scoreSqsBatch(event, scorer),
);
