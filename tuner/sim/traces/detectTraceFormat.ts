import { csvRows } from './csvRows.ts';
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
  for await (const { line, fields } of csvRows(file)) {
    const layout = layoutOfHeader(fields);
    if (layout === null) {
      throw new TraceFormatError(
        file,
        line,
        1,
        `unrecognised trace header "${fields.slice(0, 4).join(',')}": expected one of ${Object.values(TraceFormat).join(', ')} (see the trace formats)`,
      );
    }
    return FORMAT_OF_LAYOUT[layout];
  }
  throw new TraceFormatError(file, 1, 1, 'the file is empty');
}
