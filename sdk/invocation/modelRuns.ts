import { AsyncLocalStorage } from 'node:async_hooks';
import { FaultSite, reportFault } from '../telemetryFaults.ts';
import { currentInvocation } from './invocationState.ts';

/** One model run as the metrics see it. */
export interface ModelRun {
  /** Wall time of the run, ms. */
  readonly latencyMs: number;
  /** Records (rows) the run scored; undefined when unknown. */
  readonly batchSize: number | undefined;
  /** Model name for the EMF `model` property; undefined when unknown. */
  readonly model: string | undefined;
}

/**
 * Marks the async context of a run that a batch (`sdk/batch/inferBatch.ts`) records itself, so an
 * instrumented session called from inside it does not count the same run twice.
 */
let batchOwnedRun: AsyncLocalStorage<true> | undefined; // created by the first batch, not at import

/**
 * Adds one model run to the current invocation's `InferenceLatency` and `BatchSize` (and its model
 * to the `model` property). Outside an invocation, or inside a run a batch records, it does
 * nothing; it never throws.
 *
 * @example
 * ```ts
 * recordModelRun({ latencyMs: 3.2, batchSize: 32, model: 'fraud-mlp' });
 * ```
 */
export function recordModelRun(run: ModelRun): void {
  try {
    const invocation = currentInvocation();
    if (invocation === undefined) return;
    invocation.inferenceLatencyMs.push(run.latencyMs);
    if (run.batchSize !== undefined) invocation.batchSizes.push(run.batchSize);
    if (run.model !== undefined) invocation.models.add(run.model);
  } catch (error) {
    reportFault(FaultSite.MODEL, error);
  }
}

/**
 * Whether the caller runs inside a run that a batch records (then the session must not record it).
 *
 * @example
 * ```ts
 * if (!insideBatchOwnedRun()) recordModelRun({ latencyMs, batchSize, model });
 * ```
 */
export function insideBatchOwnedRun(): boolean {
  return batchOwnedRun?.getStore() === true;
}

/**
 * Runs `fn` as a run the batch records itself (see {@link insideBatchOwnedRun}).
 *
 * @example
 * ```ts
 * const output = await asBatchOwnedRun(() => session.run(feeds));
 * ```
 */
export function asBatchOwnedRun<T>(fn: () => T): T {
  batchOwnedRun ??= new AsyncLocalStorage<true>();
  return batchOwnedRun.run(true, fn);
}
