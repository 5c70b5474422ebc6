import { TraceFormatError } from './traceFormatError.ts';

/** Where a field sits, for error messages. */
export interface FieldPosition {
  readonly file: string;
  readonly line: number;
  /** 0-based field index (reported 1-based). */
  readonly index: number;
  /** The column's name, from the header when there is one. */
  readonly name: string;
}

/**
 * A finite number ≥ 0 from a CSV field; throws `TraceFormatError` at the field otherwise.
 *
 * @example
 * ```ts
 * parseNonNegative('12.5', { file: 'a.csv', line: 3, index: 1, name: 'duration_ms' }); // 12.5
 * ```
 */
export function parseNonNegative(text: string | undefined, at: FieldPosition): number {
  const value = text === undefined || text.trim() === '' ? Number.NaN : Number(text);
  if (!Number.isFinite(value)) {
    throw new TraceFormatError(
      at.file,
      at.line,
      at.index + 1,
      `${at.name}: expected a number, got "${text ?? ''}"`,
    );
  }
  if (value < 0) {
    throw new TraceFormatError(
      at.file,
      at.line,
      at.index + 1,
      `${at.name}: must be ≥ 0, got ${text}`,
    );
  }
  return value;
}

/**
 * A whole number ≥ 0 from a CSV field; throws `TraceFormatError` at the field otherwise.
 *
 * @example
 * ```ts
 * parseCount('42', { file: 'inv.csv', line: 2, index: 3, name: 'minute_1' }); // 42
 * ```
 */
export function parseCount(text: string | undefined, at: FieldPosition): number {
  const value = parseNonNegative(text, at);
  if (!Number.isInteger(value)) {
    throw new TraceFormatError(
      at.file,
      at.line,
      at.index + 1,
      `${at.name}: expected a whole number of invocations, got "${text}"`,
    );
  }
  return value;
}

/**
 * Throws `TraceFormatError` unless the row has exactly `expected` fields, pointing at the first
 * missing or extra column.
 *
 * @example
 * ```ts
 * checkColumnCount('a.csv', 4, ['1', '2'], 3); // throws a.csv:4:3: expected 3 columns, got 2
 * ```
 */
export function checkColumnCount(
  file: string,
  line: number,
  fields: readonly string[],
  expected: number,
): void {
  if (fields.length !== expected) {
    throw new TraceFormatError(
      file,
      line,
      Math.min(fields.length, expected) + 1,
      `expected ${expected} columns, got ${fields.length}`,
    );
  }
}
