import { forEachCsvRow } from './csvRows.ts';
import {
  aboveInvocationLimit,
  checkColumnCount,
  type DecimalField,
  fieldError,
  parseDecimal,
} from './parseField.ts';
import type { KeepFunction, ScannedFunction } from './scannedFunction.ts';
import { TraceFormatError } from './traceFormatError.ts';
import { LAYOUT_HEADERS, layoutOfHeader, TraceLayout } from './traceHeader.ts';
import { TraceLimits } from './traceLimits.ts';

/** One function's invocations, sorted by arrival. */
export interface InvocationSeries {
  /** Arrival times, seconds since the trace start (end_timestamp − duration, at least 0). */
  readonly arrivalsSec: Float64Array;
  /** Durations, seconds, in the same order. */
  readonly durationsSec: Float64Array;
}

/** The functions of an Azure 2021 file; `data` holds the invocations of kept functions. */
export interface Azure2021Scan {
  readonly functions: readonly ScannedFunction<InvocationSeries>[];
  /** The latest arrival in the whole file, seconds (0 when empty). */
  readonly lastArrivalSec: number;
}

interface Group {
  readonly app: string;
  readonly id: string;
  invocations: number;
  readonly arrivals: number[] | null;
  readonly durations: number[] | null;
}

const COLUMN_NAMES = LAYOUT_HEADERS[TraceLayout.AZURE_2021];

/** Seconds since the trace start: within the longest span a trace may cover. */
const END_TIMESTAMP: DecimalField = {
  max: TraceLimits.MAX_SPAN_MINUTES * 60,
  maxMeaning: `${TraceLimits.MAX_SPAN_MINUTES * 60} s, the longest span a trace may cover (31 days)`,
  exponent: true,
};

const DURATION: DecimalField = {
  max: TraceLimits.MAX_DURATION_SEC,
  maxMeaning: `${TraceLimits.MAX_DURATION_SEC} s, the longest duration a trace may give (a day)`,
  exponent: true,
};

/**
 * Streams an Azure Functions 2021 per-invocation file (`app,func,end_timestamp,duration`, both
 * in seconds; rows in any order), grouping by (app, func) and keeping the invocations of the
 * functions `keep` accepts. An arrival is `end_timestamp − duration`, clamped at the trace start.
 * Times are decimal seconds (an exponent allowed, as the trace writes its smallest ones), within
 * the bounds of `TraceLimits`. Throws `TraceFormatError` at the first malformed field.
 *
 * @example
 * ```ts
 * const scan = await scanAzure2021('Azure2021_200.csv', () => true);
 * scan.functions[0]?.data?.arrivalsSec; // sorted arrival times, seconds
 * ```
 */
export async function scanAzure2021(file: string, keep: KeepFunction): Promise<Azure2021Scan> {
  const groups = new Map<string, Group>();
  let sawHeader = false;
  let lastArrivalSec = 0;
  await forEachCsvRow(file, (line, fields) => {
    if (!sawHeader) {
      if (layoutOfHeader(fields) !== TraceLayout.AZURE_2021) {
        throw new TraceFormatError(
          file,
          line,
          1,
          'expected the Azure 2021 header app,func,end_timestamp,duration',
        );
      }
      checkColumnCount(file, line, fields, COLUMN_NAMES.length);
      sawHeader = true;
      return true;
    }
    checkColumnCount(file, line, fields, COLUMN_NAMES.length);
    const app = (fields[0] ?? '').trim();
    const id = (fields[1] ?? '').trim();
    if (app === '') throw new TraceFormatError(file, line, 1, 'app: must not be empty');
    if (id === '') throw new TraceFormatError(file, line, 2, 'func: must not be empty');
    const end = parseDecimal(
      fields[2],
      { file, line, index: 2, name: 'end_timestamp' },
      END_TIMESTAMP,
    );
    const duration = parseDecimal(fields[3], { file, line, index: 3, name: 'duration' }, DURATION);
    const arrival = Math.max(0, end - duration);
    if (arrival > lastArrivalSec) lastArrivalSec = arrival;
    const key = `${app}\u0000${id}`;
    let group = groups.get(key);
    if (group === undefined) {
      const kept = keep(id, app, groups.size);
      group = {
        app,
        id,
        invocations: 0,
        arrivals: kept ? [] : null,
        durations: kept ? [] : null,
      };
      groups.set(key, group);
    }
    group.invocations++;
    if (group.invocations > TraceLimits.MAX_INVOCATIONS) {
      throw fieldError(
        { file, line, index: 1, name: 'func' },
        `${app}/${id} reaches ${group.invocations} ${aboveInvocationLimit()}`,
      );
    }
    group.arrivals?.push(arrival);
    group.durations?.push(duration);
    return true;
  });
  if (!sawHeader) throw new TraceFormatError(file, 1, 1, 'the file is empty');
  const functions = [...groups.values()].map((g) => ({
    summary: { id: g.id, app: g.app, owner: null, trigger: null, invocations: g.invocations },
    data:
      g.arrivals !== null && g.durations !== null ? sortedSeries(g.arrivals, g.durations) : null,
  }));
  return { functions, lastArrivalSec };
}

function sortedSeries(arrivals: readonly number[], durations: readonly number[]): InvocationSeries {
  const order = Array.from(arrivals.keys()).sort(
    (a, b) => (arrivals[a] as number) - (arrivals[b] as number),
  );
  return {
    arrivalsSec: Float64Array.from(order, (i) => arrivals[i] as number),
    durationsSec: Float64Array.from(order, (i) => durations[i] as number),
  };
}
