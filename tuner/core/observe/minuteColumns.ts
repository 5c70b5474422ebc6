/**
 * Per-minute values kept column by column over contiguous minutes: the tuner's own copy of what
 * it read from CloudWatch (docs/decisions/0055-incremental-observation.md). Pure and immutable:
 * every operation returns a new value.
 */
import type { ObservedField } from './observedFields.ts';

const MINUTE_MS = 60_000;

/** Contiguous minutes from `startMs`; each column holds one value per minute, null when unknown. */
export interface MinuteColumns {
  readonly startMs: number;
  readonly length: number;
  readonly columns: Readonly<Partial<Record<ObservedField, readonly (number | null)[]>>>;
}

/** One minute's values, as written into the columns. */
export type MinuteValues = Readonly<Partial<Record<ObservedField, number | null>>>;

/**
 * No minutes yet.
 *
 * @example
 * ```ts
 * emptyMinuteColumns().length; // 0
 * ```
 */
export function emptyMinuteColumns(): MinuteColumns {
  return { startMs: 0, length: 0, columns: {} };
}

/**
 * Writes `fields` of each minute into the columns: a minute read again overwrites what was
 * there (CloudWatch fills late datapoints in), a minute after the last one extends the columns
 * (the minutes between read as unknown), a minute before the first one is prepended likewise.
 * Fields not in `fields` keep their values.
 *
 * @example
 * ```ts
 * const next = writeMinutes(emptyMinuteColumns(), [{ startMs: 60_000, values: { invocations: 3 } }], ['invocations']);
 * next.columns.invocations; // [3]
 * ```
 */
export function writeMinutes(
  history: MinuteColumns,
  minutes: readonly { readonly startMs: number; readonly values: MinuteValues }[],
  fields: readonly ObservedField[],
): MinuteColumns {
  if (minutes.length === 0) return history;
  const starts = minutes.map((m) => m.startMs);
  for (const start of starts)
    if (!Number.isInteger(start / MINUTE_MS))
      throw new RangeError(`minute start ${start} is not on a whole minute`);
  const empty = history.length === 0;
  const startMs = empty ? Math.min(...starts) : Math.min(history.startMs, ...starts);
  const endMs = Math.max(
    empty ? Number.NEGATIVE_INFINITY : history.startMs + history.length * MINUTE_MS,
    ...starts.map((s) => s + MINUTE_MS),
  );
  const length = (endMs - startMs) / MINUTE_MS;
  const offset = empty ? 0 : (history.startMs - startMs) / MINUTE_MS;
  const columns: Partial<Record<ObservedField, (number | null)[]>> = {};
  const known = new Set<ObservedField>([
    ...(Object.keys(history.columns) as ObservedField[]),
    ...fields,
  ]);
  for (const field of known) {
    const column = new Array<number | null>(length).fill(null);
    history.columns[field]?.forEach((value, i) => {
      column[i + offset] = value;
    });
    columns[field] = column;
  }
  for (const minute of minutes) {
    const i = (minute.startMs - startMs) / MINUTE_MS;
    for (const field of fields)
      (columns[field] as (number | null)[])[i] = minute.values[field] ?? null;
  }
  return { startMs, length, columns };
}

/**
 * Drops the minutes before `fromMs` (the bound on what is kept).
 *
 * @example
 * ```ts
 * keepFrom(history, nowMs - 180 * 60_000).startMs >= nowMs - 180 * 60_000; // true
 * ```
 */
export function keepFrom(history: MinuteColumns, fromMs: number): MinuteColumns {
  const drop = Math.ceil((fromMs - history.startMs) / MINUTE_MS);
  if (drop <= 0) return history;
  if (drop >= history.length) return emptyMinuteColumns();
  const columns: Partial<Record<ObservedField, readonly (number | null)[]>> = {};
  for (const [field, column] of Object.entries(history.columns))
    columns[field as ObservedField] = column.slice(drop);
  return { startMs: history.startMs + drop * MINUTE_MS, length: history.length - drop, columns };
}

/**
 * One minute's value of a field; undefined outside the columns or for a field never written.
 *
 * @example
 * ```ts
 * valueAt(history, 'invocations', Date.parse('2026-11-27T12:00:00Z')); // 42, null, or undefined
 * ```
 */
export function valueAt(
  history: MinuteColumns,
  field: ObservedField,
  startMs: number,
): number | null | undefined {
  const i = (startMs - history.startMs) / MINUTE_MS;
  if (!Number.isInteger(i) || i < 0 || i >= history.length) return undefined;
  return history.columns[field]?.[i];
}
