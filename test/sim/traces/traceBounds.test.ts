import { describe, expect, it } from 'vitest';
import { readTrace, TraceFormatError, TraceLimits } from '../../../tuner/sim/index.ts';
import { tempTraceDir } from '../support/tempTraceDir.ts';

const write = tempTraceDir();
const SAMPLED_HEADER = 'HashFunction,HashApp,HashOwner';

/** An Azure 2019 sampled-layout file with the given per-minute counts for one function. */
function azure2019(counts: readonly string[]): string {
  const minutes = counts.map((_, i) => `minute_${i + 1}`).join(',');
  return `${SAMPLED_HEADER},${minutes}\nf1,a1,o1,${counts.join(',')}\n`;
}

async function traceError(file: string): Promise<TraceFormatError> {
  const error = await readTrace(file).catch((e: unknown) => e);
  if (error instanceof TraceFormatError) return error;
  throw new Error(`expected a TraceFormatError, got ${String(error)}`);
}

describe('trace bounds: nothing is allocated from a span, count or duration out of range', () => {
  it('refuses a three-row plain trace whose timestamps span decades, at the row that breaks the span', async () => {
    // Prepare: the first and last arrival are 53 years apart.
    const file = write('decades.csv', '0,10\n1000000000000,10\n1700000000000,10\n');

    // Act
    const error = await traceError(file);

    // Assess
    expect(error).toMatchObject({ file, line: 2, column: 1 });
    expect(error.message).toMatch(/11574 days after the first arrival 0 \(line 1\)/);
    expect(error.message).toMatch(/at most 44640 minutes \(31 days\)/);
  });

  it('accepts a plain trace spanning exactly the limit', async () => {
    // Prepare
    const lastMs = TraceLimits.MAX_SPAN_MINUTES * 60_000;
    const file = write('month.csv', `timestamp_ms\n0\n${lastMs}\n`);

    // Act
    const loaded = await readTrace(file);

    // Assess
    expect(loaded.function.invocations).toBe(2);
  });

  it.each([
    ['2³²', '4294967296', /4294967296 invocations are more than one function of a trace may hold/],
    ['a 30-digit count', '1'.repeat(30), /more than one function of a trace may hold/],
    [
      'an exponent',
      '1e3',
      /expected a whole number of invocations written in decimal digits, got "1e3"/,
    ],
    ['hexadecimal', '0x10', /written in decimal digits, got "0x10"/],
    ['a sign', '+5', /written in decimal digits, got "\+5"/],
    ['Infinity', 'Infinity', /written in decimal digits, got "Infinity"/],
    ['a fraction', '2.5', /expected a whole number of invocations, got "2.5"/],
  ])('refuses an Azure 2019 count of %s at its field', async (_name, count, message) => {
    // Prepare
    const file = write(`count-${count.length}-${count.charCodeAt(1)}.csv`, azure2019(['3', count]));

    // Act
    const error = await traceError(file);

    // Assess
    expect(error).toMatchObject({ file, line: 2, column: 5 });
    expect(error.message).toMatch(/minute_2: /);
    expect(error.message).toMatch(message);
  });

  it('refuses an Azure 2019 row whose minutes add up past the limit, at the minute that passes it', async () => {
    // Prepare: each minute within the limit, their sum above it.
    const half = String(TraceLimits.MAX_INVOCATIONS / 2);
    const file = write('sum.csv', azure2019([half, half, '1']));

    // Act
    const error = await traceError(file);

    // Assess
    expect(error).toMatchObject({ line: 2, column: 6 });
    expect(error.message).toMatch(/first 3 minutes hold 100000001 invocations/);
  });

  it('refuses an Azure 2019 header of more minutes than the span limit, before reading a row', async () => {
    // Prepare
    const counts = Array.from({ length: TraceLimits.MAX_SPAN_MINUTES + 1 }, () => '0');
    const file = write('long-header.csv', azure2019(counts));

    // Act
    const error = await traceError(file);

    // Assess
    expect(error).toMatchObject({ line: 1, column: 3 + TraceLimits.MAX_SPAN_MINUTES + 1 });
    expect(error.message).toMatch(/44641 minute columns: a trace may span at most 44640 minutes/);
  });

  it.each([
    ['end_timestamp', '1e300,0.1', 3, /end_timestamp: 1e300 is above 2678400 s, the longest span/],
    ['duration', '10,1e300', 4, /duration: 1e300 is above 86400 s, the longest duration/],
    [
      'end_timestamp',
      '0x10,0.1',
      3,
      /end_timestamp: expected a number written in decimal digits, an optional fraction and exponent, got "0x10"/,
    ],
    ['duration', '10,Infinity', 4, /duration: expected a number written in/],
  ])(
    'refuses an Azure 2021 %s out of range or in another notation (%s)',
    async (_name, times, column, message) => {
      // Prepare
      const file = write(
        `a2021-${column}-${times.length}.csv`,
        `app,func,end_timestamp,duration\na,f,1,0.5\na,f,${times}\n`,
      );

      // Act
      const error = await traceError(file);

      // Assess
      expect(error).toMatchObject({ file, line: 3, column });
      expect(error.message).toMatch(message);
    },
  );

  it('reads the Azure 2021 exponent notation of small times', async () => {
    // Prepare: how the trace writes a time below 0.0001 s.
    const file = write('small.csv', 'app,func,end_timestamp,duration\na,f,5.2e-05,0\n');

    // Act
    const loaded = await readTrace(file);

    // Assess
    expect(loaded.trace.kind === 'timestamps' && Array.from(loaded.trace.timestampsMs)).toEqual([
      0.052,
    ]);
  });

  it.each([
    [
      'an exponent timestamp',
      '1.7e12,10',
      1,
      /timestamp_ms: expected a number written in decimal digits and an optional fraction, got "1.7e12"/,
    ],
    [
      'a huge duration',
      '1000,1e300',
      2,
      /duration_ms: expected a number written in decimal digits/,
    ],
    [
      'a duration above a day',
      '1000,86400001',
      2,
      /duration_ms: 86400001 is above 86400000 ms, the longest duration/,
    ],
    [
      'a timestamp past the last Date',
      '8640000000000001,1',
      1,
      /timestamp_ms: 8640000000000001 is above 8640000000000000/,
    ],
    ['a 400-digit timestamp', `${'9'.repeat(400)},1`, 1, /timestamp_ms: 9{400} is above/],
  ])('refuses a plain CSV with %s', async (_name, row, column, message) => {
    // Prepare
    const file = write(`plain-${column}-${row.length}.csv`, `timestamp_ms,duration_ms\n${row}\n`);

    // Act
    const error = await traceError(file);

    // Assess
    expect(error).toMatchObject({ file, line: 2, column });
    expect(error.message).toMatch(message);
  });

  it('refuses a line longer than the limit, naming it, without holding it whole', async () => {
    // Prepare: a valid first row, then one row of 2 MB without a line end.
    const file = write(
      'long-line.csv',
      `timestamp_ms\n1\n${'7'.repeat(2 * TraceLimits.MAX_LINE_CHARS)}`,
    );

    // Act
    const error = await traceError(file);

    // Assess
    expect(error).toMatchObject({ file, line: 3, column: 1 });
    expect(error.message).toMatch(/the line is longer than 1,048,576 characters/);
  });
});
