import { describe, expect, it } from 'vitest';
import {
  fixedServiceModel,
  listTraceFunctions,
  readTrace,
  simulateFleet,
  TraceFormatError,
} from '../../../tuner/sim/index.ts';
import { tempTraceDir } from '../support/tempTraceDir.ts';

const write = tempTraceDir();

describe('plain CSV traces', () => {
  it('reads timestamps and durations with a header', async () => {
    // Prepare
    const file = write('busy.csv', 'timestamp_ms,duration_ms\n60000,12\n60500,30.5\n121000,7\n');

    // Act
    const loaded = await readTrace(file);

    // Assess
    expect(loaded.format).toBe('csv');
    expect(loaded.function).toMatchObject({ id: 'busy', invocations: 3 });
    if (loaded.trace.kind !== 'timestamps') throw new Error('expected timestamps');
    expect(Array.from(loaded.trace.timestampsMs)).toEqual([60_000, 60_500, 121_000]);
    expect(Array.from(loaded.trace.durationsMs ?? [])).toEqual([12, 30.5, 7]);
  });

  it('reads timestamps alone without a header (CRLF too), ready to simulate', async () => {
    // Prepare
    const file = write('bare.csv', '1000\r\n2000\r\n2000\r\n\r\n');

    // Act
    const loaded = await readTrace(file);
    const result = simulateFleet({
      trace: loaded.trace,
      serviceModel: fixedServiceModel({ initMs: 0, serviceMs: 10 }),
      config: { memoryMb: 1024, provisionedConcurrency: 0, reservedConcurrency: null },
    });

    // Assess
    expect(loaded.trace).toMatchObject({ kind: 'timestamps' });
    expect(loaded.trace.kind === 'timestamps' && loaded.trace.durationsMs).toBeFalsy();
    expect(result.totals.arrivals).toBe(3);
    expect(await listTraceFunctions(file)).toEqual([
      { id: 'bare', app: null, owner: null, trigger: null, invocations: 3 },
    ]);
  });

  it.each([
    [
      'unsorted timestamps',
      '5000\n4000\n',
      2,
      1,
      /sorted ascending; 4000 comes after 5000 \(line 1\)/,
    ],
    ['a negative timestamp', 'timestamp_ms\n-3\n', 2, 1, /timestamp_ms: must be ≥ 0/],
    [
      'a non-numeric duration',
      'timestamp_ms,duration_ms\n1,fast\n',
      2,
      2,
      /duration_ms: expected a number/,
    ],
    ['a ragged row', '1,5\n2\n', 2, 2, /expected 2 columns, got 1/],
    ['three columns', '1,2,3\n', 1, 3, /expected 1 or 2 columns, got 3/],
  ])('names file, line and column for %s', async (_name, text, line, column, message) => {
    // Prepare
    const file = write(`bad-${line}-${column}.csv`, text);

    // Act
    const error = await readTrace(file, { format: 'csv' }).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(TraceFormatError);
    expect(error).toMatchObject({ file, line, column });
    expect((error as Error).message).toMatch(message);
  });
});
