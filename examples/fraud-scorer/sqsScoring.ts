import { addMetadata } from '@lambda-thermostat/sdk';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { InvalidTransactionError, parseTransaction } from './parseTransaction.ts';
import type { FraudScorer } from './scorer.ts';
import type { Transaction } from './transaction.ts';

/**
 * Scores a whole SQS batch with as few model runs as the scorer's `maxBatchSize` allows (one for
 * batches up to it) and reports partial failures: a record whose body is not a valid transaction
 * (or that the model cannot score) is listed in `batchItemFailures`, so SQS retries or
 * dead-letters that message alone; the others are scored and deleted. The event source mapping
 * must enable `ReportBatchItemFailures`. Counts go to the EMF document as properties (`records`,
 * `flagged`, `failed`) and the flagged transaction ids to the log.
 *
 * @example
 * ```ts
 * const { batchItemFailures } = await scoreSqsBatch(event, scorer);
 * // [{ itemIdentifier: 'message id of the malformed record' }]
 * ```
 */
export async function scoreSqsBatch(
  event: SQSEvent,
  scorer: FraudScorer,
): Promise<SQSBatchResponse> {
  const records = Array.isArray(event?.Records) ? event.Records : [];
  const results = await scorer.score(records, transactionFromRecord);
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  const flagged: string[] = [];
  for (const [index, result] of results.entries()) {
    const record = records[index] as SQSRecord;
    if (result.ok) {
      if (result.value.flagged) flagged.push(result.value.transactionId);
      continue;
    }
    batchItemFailures.push({ itemIdentifier: record.messageId });
    const reason = result.error instanceof Error ? result.error.message : String(result.error);
    console.error(`message ${record.messageId}: not scored: ${reason}`);
  }
  addMetadata('records', records.length);
  addMetadata('flagged', flagged.length);
  addMetadata('failed', batchItemFailures.length);
  if (flagged.length > 0) console.warn(`flagged for review: ${flagged.join(', ')}`);
  return { batchItemFailures };
}

function transactionFromRecord(record: SQSRecord): Transaction {
  let value: unknown;
  try {
    value = JSON.parse(record.body);
  } catch {
    throw new InvalidTransactionError('the message body is not JSON');
  }
  return parseTransaction(value);
}
