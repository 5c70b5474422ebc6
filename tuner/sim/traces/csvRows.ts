import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

/** One non-empty line of a CSV file, split into fields. */
export interface CsvRow {
  /** Line number, from 1. */
  readonly line: number;
  readonly fields: string[];
}

/**
 * Streams the non-empty lines of a CSV file as fields, without holding the file in memory. The
 * trace formats are plain (no quoting), so a split on commas is exact.
 *
 * @example
 * ```ts
 * for await (const row of csvRows('trace.csv')) console.log(row.line, row.fields[0]);
 * ```
 */
export async function* csvRows(file: string): AsyncGenerator<CsvRow> {
  const lines = createInterface({
    input: createReadStream(file, { encoding: 'utf8' }),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let line = 0;
  try {
    for await (const text of lines) {
      line++;
      if (text.trim() === '') continue;
      yield { line, fields: text.split(',') };
    }
  } finally {
    lines.close();
  }
}
