import { type BatchItemResult, inferBatch } from '@lambda-thermostat/sdk';
import { type InferenceSession, Tensor } from 'onnxruntime-node';
import { encodeTransactions, FEATURE_COUNT } from './features.ts';
import { MODEL_INPUT, MODEL_OUTPUT } from './modelContract.ts';
import type { Transaction } from './transaction.ts';

/** The answer for one transaction. */
export interface FraudScore {
  readonly transactionId: string;
  /** The model's fraud probability, 0–1. */
  readonly score: number;
  /** `score ≥ threshold`: hold the transaction for review. */
  readonly flagged: boolean;
}

/** The slice of an ONNX Runtime session the scorer uses (a real one, or a test double). */
export type ScoringSession = Pick<InferenceSession, 'run'>;

/**
 * Scores transactions with the fraud model: many at once in as few runs as `maxBatchSize` allows
 * (`inferBatch` from the SDK), one `[rows, 30]` tensor per run. Holds no per-request state.
 *
 * @example
 * ```ts
 * const scorer = new FraudScorer(await loadModel(config.modelPath), { maxBatchSize: 128, threshold: 0.5 });
 * const [result] = await scorer.score([event], parseTransaction);
 * ```
 */
export class FraudScorer {
  readonly #session: ScoringSession;
  readonly #maxBatchSize: number;
  readonly #threshold: number;
  readonly #model: string;

  constructor(
    session: ScoringSession,
    options: { maxBatchSize: number; threshold: number; model?: string },
  ) {
    this.#session = session;
    this.#maxBatchSize = options.maxBatchSize;
    this.#threshold = options.threshold;
    this.#model = options.model ?? 'fraud-mlp';
  }

  /**
   * One result per record, in order: `toTransaction` reads a record (throwing for a malformed
   * one, which then fails alone); the rest are scored together.
   */
  score<Item>(
    records: readonly Item[],
    toTransaction: (record: Item) => Transaction,
  ): Promise<BatchItemResult<FraudScore>[]> {
    return inferBatch(records, {
      toRow: (record: Item) => toTransaction(record),
      toTensor: (transactions: readonly Transaction[]) =>
        new Tensor('float32', encodeTransactions(transactions), [
          transactions.length,
          FEATURE_COUNT,
        ]),
      run: (input: Tensor) => this.#session.run({ [MODEL_INPUT]: input }),
      fromOutput: (output: InferenceSession.OnnxValueMapType, transactions) => {
        const scores = output[MODEL_OUTPUT]?.data as Float32Array | undefined;
        if (scores === undefined) throw new Error(`the model returned no '${MODEL_OUTPUT}'`);
        return transactions.map((transaction, row) => {
          const score = scores[row] as number;
          return {
            transactionId: transaction.transactionId,
            score,
            flagged: score >= this.#threshold,
          };
        });
      },
      maxBatchSize: this.#maxBatchSize,
      model: this.#model,
    });
  }
}
