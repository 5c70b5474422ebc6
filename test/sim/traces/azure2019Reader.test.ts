import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  arrivalCount,
  detectTraceFormat,
  listTraceFunctions,
  readTrace,
  TraceFormatError,
} from '../../../tuner/sim/index.ts';
import { tempTraceDir } from '../support/tempTraceDir.ts';

const SAMPLE = 'examples/traces/azure2019/100_inv.csv';
const BUSIEST = 'e80f0c2ac8a3aa86f69484d86e060cf594ea9da5887b9c5f9b739ef6c9e7804b';
const write = tempTraceDir();

/** The sample's first rows, rewritten in the original release's column layout. */
function originalLayout(rows: number): string {
  const [, ...data] = readFileSync(SAMPLE, 'utf8').trim().split('\n');
  const minutes = Array.from({ length: 1440 }, (_, i) => i + 1).join(',');
  const lines = data.slice(0, rows).map((line, i) => {
    const [fn, app, owner, ...counts] = line.split(',');
    return [owner, app, fn, i === 0 ? 'http' : 'timer', ...counts].join(',');
  });
  return `HashOwner,HashApp,HashFunction,Trigger,${minutes}\n${lines.join('\n')}\n`;
}

async function formatError(run: () => Promise<unknown>): Promise<TraceFormatError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof TraceFormatError) return error;
    throw error;
  }
  throw new Error('expected a TraceFormatError');
}

describe('Azure 2019 per-minute traces', () => {
  it('lists the sampled layout’s functions with their invocations, busiest first', async () => {
    // Prepare / Act
    const functions = await listTraceFunctions(SAMPLE);

    // Assess
    expect(await detectTraceFormat(SAMPLE)).toBe('azure2019');
    expect(functions).toHaveLength(100);
    expect(functions[0]).toMatchObject({ id: BUSIEST, invocations: 195_064, trigger: null });
    expect(functions.at(-1)?.invocations).toBe(1);
  });

  it('reads one function by a unique prefix as per-minute counts', async () => {
    // Prepare / Act
    const loaded = await readTrace(SAMPLE, { functionId: 'e80f0c', startMs: 1_000_000 });

    // Assess
    expect(loaded.format).toBe('azure2019');
    expect(loaded.function.id).toBe(BUSIEST);
    expect(loaded.trace.kind).toBe('perMinute');
    if (loaded.trace.kind !== 'perMinute') return;
    expect(loaded.trace.startMs).toBe(1_000_000);
    expect(loaded.trace.counts).toHaveLength(1440);
    expect(arrivalCount(loaded.trace)).toBe(195_064);
  });

  it('reads the original layout, with its trigger column', async () => {
    // Prepare
    const file = write('original.csv', originalLayout(3));

    // Act
    const functions = await listTraceFunctions(file);
    const loaded = await readTrace(file, { functionId: functions[0]?.id ?? '' });

    // Assess
    expect(await detectTraceFormat(file)).toBe('azure2019');
    expect(functions).toHaveLength(3);
    expect(new Set(functions.map((f) => f.trigger))).toEqual(new Set(['http', 'timer']));
    expect(arrivalCount(loaded.trace)).toBe(functions[0]?.invocations);
  });

  it.each([
    [
      'a non-numeric count',
      (l: string[]) => l[5]?.replace(/^(([^,]*,){10})[^,]*/, '$1abc'),
      11,
      /minute_8: expected a number, got "abc"/,
    ],
    [
      'a negative count',
      (l: string[]) => l[5]?.replace(/^(([^,]*,){10})[^,]*/, '$1-4'),
      11,
      /minute_8: must be ≥ 0/,
    ],
    [
      'a fractional count',
      (l: string[]) => l[5]?.replace(/^(([^,]*,){10})[^,]*/, '$12.5'),
      11,
      /whole number/,
    ],
    [
      'a missing column',
      (l: string[]) => l[5]?.replace(/,[^,]*$/, ''),
      1443,
      /expected 1443 columns, got 1442/,
    ],
    ['an extra column', (l: string[]) => `${l[5]},7`, 1444, /expected 1443 columns, got 1444/],
    [
      'an empty function id',
      (l: string[]) => l[5]?.replace(/^[^,]*/, ''),
      1,
      /HashFunction: must not be empty/,
    ],
  ])('names file, line and column for %s', async (_name, corrupt, column, message) => {
    // Prepare: corrupt line 6 of a copy of the sample.
    const lines = readFileSync(SAMPLE, 'utf8').split('\n');
    lines[5] = corrupt(lines) ?? '';
    const file = write(`bad-${column}.csv`, lines.join('\n'));

    // Act
    const error = await formatError(() => listTraceFunctions(file));

    // Assess
    expect(error).toMatchObject({ file, line: 6, column });
    expect(error.message).toMatch(message);
    expect(error.message.startsWith(`${file}:6:${column}: `)).toBe(true);
  });

  it('rejects a file that is not Azure 2019 when that format is asked for', async () => {
    // Prepare
    const file = write('other.csv', 'app,func,end_timestamp,duration\na,b,1,0.5\n');

    // Act
    const error = await formatError(() =>
      readTrace(file, { format: 'azure2019', functionId: 'b' }),
    );

    // Assess
    expect(error).toMatchObject({ line: 1, column: 1 });
    expect(error.message).toMatch(/expected an Azure 2019 header/);
  });

  it('rejects an empty file and an unknown header', async () => {
    // Prepare
    const empty = write('empty.csv', '\n\n');
    const unknown = write('unknown.csv', 'when,what\nnow,that\n');

    // Act / Assess
    expect((await formatError(() => detectTraceFormat(empty))).message).toMatch(
      /the file is empty/,
    );
    expect((await formatError(() => readTrace(unknown))).message).toMatch(
      /unrecognised trace header "when,what"/,
    );
  });
});
