import { createReadStream } from 'node:fs';
import { TraceFormatError } from './traceFormatError.ts';
import { TraceLimits } from './traceLimits.ts';

/**
 * Called for each non-empty line with its 1-based number and its fields; returns `false` to stop
 * reading. It runs synchronously inside the read loop (one call per line, no promise per line:
 * the readers' speed on multi-million-line traces depends on it).
 */
export type CsvRowHandler = (line: number, fields: string[]) => boolean | undefined;

/** Options of {@link forEachCsvRow}. */
export interface CsvRowOptions {
  /** The longest line accepted, characters; longer is a `TraceFormatError` at that line. */
  readonly maxLineChars?: number;
}

/**
 * Streams the non-empty lines of a CSV file as fields, holding at most one line and one read
 * chunk in memory. The trace formats are plain (no quoting), so a split on commas is exact; CRLF
 * line ends are accepted. A line longer than `maxLineChars` (default
 * `TraceLimits.MAX_LINE_CHARS`) is a `TraceFormatError` naming the file and line, raised before
 * the line is held whole. Errors the handler throws stop the read and propagate.
 *
 * @example
 * ```ts
 * await forEachCsvRow('trace.csv', (line, fields) => {
 *   console.log(line, fields[0]);
 *   return true;
 * });
 * ```
 */
export async function forEachCsvRow(
  file: string,
  onRow: CsvRowHandler,
  options: CsvRowOptions = {},
): Promise<void> {
  const maxLineChars = options.maxLineChars ?? TraceLimits.MAX_LINE_CHARS;
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 16 });
  let line = 0;
  let carry = '';
  const emit = (text: string): boolean => {
    line++;
    const end = text.endsWith('\r') ? text.length - 1 : text.length;
    const body = end === text.length ? text : text.slice(0, end);
    if (body.length > maxLineChars) throw tooLong(file, line, maxLineChars);
    if (body.length === 0 || (body.charCodeAt(0) <= 32 && body.trim() === '')) return true;
    return onRow(line, body.split(',')) !== false;
  };
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      let start = 0;
      let newline = chunk.indexOf('\n');
      if (newline < 0) {
        carry += chunk;
        // +1: a final '\r' does not count.
        if (carry.length > maxLineChars + 1) throw tooLong(file, line + 1, maxLineChars);
        continue;
      }
      if (!emit(carry + chunk.slice(0, newline))) return;
      carry = '';
      start = newline + 1;
      newline = chunk.indexOf('\n', start);
      while (newline >= 0) {
        if (!emit(chunk.slice(start, newline))) return;
        start = newline + 1;
        newline = chunk.indexOf('\n', start);
      }
      carry = chunk.slice(start);
      if (carry.length > maxLineChars + 1) throw tooLong(file, line + 1, maxLineChars);
    }
    if (carry !== '') emit(carry);
  } finally {
    stream.destroy();
  }
}

function tooLong(file: string, line: number, maxLineChars: number): TraceFormatError {
  return new TraceFormatError(
    file,
    line,
    1,
    `the line is longer than ${maxLineChars.toLocaleString('en-US')} characters: not a trace this tool reads`,
  );
}
