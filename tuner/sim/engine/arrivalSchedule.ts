import { type ArrivalTrace, ArrivalTraceKind } from '../arrivalTrace.ts';
import { SimulationInputError } from '../simulationInputError.ts';

const MINUTE_MS = 60_000;

/**
 * A validated trace in the engine's terms: times relative to `startMs`, one entry per minute of
 * the window, and for timestamp traces the index of each minute's first arrival.
 */
export interface ArrivalSchedule {
  /** Epoch ms of the window's start. */
  readonly startMs: number;
  /** Minutes in the window. */
  readonly minutes: number;
  /** Arrivals in the whole trace. */
  readonly total: number;
  /** Per-minute counts (per-minute traces), else null. */
  readonly counts: Uint32Array | null;
  /** Arrival times relative to `startMs` (timestamp traces), else null. */
  readonly times: Float64Array | null;
  /** `times` index of each minute's first arrival, `minutes + 1` entries (timestamp traces). */
  readonly minuteFirst: Uint32Array | null;
  /** Per-arrival service times to use instead of the model's, or null. */
  readonly durations: Float64Array | null;
}

/**
 * Validates a trace and lays it out for the engine; throws `SimulationInputError` naming the
 * offending field and index.
 *
 * @example
 * ```ts
 * arrivalSchedule({ kind: 'perMinute', startMs: 0, counts: [2, 3] }, false).total; // 5
 * ```
 */
export function arrivalSchedule(trace: ArrivalTrace, useTraceDurations: boolean): ArrivalSchedule {
  if (trace === null || typeof trace !== 'object') {
    throw new SimulationInputError('trace', 'is required');
  }
  if (trace.kind === ArrivalTraceKind.PER_MINUTE)
    return perMinuteSchedule(trace.startMs, trace.counts);
  if (trace.kind === ArrivalTraceKind.TIMESTAMPS)
    return timestampSchedule(trace, useTraceDurations);
  throw new SimulationInputError(
    'trace.kind',
    `must be "${ArrivalTraceKind.PER_MINUTE}" or "${ArrivalTraceKind.TIMESTAMPS}", got ${String((trace as { kind: unknown }).kind)}`,
  );
}

function perMinuteSchedule(startMs: number, counts: ArrayLike<number>): ArrivalSchedule {
  checkEpoch('trace.startMs', startMs);
  if (counts === undefined || counts.length === 0) {
    throw new SimulationInputError('trace.counts', 'must hold at least one minute');
  }
  const out = new Uint32Array(counts.length);
  let total = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i] as number;
    if (!Number.isInteger(c) || c < 0 || c > 0xffffffff) {
      throw new SimulationInputError(`trace.counts[${i}]`, `must be an integer ≥ 0, got ${c}`);
    }
    out[i] = c;
    total += c;
  }
  return {
    startMs,
    minutes: counts.length,
    total,
    counts: out,
    times: null,
    minuteFirst: null,
    durations: null,
  };
}

function timestampSchedule(
  trace: Extract<ArrivalTrace, { kind: 'timestamps' }>,
  useTraceDurations: boolean,
): ArrivalSchedule {
  const ts = trace.timestampsMs;
  if (ts === undefined || ts === null) {
    throw new SimulationInputError('trace.timestampsMs', 'is required');
  }
  const n = ts.length;
  if (n === 0 && (trace.startMs === undefined || trace.endMs === undefined)) {
    throw new SimulationInputError(
      'trace.timestampsMs',
      'is empty: give startMs and endMs to simulate an empty window',
    );
  }
  let previous = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const t = ts[i] as number;
    if (!Number.isFinite(t)) {
      throw new SimulationInputError(`trace.timestampsMs[${i}]`, `must be finite, got ${t}`);
    }
    if (t < previous) {
      throw new SimulationInputError(
        `trace.timestampsMs[${i}]`,
        `timestamps must be sorted ascending: ${t} comes after ${previous}`,
      );
    }
    previous = t;
  }
  const first = n > 0 ? (ts[0] as number) : 0;
  const last = n > 0 ? (ts[n - 1] as number) : 0;
  const startMs = trace.startMs ?? Math.floor(first / MINUTE_MS) * MINUTE_MS;
  checkEpoch('trace.startMs', startMs);
  if (n > 0 && first < startMs) {
    throw new SimulationInputError(
      'trace.startMs',
      `must not be after the first arrival (${first}), got ${startMs}`,
    );
  }
  const endMs = trace.endMs ?? startMs + (Math.floor((last - startMs) / MINUTE_MS) + 1) * MINUTE_MS;
  if (!Number.isFinite(endMs) || endMs <= startMs || (n > 0 && last >= endMs)) {
    throw new SimulationInputError(
      'trace.endMs',
      `must be after startMs (${startMs}) and after the last arrival (${last}), got ${endMs}`,
    );
  }
  const minutes = Math.ceil((endMs - startMs) / MINUTE_MS);
  const times = new Float64Array(n);
  const minuteFirst = new Uint32Array(minutes + 1);
  let minute = 0;
  for (let i = 0; i < n; i++) {
    const rel = (ts[i] as number) - startMs;
    times[i] = rel;
    while (rel >= (minute + 1) * MINUTE_MS) minuteFirst[++minute] = i;
  }
  while (minute < minutes) minuteFirst[++minute] = n;
  return {
    startMs,
    minutes,
    total: n,
    counts: null,
    times,
    minuteFirst,
    durations: useTraceDurations ? traceDurations(trace.durationsMs, n) : null,
  };
}

function traceDurations(durations: ArrayLike<number> | undefined, n: number): Float64Array {
  if (durations === undefined) {
    throw new SimulationInputError(
      'trace.durationsMs',
      'is required with useTraceDurations (this trace has no durations)',
    );
  }
  if (durations.length !== n) {
    throw new SimulationInputError(
      'trace.durationsMs',
      `must hold one duration per timestamp (${n}), got ${durations.length}`,
    );
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const d = durations[i] as number;
    if (!Number.isFinite(d) || d < 0) {
      throw new SimulationInputError(`trace.durationsMs[${i}]`, `must be finite and ≥ 0, got ${d}`);
    }
    out[i] = d;
  }
  return out;
}

function checkEpoch(field: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new SimulationInputError(field, `must be a finite epoch time in ms, got ${value}`);
  }
}

/**
 * How many minutes a trace's simulated window spans (the same window the simulator replays);
 * throws `SimulationInputError` for an invalid trace.
 *
 * @example
 * ```ts
 * traceMinutes({ kind: 'perMinute', startMs: 0, counts: new Array(1440).fill(1) }); // 1440
 * ```
 */
export function traceMinutes(trace: ArrivalTrace): number {
  return arrivalSchedule(trace, false).minutes;
}
