import type { BatchItemResult } from '@lambda-thermostat/sdk';
import { InvalidTransactionError, parseTransaction } from './parseTransaction.ts';
import type { FraudScore, FraudScorer } from './scorer.ts';
import type { Transaction } from './transaction.ts';

/** An API Gateway-shaped answer (REST v1, HTTP API v2 and function URLs share it). */
export interface HttpResult {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** What the synchronous handler answers: a score (direct invocation) or an HTTP result. */
export type ScoreResponse = FraudScore | HttpResult;

const jsonHeaders = { 'content-type': 'application/json' } as const;

/**
 * One synchronous request from event to answer. A direct invocation's event is the transaction
 * itself and gets the {@link FraudScore}; an API Gateway or function URL event carries it as its
 * JSON body and gets a 200 with the score, a 400 naming the bad field, or a 500. A failure of ours
 * on a direct invocation is rethrown, so Lambda counts an error.
 *
 * @example
 * ```ts
 * await scoreHttpEvent({ requestContext: {...}, body: JSON.stringify(transaction) }, scorer);
 * // { statusCode: 200, headers, body: '{"transactionId":"tx-1","score":0.03,"flagged":false}' }
 * ```
 */
export async function scoreHttpEvent(event: unknown, scorer: FraudScorer): Promise<ScoreResponse> {
  const http = isHttpEvent(event);
  const [result] = await scorer.score([event], http ? transactionFromBody : parseTransaction);
  if (result?.ok) return http ? httpResult(200, result.value) : result.value;
  const error = (result as Extract<BatchItemResult<FraudScore>, { ok: false }> | undefined)?.error;
  if (error instanceof InvalidTransactionError) {
    return httpResult(error.statusCode, { error: error.message });
  }
  if (!http) throw error;
  console.error(error);
  return httpResult(500, { error: 'internal error' });
}

/** API Gateway (v1, v2) and function URL events have a `requestContext`; direct ones do not. */
function isHttpEvent(event: unknown): event is { body?: unknown; isBase64Encoded?: unknown } {
  return typeof event === 'object' && event !== null && 'requestContext' in event;
}

function transactionFromBody(event: unknown): Transaction {
  const { body, isBase64Encoded } = event as { body?: unknown; isBase64Encoded?: unknown };
  if (typeof body !== 'string' || body.length === 0) {
    throw new InvalidTransactionError('the request has no body: send the transaction as JSON');
  }
  const text = isBase64Encoded === true ? Buffer.from(body, 'base64').toString('utf8') : body;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new InvalidTransactionError('the body is not JSON');
  }
  return parseTransaction(value);
}

function httpResult(statusCode: number, value: unknown): HttpResult {
  return { statusCode, headers: jsonHeaders, body: JSON.stringify(value) };
}
