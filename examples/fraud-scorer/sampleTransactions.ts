import { generateTransactions } from './training/generateTransactions.ts';
import type { Transaction } from './transaction.ts';

/** Seed of the sample traffic: a draw of its own, neither the training nor the held-back rows. */
const SAMPLE_SEED = 3;

/**
 * `count` realistic transactions (the dataset's generator, its own seed), for the profiler's
 * sample events and the benchmarks.
 *
 * @example
 * ```ts
 * const [transaction] = sampleTransactions(1);
 * ```
 */
export function sampleTransactions(count: number): Transaction[] {
  return generateTransactions(count, SAMPLE_SEED).map((row) => row.transaction);
}
