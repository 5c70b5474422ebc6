import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  BatchInferenceOptionError,
  type BatchInferenceOptions,
  BatchOutputMismatchError,
  inferBatch,
  instrumentSession,
  withTelemetry,
} from '../../sdk/index.ts';
import { resetExecutionEnvironment } from '../../sdk/lifecycle/executionEnvironment.ts';
import { capturingWriter } from '../support/emfSpecification.ts';
import { useInMemoryTracing } from '../support/inMemoryTracing.ts';
import { lambdaContext } from '../support/lambdaFixtures.ts';

/** A "model" that doubles each row and refuses rows holding a negative number. */
function doublingModel() {
  const runs: number[][] = [];
  const options: BatchInferenceOptions<string, number, number[], number[], number> = {
    toRow: (text) => {
      const value = Number(text);
      if (!Number.isFinite(value)) throw new Error(`not a number: ${text}`);
      return value;
    },
    toTensor: (rows) => [...rows],
    run: async (input) => {
      runs.push(input);
      if (input.some((value) => value < 0)) throw new Error('the model refused the input');
      return input.map((value) => value * 2);
    },
    fromOutput: (output) => output,
  };
  return { runs, options };
}

describe('inferBatch', () => {
  const exporter = useInMemoryTracing();
  beforeEach(() => {
    vi.stubEnv('AWS_LAMBDA_INITIALIZATION_TYPE', 'on-demand');
    resetExecutionEnvironment();
  });

  it('scores every record in one run and maps results back in order', async () => {
    // Prepare
    const { runs, options } = doublingModel();
    // Act
    const results = await inferBatch(['1', '2', '3'], options);
    // Assess
    expect(results).toEqual([
      { ok: true, value: 2 },
      { ok: true, value: 4 },
      { ok: true, value: 6 },
    ]);
    expect(runs).toEqual([[1, 2, 3]]);
  });

  it('runs in chunks of maxBatchSize', async () => {
    // Prepare
    const { runs, options } = doublingModel();
    const records = Array.from({ length: 10 }, (_, i) => String(i));
    // Act
    const results = await inferBatch(records, { ...options, maxBatchSize: 4 });
    // Assess
    expect(runs.map((run) => run.length)).toEqual([4, 4, 2]);
    expect(results.map((r) => (r.ok ? r.value : null))).toEqual(records.map((r) => Number(r) * 2));
  });

  it('fails a record its row cannot be built from alone; the rest run without it', async () => {
    // Prepare
    const { runs, options } = doublingModel();
    // Act
    const results = await inferBatch(['1', 'oops', '3'], options);
    // Assess
    expect(results[0]).toEqual({ ok: true, value: 2 });
    expect(results[1]?.ok).toBe(false);
    expect((results[1] as { error: Error }).error.message).toBe('not a number: oops');
    expect(results[2]).toEqual({ ok: true, value: 6 });
    expect(runs).toEqual([[1, 3]]);
  });

  it('bisects a failed run so only the row the model refuses fails', async () => {
    // Prepare
    const { runs, options } = doublingModel();
    // Act
    const results = await inferBatch(['1', '2', '-5', '4'], options);
    // Assess
    expect(results.map((r) => r.ok)).toEqual([true, true, false, true]);
    expect((results[2] as { error: Error }).error.message).toBe('the model refused the input');
    expect(runs).toEqual([[1, 2, -5, 4], [1, 2], [-5, 4], [-5], [4]]);
  });

  it('without bisection, a failed run fails its whole chunk and no other', async () => {
    // Prepare
    const { runs, options } = doublingModel();
    // Act
    const results = await inferBatch(['1', '-2', '3', '4'], {
      ...options,
      maxBatchSize: 2,
      bisectOnError: false,
    });
    // Assess
    expect(results.map((r) => r.ok)).toEqual([false, false, true, true]);
    expect(runs).toHaveLength(2);
  });

  it('fails the chunk when fromOutput returns the wrong number of results', async () => {
    // Prepare
    const { options } = doublingModel();
    // Act
    const results = await inferBatch(['1', '2'], { ...options, fromOutput: () => [1] });
    // Assess
    expect(results.every((r) => !r.ok && r.error instanceof BatchOutputMismatchError)).toBe(true);
  });

  it('refuses a maxBatchSize that is not a whole number >= 1, naming the option', async () => {
    // Prepare
    const { options } = doublingModel();
    // Act & Assess
    for (const bad of [0, -1, 2.5, Number.NaN]) {
      await expect(inferBatch(['1'], { ...options, maxBatchSize: bad })).rejects.toThrow(
        BatchInferenceOptionError,
      );
    }
    await expect(inferBatch(['1'], { ...options, maxBatchSize: 0 })).rejects.toThrow(
      /^maxBatchSize: must be a whole number >= 1, got 0$/,
    );
  });

  it('records InferenceLatency and BatchSize once per run, even through an instrumented session', async () => {
    // Prepare: the run calls an instrumented session, which alone would record the run too
    const session = instrumentSession(
      {
        inputNames: ['x'],
        run: async (feeds: Record<string, unknown>) => ({
          y: (feeds.x as { rows: number[] }).rows.map((v) => v + 1),
        }),
      },
      { model: 'plus-one' },
    );
    const capture = capturingWriter();
    const handler = withTelemetry(
      async (event: { values: string[] }, _context: unknown) =>
        inferBatch(event.values, {
          toRow: (text: string) => Number(text),
          toTensor: (rows) => ({ rows: [...rows], dims: [rows.length, 1] }),
          run: (input) => session.run({ x: input }) as Promise<{ y: number[] }>,
          fromOutput: (output) => output.y,
          maxBatchSize: 3,
          model: 'plus-one',
        }),
      { writer: capture.write },
    );
    // Act
    const results = await handler({ values: ['1', '2', '3', '4', '5'] }, lambdaContext());
    // Assess
    expect(results.map((r) => (r.ok ? r.value : null))).toEqual([2, 3, 4, 5, 6]);
    const [document] = capture.documents;
    expect(document?.BatchSize).toEqual([3, 2]);
    expect(document?.InferenceLatency).toHaveLength(2);
    expect(document?.model).toBe('plus-one');
    const spans = exporter.getFinishedSpans();
    const batchSpan = spans.find((s) => s.name === 'inference.batch');
    expect(batchSpan?.attributes).toMatchObject({
      'thermostat.batch.records': 5,
      'thermostat.batch.runs': 2,
      'thermostat.batch.failed_records': 0,
    });
    const inference = spans.filter((s) => s.name === 'inference');
    expect(inference).toHaveLength(2);
    expect(inference[0]?.parentSpanContext?.spanId).toBe(batchSpan?.spanContext().spanId);
  });

  it('returns an empty result for no records without running the model', async () => {
    // Prepare
    const { runs, options } = doublingModel();
    // Act
    const results = await inferBatch([], options);
    // Assess
    expect(results).toEqual([]);
    expect(runs).toEqual([]);
  });
});
