/**
 * What the tuner keeps of one target's minutes between cycles, so that each cycle asks CloudWatch
 * only for what it has not seen (docs/decisions/0055-incremental-observation.md), and its text
 * form inside the tuner's memory. The format has its own version: a history of an unknown format,
 * or one that does not decode, is discarded (its minutes are read again), never half-used.
 */
import { z } from 'zod';
import { emptyMinuteColumns, type MinuteColumns } from './minuteColumns.ts';
import { ALL_OBSERVED_FIELDS, type ObservedField } from './observedFields.ts';

/** "Not yet" for the times of a history (a number JSON keeps; simulations start at 0). */
export const NEVER_MS = Number.MIN_SAFE_INTEGER;

/** The format this tuner writes. */
export const OBSERVATION_HISTORY_FORMAT = 1;

/** One target's kept minutes and how far each kind of field is known. */
export interface ObservationHistory {
  readonly format: typeof OBSERVATION_HISTORY_FORMAT;
  /** Every field of the recent minutes (the planner's recent window). */
  readonly recent: MinuteColumns;
  /** Demand (invocations, throttles) of the last day and a bit: the same hour yesterday. */
  readonly demand: MinuteColumns;
  /** The fast fields (and demand) are known up to here (exclusive), epoch ms. */
  readonly fastEndMs: number;
  /** The slow fields are known up to here (exclusive), epoch ms. */
  readonly slowEndMs: number;
  /** When the slow fields were last read (cycle time), epoch ms. */
  readonly slowReadAtMs: number;
  /** Where the end-to-end latency of the last read with latency data came from. */
  readonly latencySource: 'sdk' | 'aws-lambda-duration';
  /** Whether the last state read found provisioned concurrency requested (no PC: may be idle). */
  readonly provisioned: boolean;
}

/**
 * A history with nothing in it: the first cycle reads every window in full.
 *
 * @example
 * ```ts
 * emptyObservationHistory().fastEndMs === NEVER_MS; // true
 * ```
 */
export function emptyObservationHistory(): ObservationHistory {
  return {
    format: OBSERVATION_HISTORY_FORMAT,
    recent: emptyMinuteColumns(),
    demand: emptyMinuteColumns(),
    fastEndMs: NEVER_MS,
    slowEndMs: NEVER_MS,
    slowReadAtMs: NEVER_MS,
    latencySource: 'sdk',
    provisioned: false,
  };
}

/** The stored form: each column one comma-separated string (empty for null), so it stays small. */
interface EncodedColumns {
  readonly startMs: number;
  readonly length: number;
  readonly columns: Readonly<Partial<Record<ObservedField, string>>>;
}

/** The stored form of a history. */
export type EncodedObservationHistory = Omit<ObservationHistory, 'recent' | 'demand'> & {
  readonly recent: EncodedColumns;
  readonly demand: EncodedColumns;
};

/**
 * The stored form of a history (JSON-ready).
 *
 * @example
 * ```ts
 * JSON.stringify(encodeObservationHistory(history));
 * ```
 */
export function encodeObservationHistory(history: ObservationHistory): EncodedObservationHistory {
  return {
    ...history,
    recent: encodeColumns(history.recent),
    demand: encodeColumns(history.demand),
  };
}

function encodeColumns(columns: MinuteColumns): EncodedColumns {
  const encoded: Partial<Record<ObservedField, string>> = {};
  for (const [field, column] of Object.entries(columns.columns))
    encoded[field as ObservedField] = column.map((v) => (v === null ? '' : String(v))).join(',');
  return { startMs: columns.startMs, length: columns.length, columns: encoded };
}

const MINUTE_MS = 60_000;
/** At most this many minutes per kept range: a day and a half (a stored history is bounded). */
const MAX_MINUTES = 36 * 60;

const encodedColumns = z.object({
  startMs: z.number().int().multipleOf(MINUTE_MS),
  length: z.number().int().min(0).max(MAX_MINUTES),
  columns: z.partialRecord(z.enum(ALL_OBSERVED_FIELDS), z.string().max(MAX_MINUTES * 25)),
});

const encodedHistory = z.object({
  format: z.literal(OBSERVATION_HISTORY_FORMAT),
  recent: encodedColumns,
  demand: encodedColumns,
  fastEndMs: z.number(),
  slowEndMs: z.number(),
  slowReadAtMs: z.number(),
  latencySource: z.enum(['sdk', 'aws-lambda-duration']),
  provisioned: z.boolean(),
});

/**
 * Reads a stored history; a reason instead when it is of another format or does not decode.
 *
 * @example
 * ```ts
 * const decoded = decodeObservationHistory(JSON.parse(text));
 * if (typeof decoded === 'string') console.log(`discarded: ${decoded}`);
 * ```
 */
export function decodeObservationHistory(value: unknown): ObservationHistory | string {
  const format = (value as { format?: unknown } | null)?.format;
  if (format !== OBSERVATION_HISTORY_FORMAT)
    return `unknown history format ${JSON.stringify(format) ?? 'none'}`;
  const parsed = encodedHistory.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`;
  }
  const recent = decodeColumns(parsed.data.recent);
  if (typeof recent === 'string') return `recent.${recent}`;
  const demand = decodeColumns(parsed.data.demand);
  if (typeof demand === 'string') return `demand.${demand}`;
  return { ...parsed.data, recent, demand };
}

function decodeColumns(encoded: z.output<typeof encodedColumns>): MinuteColumns | string {
  const columns: Partial<Record<ObservedField, (number | null)[]>> = {};
  for (const [field, text] of Object.entries(encoded.columns)) {
    const parts = encoded.length === 0 && text === '' ? [] : text.split(',');
    if (parts.length !== encoded.length)
      return `columns.${field}: ${parts.length} values for ${encoded.length} minutes`;
    const values: (number | null)[] = [];
    for (const part of parts) {
      if (part === '') {
        values.push(null);
        continue;
      }
      const n = Number(part);
      if (!Number.isFinite(n)) return `columns.${field}: ${JSON.stringify(part)} is not a number`;
      values.push(n);
    }
    columns[field as ObservedField] = values;
  }
  return { startMs: encoded.startMs, length: encoded.length, columns };
}
