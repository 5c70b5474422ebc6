import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { sampleTransactions } from './sampleTransactions.ts';

/** Messages in the profiler's sample batch (a queue with a batching window fills batches). */
export const SAMPLE_BATCH_SIZE = 100;

/**
 * An SQS event whose messages carry the given bodies (a transaction's JSON, or anything else to
 * test malformed messages).
 *
 * @example
 * ```ts
 * sqsEventOf([JSON.stringify(transaction), 'not json']).Records.length; // 2
 * ```
 */
export function sqsEventOf(bodies: readonly string[]): SQSEvent {
  return {
    Records: bodies.map(
      (body, i): SQSRecord => ({
        messageId: `message-${i}`,
        receiptHandle: `receipt-${i}`,
        body,
        attributes: {
          ApproximateReceiveCount: '1',
          SentTimestamp: '1796126400000',
          SenderId: '123456789012',
          ApproximateFirstReceiveTimestamp: '1796126400001',
        },
        messageAttributes: {},
        md5OfBody: '',
        eventSource: 'aws:sqs',
        eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:transactions',
        awsRegion: 'us-east-1',
      }),
    ),
  };
}

/**
 * The event the profiler sends the SQS handler: {@link SAMPLE_BATCH_SIZE} sample transactions.
 *
 * @example
 * ```ts
 * await handler(createSampleEvent(), context); // { batchItemFailures: [] }
 * ```
 */
export function createSampleEvent(): SQSEvent {
  return sqsEventOf(sampleTransactions(SAMPLE_BATCH_SIZE).map((t) => JSON.stringify(t)));
}
