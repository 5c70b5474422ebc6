import { forEachCsvRow } from './csvRows.ts';
import { TraceFormat } from './traceFormat.ts';
import { TraceFormatError } from './traceFormatError.ts';
import { FORMAT_OF_LAYOUT, layoutOfHeader } from './traceHeader.ts';

/**
 * The format of a trace file, from its first line: an Azure 2019 header (either layout), the
 * Azure 2021 header, a `timestamp_ms` header or a number (plain CSV). Throws `TraceFormatError`
 * for anything else.
 *
 * @example
 * ```ts
 * await detectTraceFormat('examples/traces/azure2019/100_inv.csv'); // 'azure2019'
 * ```
 */
export async function detectTraceFormat(file: string): Promise<TraceFormat> {
  let format: TraceFormat | null = null;
  await forEachCsvRow(file, (line, fields) => {
    const layout = layoutOfHeader(fields);
    if (layout === null) {
      throw new TraceFormatError(
        file,
        line,
        1,
        `unrecognised trace header "${fields.slice(0, 4).join(',').slice(0, 200)}": expected one of ${Object.values(TraceFormat).join(', ')} (see the trace formats)`,
      );
    }
    format = FORMAT_OF_LAYOUT[layout];
    return false;
  });
  if (format === null) throw new TraceFormatError(file, 1, 1, 'the file is empty');
  return format;
}
