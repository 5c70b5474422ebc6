import type { ArrivalTrace } from '../arrivalTrace.ts';
import { scanAzure2019 } from './azure2019Reader.ts';
import { scanAzure2021 } from './azure2021Reader.ts';
import { detectTraceFormat } from './detectTraceFormat.ts';
import { functionSelectorMatches, selectTraceFunction } from './functionSelector.ts';
import { scanPlainCsv } from './plainCsvReader.ts';
import type { KeepFunction } from './scannedFunction.ts';
import { TraceFormat } from './traceFormat.ts';
import type { TraceFunctionSummary } from './traceFunctionSummary.ts';

const MINUTE_MS = 60_000;

/** How to read a trace file. */
export interface ReadTraceOptions {
  /** The file's format; detected from its first line when omitted. */
  readonly format?: TraceFormat;
  /**
   * The function to read: its id or a unique prefix, or `appPrefix/functionPrefix`. Required when
   * the file holds more than one function; ignored for a plain CSV (one function per file).
   */
  readonly functionId?: string;
  /**
   * Epoch ms of the trace's time zero for the Azure formats, whose times are relative (minute 1
   * of the day; seconds since the trace start). Default 0. Plain CSV timestamps are absolute.
   */
  readonly startMs?: number;
}

/** One function's arrivals, read from a trace file. */
export interface LoadedTrace {
  readonly file: string;
  readonly format: TraceFormat;
  readonly function: TraceFunctionSummary;
  /**
   * Per-minute counts (Azure 2019) or timestamps with durations (Azure 2021, plain CSV). An
   * Azure 2021 trace's window spans the whole file, so every function of a file shares it.
   */
  readonly trace: ArrivalTrace;
}

/**
 * Reads one function's arrivals from a trace file (Azure 2019 per-minute in either layout, Azure
 * 2021 per-invocation, or plain CSV), streaming it. Throws `TraceFormatError` (file, line,
 * column) for a malformed row and `TraceFunctionSelectionError` (with the candidates) when
 * `functionId` matches no function or several.
 *
 * @example
 * ```ts
 * const { trace, function: fn } = await readTrace('examples/traces/azure2019/100_inv.csv', {
 *   functionId: 'e80f0c',
 * });
 * simulateFleet({ trace, serviceModel, config });
 * ```
 */
export async function readTrace(
  file: string,
  options: ReadTraceOptions = {},
): Promise<LoadedTrace> {
  const format = options.format ?? (await detectTraceFormat(file));
  const startMs = options.startMs ?? 0;
  const selector = options.functionId;
  // Without a selector only the first function is kept: a second one makes the choice ambiguous.
  const keep: KeepFunction = (id, app, position) =>
    selector === undefined || selector === ''
      ? position === 0
      : functionSelectorMatches(selector, id, app);

  if (format === TraceFormat.AZURE_2019) {
    const scan = await scanAzure2019(file, keep);
    const chosen = scan.functions[selectTraceFunction(file, summaries(scan.functions), selector)];
    return {
      file,
      format,
      function: chosen?.summary as TraceFunctionSummary,
      trace: { kind: 'perMinute', startMs, counts: chosen?.data as Uint32Array },
    };
  }
  if (format === TraceFormat.AZURE_2021) {
    const scan = await scanAzure2021(file, keep);
    const chosen = scan.functions[selectTraceFunction(file, summaries(scan.functions), selector)];
    const series = chosen?.data;
    if (chosen === undefined || series === null || series === undefined) {
      throw new Error(`internal: the selected function of ${file} was not kept`);
    }
    const lastArrivalMs = scan.lastArrivalSec * 1000;
    return {
      file,
      format,
      function: chosen.summary,
      trace: {
        kind: 'timestamps',
        timestampsMs: series.arrivalsSec.map((s) => startMs + s * 1000),
        // The trace gives durations to the millisecond: drop the float noise of × 1000.
        durationsMs: series.durationsSec.map((s) => Math.round(s * 1e6) / 1e3),
        startMs,
        endMs: startMs + (Math.floor(lastArrivalMs / MINUTE_MS) + 1) * MINUTE_MS,
      },
    };
  }
  const scan = await scanPlainCsv(file);
  return {
    file,
    format,
    function: scan.summary,
    trace: {
      kind: 'timestamps',
      timestampsMs: scan.timestampsMs,
      ...(scan.durationsMs !== null ? { durationsMs: scan.durationsMs } : {}),
    },
  };
}

/**
 * The functions of a trace file with their total invocations, the busiest first. Throws
 * `TraceFormatError` for a malformed row.
 *
 * @example
 * ```ts
 * const [busiest] = await listTraceFunctions('examples/traces/azure2019/100_inv.csv');
 * busiest?.id; // 'e80f0c2ac8…', 195,064 invocations
 * ```
 */
export async function listTraceFunctions(
  file: string,
  options: Pick<ReadTraceOptions, 'format'> = {},
): Promise<TraceFunctionSummary[]> {
  const format = options.format ?? (await detectTraceFormat(file));
  const keepNone: KeepFunction = () => false;
  let functions: TraceFunctionSummary[];
  if (format === TraceFormat.AZURE_2019) {
    functions = summaries((await scanAzure2019(file, keepNone)).functions);
  } else if (format === TraceFormat.AZURE_2021) {
    functions = summaries((await scanAzure2021(file, keepNone)).functions);
  } else {
    functions = [(await scanPlainCsv(file)).summary];
  }
  return functions.sort((a, b) => b.invocations - a.invocations);
}

function summaries(functions: readonly { readonly summary: TraceFunctionSummary }[]) {
  return functions.map((f) => f.summary);
}
