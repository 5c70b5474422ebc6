import { basename, extname } from 'node:path';
import { csvRows } from './csvRows.ts';
import { checkColumnCount, parseNonNegative } from './parseField.ts';
import { TraceFormatError } from './traceFormatError.ts';
import type { TraceFunctionSummary } from './traceFunctionSummary.ts';
import { layoutOfHeader, TraceLayout } from './traceHeader.ts';

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
 * is an error, not something to fix silently). The function's id is the file name without its
 * extension. Throws `TraceFormatError` at the first malformed field.
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
  for await (const { line, fields } of csvRows(file)) {
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
        continue;
      }
    }
    checkColumnCount(file, line, fields, columns);
    const t = parseNonNegative(fields[0], {
      file,
      line,
      index: 0,
      name: names[0] ?? 'timestamp_ms',
    });
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
        parseNonNegative(fields[1], { file, line, index: 1, name: names[1] ?? 'duration_ms' }),
      );
    }
  }
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
