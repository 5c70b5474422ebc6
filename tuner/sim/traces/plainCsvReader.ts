import { basename, extname } from 'node:path';
import { forEachCsvRow } from './csvRows.ts';
import {
  aboveInvocationLimit,
  checkColumnCount,
  type DecimalField,
  fieldError,
  parseDecimal,
} from './parseField.ts';
import { TraceFormatError } from './traceFormatError.ts';
import type { TraceFunctionSummary } from './traceFunctionSummary.ts';
import { layoutOfHeader, TraceLayout } from './traceHeader.ts';
import { TraceLimits } from './traceLimits.ts';

const MAX_SPAN_MS = TraceLimits.MAX_SPAN_MINUTES * 60_000;

const TIMESTAMP: DecimalField = {
  max: TraceLimits.MAX_EPOCH_MS,
  maxMeaning: `${TraceLimits.MAX_EPOCH_MS} (the latest epoch time in ms)`,
};

const DURATION: DecimalField = {
  max: TraceLimits.MAX_DURATION_SEC * 1000,
  maxMeaning: `${TraceLimits.MAX_DURATION_SEC * 1000} ms, the longest duration a trace may give (a day)`,
};

/** The one function of a plain CSV trace. */
export interface PlainCsvScan {
  readonly summary: TraceFunctionSummary;
  /** Arrival times, epoch ms, ascending. */
  readonly timestampsMs: Float64Array;
  /** Durations, ms, or null when the file has no second column. */
  readonly durationsMs: Float64Array | null;
}

/**
 * Streams a plain CSV trace: `timestamp_ms[,duration_ms]`, one invocation per row, the header
 * line optional, timestamps sorted ascending (the order is the arrival order, so an unsorted file
 * is an error, not something to fix silently). Times are decimal milliseconds; the trace may span
 * at most `TraceLimits.MAX_SPAN_MINUTES` from its first arrival and hold at most
 * `TraceLimits.MAX_INVOCATIONS`. The function's id is the file name without its extension.
 * Throws `TraceFormatError` at the first malformed field.
 *
 * @example
 * ```ts
 * const scan = await scanPlainCsv('busy.csv');
 * scan.timestampsMs.length; // invocations
 * ```
 */
export async function scanPlainCsv(file: string): Promise<PlainCsvScan> {
  const timestamps: number[] = [];
  const durations: number[] = [];
  let columns = 0;
  let names = ['timestamp_ms', 'duration_ms'];
  let previous = Number.NEGATIVE_INFINITY;
  let previousLine = 0;
  let first = 0;
  let firstLine = 0;
  await forEachCsvRow(file, (line, fields) => {
    if (columns === 0) {
      const layout = layoutOfHeader(fields);
      if (layout !== TraceLayout.CSV_WITH_HEADER && layout !== TraceLayout.CSV_WITHOUT_HEADER) {
        throw new TraceFormatError(
          file,
          line,
          1,
          'expected a plain CSV trace: timestamp_ms[,duration_ms], with or without that header',
        );
      }
      columns = fields.length;
      if (columns > 2) {
        throw new TraceFormatError(file, line, 3, `expected 1 or 2 columns, got ${columns}`);
      }
      if (layout === TraceLayout.CSV_WITH_HEADER) {
        names = fields.map((f) => f.trim());
        return true;
      }
    }
    checkColumnCount(file, line, fields, columns);
    const at = { file, line, index: 0, name: names[0] ?? 'timestamp_ms' };
    const t = parseDecimal(fields[0], at, TIMESTAMP);
    if (timestamps.length === 0) {
      first = t;
      firstLine = line;
    } else if (t - first > MAX_SPAN_MS) {
      throw fieldError(
        at,
        `${t} is ${describeSpan(t - first)} after the first arrival ${first} (line ${firstLine}): a trace may span at most ${TraceLimits.MAX_SPAN_MINUTES} minutes (31 days)`,
      );
    }
    if (timestamps.length >= TraceLimits.MAX_INVOCATIONS) {
      throw fieldError(at, `the file holds more ${aboveInvocationLimit()}`);
    }
    if (t < previous) {
      throw new TraceFormatError(
        file,
        line,
        1,
        `${names[0]}: timestamps must be sorted ascending; ${t} comes after ${previous} (line ${previousLine})`,
      );
    }
    previous = t;
    previousLine = line;
    timestamps.push(t);
    if (columns === 2) {
      durations.push(
        parseDecimal(
          fields[1],
          { file, line, index: 1, name: names[1] ?? 'duration_ms' },
          DURATION,
        ),
      );
    }
    return true;
  });
  if (columns === 0) throw new TraceFormatError(file, 1, 1, 'the file is empty');
  return {
    summary: {
      id: basename(file, extname(file)),
      app: null,
      owner: null,
      trigger: null,
      invocations: timestamps.length,
    },
    timestampsMs: Float64Array.from(timestamps),
    durationsMs: columns === 2 ? Float64Array.from(durations) : null,
  };
}

function describeSpan(ms: number): string {
  const days = ms / 86_400_000;
  return days >= 1 ? `${Math.floor(days)} days` : `${Math.round(ms / 60_000)} minutes`;
}
