import { csvRows } from './csvRows.ts';
import { checkColumnCount, parseCount } from './parseField.ts';
import type { KeepFunction, ScannedFunction } from './scannedFunction.ts';
import { TraceFormatError } from './traceFormatError.ts';
import { layoutOfHeader, TraceLayout } from './traceHeader.ts';

/** Where each field sits in the two Azure 2019 layouts (-1: absent). */
const COLUMNS = {
  [TraceLayout.AZURE_2019_ORIGINAL]: { owner: 0, app: 1, id: 2, trigger: 3, firstMinute: 4 },
  [TraceLayout.AZURE_2019_SAMPLED]: { id: 0, app: 1, owner: 2, trigger: -1, firstMinute: 3 },
} as const;

/** The functions of an Azure 2019 per-minute file; `data` holds the counts of kept functions. */
export interface Azure2019Scan {
  readonly minutes: number;
  readonly functions: readonly ScannedFunction<Uint32Array>[];
}

/**
 * Streams an Azure Functions 2019 invocations-per-minute file in either layout
 * (`HashOwner,HashApp,HashFunction,Trigger,1..1440` or
 * `HashFunction,HashApp,HashOwner,minute_1..minute_1440`, told apart by the header), validating
 * every row and keeping the per-minute counts only of the functions `keep` accepts. Throws
 * `TraceFormatError` at the first malformed field.
 *
 * @example
 * ```ts
 * const scan = await scanAzure2019('100_inv.csv', (id) => id.startsWith('e80f'));
 * scan.functions.find((f) => f.data !== null)?.data; // Uint32Array of 1,440 counts
 * ```
 */
export async function scanAzure2019(file: string, keep: KeepFunction): Promise<Azure2019Scan> {
  const functions: ScannedFunction<Uint32Array>[] = [];
  let header: string[] | null = null;
  let columns: (typeof COLUMNS)[keyof typeof COLUMNS] = COLUMNS[TraceLayout.AZURE_2019_SAMPLED];
  let minutes = 0;
  for await (const { line, fields } of csvRows(file)) {
    if (header === null) {
      const layout = layoutOfHeader(fields);
      if (layout !== TraceLayout.AZURE_2019_ORIGINAL && layout !== TraceLayout.AZURE_2019_SAMPLED) {
        throw new TraceFormatError(
          file,
          line,
          1,
          'expected an Azure 2019 header (HashOwner,HashApp,HashFunction,Trigger,1..1440 or HashFunction,HashApp,HashOwner,minute_1..minute_1440)',
        );
      }
      columns = COLUMNS[layout];
      minutes = fields.length - columns.firstMinute;
      if (minutes < 1) {
        throw new TraceFormatError(
          file,
          line,
          fields.length + 1,
          'the header has no minute columns',
        );
      }
      header = fields.map((f) => f.trim());
      continue;
    }
    checkColumnCount(file, line, fields, header.length);
    const id = identity(file, line, fields, columns.id, header);
    const app = identity(file, line, fields, columns.app, header);
    const owner = identity(file, line, fields, columns.owner, header);
    const trigger = columns.trigger >= 0 ? (fields[columns.trigger] ?? '').trim() : null;
    const counts = keep(id, app, functions.length) ? new Uint32Array(minutes) : null;
    let invocations = 0;
    for (let m = 0; m < minutes; m++) {
      const index = columns.firstMinute + m;
      const text = fields[index] as string;
      let count = +text;
      // Fast path for the common case; the slow one builds the error.
      if (text === '' || !(count >= 0 && Number.isInteger(count))) {
        count = parseCount(text, { file, line, index, name: header[index] ?? `minute ${m + 1}` });
      }
      invocations += count;
      if (counts !== null) counts[m] = count;
    }
    functions.push({ summary: { id, app, owner, trigger, invocations }, data: counts });
  }
  if (header === null) throw new TraceFormatError(file, 1, 1, 'the file is empty');
  return { minutes, functions };
}

function identity(
  file: string,
  line: number,
  fields: readonly string[],
  index: number,
  header: readonly string[],
): string {
  const value = (fields[index] ?? '').trim();
  if (value === '') {
    throw new TraceFormatError(file, line, index + 1, `${header[index]}: must not be empty`);
  }
  return value;
}
