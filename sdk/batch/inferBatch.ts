import { performance } from 'node:perf_hooks';
import type { Span } from '@opentelemetry/api';
import { asBatchOwnedRun, recordModelRun } from '../invocation/modelRuns.ts';
import { FaultSite, reportFault } from '../telemetryFaults.ts';
import { SpanAttribute } from '../tracing/spanAttributes.ts';
import { type OpenTelemetryTracing, tracingIfWanted } from '../tracing/tracingLoader.ts';

/** How to score many records with one model run (see {@link inferBatch}). */
export interface BatchInferenceOptions<Item, Row, Input, Output, Result> {
  /**
   * One record → its model row (e.g. a feature vector). Throw to reject that record alone (a
   * malformed message): the others are still scored. Default: the record is the row.
   */
  readonly toRow?: (record: Item, index: number) => Row;
  /** The rows of one run → one model input (e.g. a `[rows, features]` tensor). */
  readonly toTensor: (rows: readonly Row[]) => Input;
  /** Runs the model once (e.g. `(input) => session.run({ features: input })`). */
  readonly run: (input: Input) => Promise<Output>;
  /** The run's output → exactly one result per row, in the rows' order. */
  readonly fromOutput: (output: Output, rows: readonly Row[]) => readonly Result[];
  /** Most rows per run; more records run in consecutive chunks. Default: all in one run. */
  readonly maxBatchSize?: number;
  /**
   * When a run of several rows fails, run each half again, down to single rows, so only the rows
   * the model cannot take fail (as Lambda's `BisectBatchOnFunctionError` does for streams). Costs
   * up to 2n − 1 runs when the model fails for every row. Default true.
   */
  readonly bisectOnError?: boolean;
  /** Model name for the EMF `model` property and the span. */
  readonly model?: string;
}

/** What became of one record: its result, or the error that failed it alone. */
export type BatchItemResult<Result> =
  | { readonly ok: true; readonly value: Result }
  | { readonly ok: false; readonly error: unknown };

/** An option of `inferBatch` holds a value it cannot use; the message names the option. */
export class BatchInferenceOptionError extends Error {
  override readonly name = 'BatchInferenceOptionError';
}

/** `fromOutput` returned a number of results other than the number of rows it was given. */
export class BatchOutputMismatchError extends Error {
  override readonly name = 'BatchOutputMismatchError';
}

/**
 * Scores many records with as few model runs as possible: each record becomes a row (`toRow`), the
 * rows of each chunk of at most `maxBatchSize` become one input (`toTensor`), the model runs once
 * per chunk (`run`), and the output is mapped back to one result per record (`fromOutput`).
 * Errors stay with the records they belong to: a record `toRow` rejects fails alone; a failed run
 * is retried by halves (see `bisectOnError`). Every run adds its `InferenceLatency` and its
 * `BatchSize` (rows) to the invocation's metrics — once, even when `run` calls an instrumented
 * session. Resolves with one {@link BatchItemResult} per record, in order; never rejects for a
 * record's or a run's failure.
 *
 * @example
 * ```ts
 * const results = await inferBatch(event.Records, {
 *   toRow: (record) => encodeTransaction(JSON.parse(record.body)),
 *   toTensor: (rows) => new Tensor('float32', concatRows(rows), [rows.length, 30]),
 *   run: (input) => session.run({ features: input }),
 *   fromOutput: (output, rows) => Array.from((output.score as Tensor).data as Float32Array),
 *   maxBatchSize: 128,
 * });
 * const batchItemFailures = results.flatMap((r, i) =>
 *   r.ok ? [] : [{ itemIdentifier: event.Records[i].messageId }]);
 * ```
 */
export async function inferBatch<Item, Row, Input, Output, Result>(
  records: readonly Item[],
  options: BatchInferenceOptions<Item, Row, Input, Output, Result>,
): Promise<BatchItemResult<Result>[]> {
  const maxBatchSize = options.maxBatchSize ?? Number.POSITIVE_INFINITY;
  if (
    !(maxBatchSize === Number.POSITIVE_INFINITY || Number.isSafeInteger(maxBatchSize)) ||
    maxBatchSize < 1
  ) {
    throw new BatchInferenceOptionError(
      `maxBatchSize: must be a whole number >= 1, got ${options.maxBatchSize}`,
    );
  }
  const results: BatchItemResult<Result>[] = new Array(records.length);
  const pending: { index: number; row: Row }[] = [];
  for (const [index, record] of records.entries()) {
    try {
      const row = options.toRow ? options.toRow(record, index) : (record as unknown as Row);
      pending.push({ index, row });
    } catch (error) {
      results[index] = { ok: false, error };
    }
  }
  const tracing = await tracingIfWanted();
  const span = startBatchSpan(tracing, options.model, records.length);
  const runner = new ChunkRunner(options, results, inBatchContext(tracing, span));
  try {
    for (let start = 0; start < pending.length; start += maxBatchSize) {
      await runner.score(pending.slice(start, start + maxBatchSize));
    }
  } finally {
    endBatchSpan(span, runner.runs, results);
  }
  return results;
}

/** Runs chunks, bisecting failed ones, and writes each row's outcome into `results`. */
class ChunkRunner<Item, Row, Input, Output, Result> {
  runs = 0;
  readonly #options: BatchInferenceOptions<Item, Row, Input, Output, Result>;
  readonly #results: BatchItemResult<Result>[];
  /** Runs in the batch span's context, so an instrumented run is its child. */
  readonly #inContext: InContext;

  constructor(
    options: BatchInferenceOptions<Item, Row, Input, Output, Result>,
    results: BatchItemResult<Result>[],
    inContext: InContext,
  ) {
    this.#options = options;
    this.#results = results;
    this.#inContext = inContext;
  }

  async score(chunk: readonly { index: number; row: Row }[]): Promise<void> {
    if (chunk.length === 0) return;
    const rows = chunk.map((entry) => entry.row);
    let output: Output;
    try {
      output = await this.#runOnce(rows);
    } catch (error) {
      if (chunk.length > 1 && this.#options.bisectOnError !== false) {
        const half = Math.ceil(chunk.length / 2);
        await this.score(chunk.slice(0, half));
        await this.score(chunk.slice(half));
      } else {
        for (const entry of chunk) this.#results[entry.index] = { ok: false, error };
      }
      return;
    }
    let values: readonly Result[];
    try {
      values = this.#options.fromOutput(output, rows);
      if (values.length !== rows.length) {
        throw new BatchOutputMismatchError(
          `fromOutput returned ${values.length} results for ${rows.length} rows`,
        );
      }
    } catch (error) {
      // Reading the output back is the caller's code and does not depend on which rows ran.
      for (const entry of chunk) this.#results[entry.index] = { ok: false, error };
      return;
    }
    for (const [position, entry] of chunk.entries()) {
      this.#results[entry.index] = { ok: true, value: values[position] as Result };
    }
  }

  async #runOnce(rows: readonly Row[]): Promise<Output> {
    const input = this.#options.toTensor(rows);
    this.runs++;
    const start = performance.now();
    try {
      return await this.#inContext(() => asBatchOwnedRun(() => this.#options.run(input)));
    } finally {
      recordModelRun({
        latencyMs: performance.now() - start,
        batchSize: rows.length,
        model: this.#options.model,
      });
    }
  }
}

function startBatchSpan(
  tracing: OpenTelemetryTracing | undefined,
  model: string | undefined,
  records: number,
): Span | undefined {
  if (tracing === undefined) return undefined;
  try {
    return tracing.sdkTracer().startSpan(
      'inference.batch',
      {
        kind: tracing.SpanKind.INTERNAL,
        attributes: {
          [SpanAttribute.BATCH_RECORDS]: records,
          ...(model !== undefined ? { [SpanAttribute.MODEL]: model } : {}),
        },
      },
      tracing.context.active(),
    );
  } catch (error) {
    reportFault(FaultSite.MODEL, error);
    return undefined;
  }
}

type InContext = <T>(fn: () => T) => T;

/** Runs a function with the batch span active; without spans, just runs it. */
function inBatchContext(
  tracing: OpenTelemetryTracing | undefined,
  span: Span | undefined,
): InContext {
  if (tracing === undefined || span === undefined) return (fn) => fn();
  try {
    const batchContext = tracing.trace.setSpan(tracing.context.active(), span);
    return (fn) => tracing.context.with(batchContext, fn);
  } catch (error) {
    reportFault(FaultSite.MODEL, error);
    return (fn) => fn();
  }
}

function endBatchSpan(
  span: Span | undefined,
  runs: number,
  results: readonly BatchItemResult<unknown>[],
): void {
  try {
    span?.setAttributes({
      [SpanAttribute.BATCH_RUNS]: runs,
      [SpanAttribute.BATCH_FAILED_RECORDS]: results.filter((result) => !result?.ok).length,
    });
    span?.end();
  } catch (error) {
    reportFault(FaultSite.MODEL, error);
  }
}
