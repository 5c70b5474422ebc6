/**
 * The synchronous fraud-scoring Lambda handler (API Gateway, function URL, or direct invocation):
 * one transaction in, a score out. An MLP over 30 features on onnxruntime-node, wrapped with the
 * thermostat's telemetry.
 *
 * Init (module top level): read the configuration, load the model, `markReady()`.
 * Environment: `FRAUD_MODEL_PRECISION`, `FRAUD_MODEL_PATH`, `FRAUD_THREADS`, `FRAUD_THRESHOLD`
 * (see `config.ts`).
 */

import { markReady, withTelemetry } from '@lambda-thermostat/sdk';
import type { Context } from 'aws-lambda';
import { readScorerConfig } from './config.ts';
import { type ScoreResponse, scoreHttpEvent } from './httpScoring.ts';
import { loadFraudScorer } from './loadScorer.ts';

const scorer = await loadFraudScorer(readScorerConfig(import.meta.url));
markReady();

/**
 * Scores one transaction: the event itself, or the JSON body of an HTTP request.
 *
 * @example
 * ```ts
 * await handler(transaction, context); // { transactionId: 'tx-1', score: 0.02, flagged: false }
 * ```
 */
export const handler = withTelemetry(
  async (event: unknown, _context: Context): Promise<ScoreResponse> =>
    scoreHttpEvent(event, scorer),
);
