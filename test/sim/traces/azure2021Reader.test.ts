import { describe, expect, it } from 'vitest';
import {
  listTraceFunctions,
  readTrace,
  TraceFormatError,
  TraceFunctionSelectionError,
} from '../../../tuner/sim/index.ts';
import { tempTraceDir } from '../support/tempTraceDir.ts';

const SAMPLE = 'examples/traces/azure2021/Azure2021_200.csv';
const write = tempTraceDir();

describe('Azure 2021 per-invocation traces', () => {
  it('lists the functions grouped by app and function, with their invocations', async () => {
    // Prepare / Act
    const functions = await listTraceFunctions(SAMPLE);

    // Assess
    expect(functions).toHaveLength(31);
    expect(functions.reduce((sum, f) => sum + f.invocations, 0)).toBe(199);
    expect(functions[0]?.invocations).toBe(32);
    expect(functions[0]?.app).not.toBeNull();
  });

  it('reads arrivals as end − duration, sorted, with durations in ms and a window over the file', async () => {
    // Prepare: function 3d2aee54… has 5 invocations in the sample; its rows are not in order.
    const functionId = '3d2aee54';

    // Act
    const loaded = await readTrace(SAMPLE, { functionId, startMs: 5_000 });

    // Assess
    expect(loaded.format).toBe('azure2021');
    expect(loaded.function.invocations).toBe(5);
    if (loaded.trace.kind !== 'timestamps') throw new Error('expected timestamps');
    const ts = Array.from(loaded.trace.timestampsMs);
    expect(ts).toEqual([...ts].sort((a, b) => a - b));
    // The row "…,6.2525410652160645,6.236": arrival 16.541 ms after the start.
    expect(ts[0]).toBeCloseTo(5_000 + (6.2525410652160645 - 6.236) * 1000, 6);
    expect(loaded.trace.durationsMs?.[0]).toBe(6236);
    expect(loaded.trace.startMs).toBe(5_000);
    expect(loaded.trace.endMs).toBe(5_000 + 21 * 60_000);
  });

  it('tells apart the same function id in two apps with app/function', async () => {
    // Prepare
    const file = write(
      'twins.csv',
      'app,func,end_timestamp,duration\naaa1,fff1,2,1\nbbb2,fff1,3,1\nbbb2,fff1,4,1\n',
    );

    // Act
    const ambiguous = await readTrace(file, { functionId: 'fff1' }).catch((e: unknown) => e);
    const chosen = await readTrace(file, { functionId: 'bbb/fff1' });

    // Assess
    expect(ambiguous).toBeInstanceOf(TraceFunctionSelectionError);
    expect((ambiguous as TraceFunctionSelectionError).candidates.map((c) => c.app)).toEqual([
      'bbb2',
      'aaa1',
    ]);
    expect(chosen.function).toMatchObject({ app: 'bbb2', invocations: 2 });
  });

  it.each([
    ['a non-numeric end', 'a,f,soon,1', 3, /end_timestamp: expected a number, got "soon"/],
    ['a negative duration', 'a,f,5,-1', 4, /duration: must be ≥ 0/],
    ['a missing column', 'a,f,5', 4, /expected 4 columns, got 3/],
    ['an empty app', ',f,5,1', 1, /app: must not be empty/],
  ])('names file, line and column for %s', async (_name, row, column, message) => {
    // Prepare
    const file = write(`bad-${column}.csv`, `app,func,end_timestamp,duration\na,f,1,1\n${row}\n`);

    // Act
    const error = await listTraceFunctions(file).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(TraceFormatError);
    expect(error).toMatchObject({ file, line: 3, column });
    expect((error as Error).message).toMatch(message);
  });
});
