/**
 * Properties of the trace readers over arbitrary input: whatever the bytes, a read either
 * loads a trace within `TraceLimits` (so what it asks the simulator to allocate is bounded) or
 * fails with a `TraceFormatError` naming the file and a line of it (or a selection error), and
 * never throws anything else. Each run writes one small file.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type LoadedTrace,
  readTrace,
  TraceFormatError,
  TraceFunctionSelectionError,
  TraceLimits,
} from '../../../tuner/sim/index.ts';
import { tempTraceDir } from '../support/tempTraceDir.ts';

const write = tempTraceDir();
let fileNumber = 0;

const HEADERS = [
  '',
  'timestamp_ms,duration_ms\n',
  'timestamp_ms\n',
  'app,func,end_timestamp,duration\n',
  'HashFunction,HashApp,HashOwner,minute_1,minute_2,minute_3\n',
  'HashOwner,HashApp,HashFunction,Trigger,1,2\n',
];

/** Field texts a careless or hostile file holds: extremes, other notations, garbage. */
const extremeField = fc.oneof(
  fc.constantFrom(
    '0',
    '4294967296',
    '100000001',
    '1e300',
    '1e400',
    '5.2e-05',
    '0x10',
    '0o7',
    '+5',
    '-1',
    '.5',
    'Infinity',
    'NaN',
    '',
    ' 7 ',
    '9'.repeat(400),
    '8640000000000001',
  ),
  fc.nat().map(String),
  fc.double().map(String),
  fc.bigInt().map(String),
  fc.string({ maxLength: 8 }),
);

/** Checks the outcome of one read; returns nothing, throws on a broken property. */
function checkOutcome(file: string, text: string, outcome: LoadedTrace | unknown): void {
  if (outcome instanceof TraceFormatError) {
    expect(outcome.file).toBe(file);
    expect(outcome.line).toBeGreaterThanOrEqual(1);
    expect(outcome.line).toBeLessThanOrEqual(text.split('\n').length + 1);
    expect(outcome.column).toBeGreaterThanOrEqual(1);
    expect(outcome.message.startsWith(`${file}:${outcome.line}:${outcome.column}: `)).toBe(true);
    return;
  }
  if (outcome instanceof TraceFunctionSelectionError) return;
  if (outcome instanceof Error) throw outcome;
  const loaded = outcome as LoadedTrace;
  const lines = text.split('\n').length;
  expect(loaded.function.invocations).toBeLessThanOrEqual(TraceLimits.MAX_INVOCATIONS);
  if (loaded.trace.kind === 'perMinute') {
    expect(loaded.trace.counts.length).toBeLessThanOrEqual(TraceLimits.MAX_SPAN_MINUTES);
    return;
  }
  const { timestampsMs, durationsMs } = loaded.trace;
  expect(timestampsMs.length).toBeLessThanOrEqual(lines);
  if (timestampsMs.length > 0) {
    const span = (timestampsMs[timestampsMs.length - 1] as number) - (timestampsMs[0] as number);
    expect(span).toBeLessThanOrEqual(TraceLimits.MAX_SPAN_MINUTES * 60_000);
  }
  for (const d of Array.from(durationsMs ?? [])) {
    expect(d).toBeLessThanOrEqual(TraceLimits.MAX_DURATION_SEC * 1000);
  }
}

async function readOutcome(text: string | Uint8Array): Promise<[string, string]> {
  const file = write(`p${fileNumber++}.csv`, text);
  const outcome = await readTrace(file).catch((error: unknown) => error);
  const written = readFileSync(file, 'utf8');
  checkOutcome(file, written, outcome);
  return [file, written];
}

describe('trace readers: properties over arbitrary input', () => {
  it('arbitrary bytes after any header either load within the limits or fail at a line', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...HEADERS),
        fc.uint8Array({ maxLength: 512 }),
        async (header, bytes) => {
          // Prepare / Act / Assess: one file per run.
          await readOutcome(Buffer.concat([Buffer.from(header), bytes]));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('well-formed rows of extreme values either load within the limits or fail at a line', async () => {
    const row = (columns: number) =>
      fc.array(extremeField, { minLength: columns, maxLength: columns }).map((f) => f.join(','));
    const file = fc.oneof(
      fc
        .array(row(2), { minLength: 1, maxLength: 6 })
        .map((rows) => `timestamp_ms,duration_ms\n${rows.join('\n')}\n`),
      fc
        .array(row(2), { minLength: 1, maxLength: 6 })
        .map(
          (rows) => `app,func,end_timestamp,duration\n${rows.map((r) => `a,f,${r}`).join('\n')}\n`,
        ),
      fc
        .array(row(3), { minLength: 1, maxLength: 6 })
        .map(
          (rows) =>
            `HashFunction,HashApp,HashOwner,minute_1,minute_2,minute_3\n${rows.map((r, i) => `f${i},a,o,${r}`).join('\n')}\n`,
        ),
    );
    await fc.assert(
      fc.asyncProperty(file, async (text) => {
        // Prepare / Act / Assess
        await readOutcome(text);
      }),
      { numRuns: 200 },
    );
  });
});
