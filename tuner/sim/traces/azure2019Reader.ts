import { forEachCsvRow } from './csvRows.ts';
import {
  aboveInvocationLimit,
  checkColumnCount,
  countOrMinusOne,
  type FieldPosition,
  fieldError,
  parseCount,
} from './parseField.ts';
import type { KeepFunction, ScannedFunction } from './scannedFunction.ts';
import { TraceFormatError } from './traceFormatError.ts';
import { layoutOfHeader, TraceLayout } from './traceHeader.ts';
import { TraceLimits } from './traceLimits.ts';

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
 * every row and keeping the per-minute counts only of the functions `keep` accepts. Counts are
 * decimal digits; a file of more than `TraceLimits.MAX_SPAN_MINUTES` minutes or a function of
 * more than `TraceLimits.MAX_INVOCATIONS` is refused before anything is kept from it. Throws
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
  await forEachCsvRow(file, (line, fields) => {
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
      if (minutes > TraceLimits.MAX_SPAN_MINUTES) {
        throw new TraceFormatError(
          file,
          line,
          columns.firstMinute + TraceLimits.MAX_SPAN_MINUTES + 1,
          `the header has ${minutes} minute columns: a trace may span at most ${TraceLimits.MAX_SPAN_MINUTES} minutes (31 days)`,
        );
      }
      header = fields.map((f) => f.trim());
      return true;
    }
    const names = header;
    checkColumnCount(file, line, fields, names.length);
    const id = identity(file, line, fields, columns.id, names);
    const app = identity(file, line, fields, columns.app, names);
    const owner = identity(file, line, fields, columns.owner, names);
    const trigger = columns.trigger >= 0 ? (fields[columns.trigger] ?? '').trim() : null;
    const counts = keep(id, app, functions.length) ? new Uint32Array(minutes) : null;
    let invocations = 0;
    for (let m = 0; m < minutes; m++) {
      const index = columns.firstMinute + m;
      const text = fields[index] as string;
      // Fast path for the common case; the slow one reads padded fields or builds the error.
      let count = countOrMinusOne(text);
      if (count < 0) count = parseCount(text, minuteField(file, line, index, names));
      invocations += count;
      if (invocations > TraceLimits.MAX_INVOCATIONS) {
        throw fieldError(
          minuteField(file, line, index, names),
          `the row's first ${m + 1} minutes hold ${invocations} ${aboveInvocationLimit()}`,
        );
      }
      if (counts !== null) counts[m] = count;
    }
    functions.push({ summary: { id, app, owner, trigger, invocations }, data: counts });
    return true;
  });
  if (header === null) throw new TraceFormatError(file, 1, 1, 'the file is empty');
  return { minutes, functions };
}

function minuteField(
  file: string,
  line: number,
  index: number,
  header: readonly string[],
): FieldPosition {
  return { file, line, index, name: header[index] ?? `column ${index + 1}` };
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
