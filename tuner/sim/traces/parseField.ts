import { TraceFormatError } from './traceFormatError.ts';
import { TraceLimits } from './traceLimits.ts';

/** Where a field sits, for error messages. */
export interface FieldPosition {
  readonly file: string;
  readonly line: number;
  /** 0-based field index (reported 1-based). */
  readonly index: number;
  /** The column's name, from the header when there is one. */
  readonly name: string;
}

/** What a decimal field may hold. */
export interface DecimalField {
  /** The largest value accepted. */
  readonly max: number;
  /** Says what `max` is in the error, e.g. "the 1-day limit of a duration". */
  readonly maxMeaning: string;
  /**
   * Whether an exponent is part of the format (`5.2e-05`: how the Azure 2021 trace writes its
   * smallest times); otherwise only digits with an optional fraction.
   */
  readonly exponent?: boolean;
}

const DIGITS = /^\d+$/;
const DECIMAL = /^\d+(?:\.\d+)?$/;
const DECIMAL_WITH_EXPONENT = /^\d+(?:\.\d+)?(?:[eE][-+]?\d+)?$/;

/**
 * A decimal number from a CSV field, ≥ 0 and at most `field.max`, in the plain notation of the
 * trace formats (digits, an optional fraction, an exponent only where `field.exponent` says):
 * hexadecimal, `Infinity`, a sign or a bare `.5` are errors, not numbers read another way.
 * Throws `TraceFormatError` at the field otherwise.
 *
 * @example
 * ```ts
 * const at = { file: 'a.csv', line: 3, index: 1, name: 'duration_ms' };
 * parseDecimal('12.5', at, { max: 86_400_000, maxMeaning: 'a day' }); // 12.5
 * parseDecimal('0x10', at, { max: 86_400_000, maxMeaning: 'a day' });
 * // throws a.csv:3:2: duration_ms: expected a number written in decimal digits and an optional fraction, got "0x10"
 * ```
 */
export function parseDecimal(
  text: string | undefined,
  at: FieldPosition,
  field: DecimalField,
): number {
  const trimmed = (text ?? '').trim();
  const grammar = field.exponent === true ? DECIMAL_WITH_EXPONENT : DECIMAL;
  if (!grammar.test(trimmed)) throw notationError(trimmed, at, grammar, 'a number');
  const value = Number(trimmed);
  if (!(value <= field.max)) throw fieldError(at, `${trimmed} is above ${field.maxMeaning}`);
  return value;
}

/** Why a field is not in the expected notation: not a number, negative, or another notation. */
function notationError(
  trimmed: string,
  at: FieldPosition,
  grammar: RegExp,
  expected: string,
): TraceFormatError {
  if (trimmed.startsWith('-') && grammar.test(trimmed.slice(1))) {
    return fieldError(at, `must be ≥ 0, got ${trimmed}`);
  }
  const shown = `"${trimmed.length > 40 ? `${trimmed.slice(0, 40)}…` : trimmed}"`;
  if (trimmed === '' || Number.isNaN(Number(trimmed))) {
    return fieldError(at, `expected ${expected}, got ${shown}`);
  }
  const notation =
    grammar === DECIMAL_WITH_EXPONENT
      ? 'decimal digits, an optional fraction and exponent'
      : grammar === DECIMAL
        ? 'decimal digits and an optional fraction'
        : 'decimal digits';
  return fieldError(at, `expected ${expected} written in ${notation}, got ${shown}`);
}

/**
 * The invocation count of a CSV field, or -1 unless it is plain decimal digits worth at most
 * `TraceLimits.MAX_INVOCATIONS`: the readers' fast path, one pass over the characters and no
 * allocation; {@link parseCount} then builds the error.
 *
 * @example
 * ```ts
 * countOrMinusOne('42'); // 42
 * countOrMinusOne('4294967296'); // -1 (above the limit)
 * ```
 */
export function countOrMinusOne(text: string): number {
  const length = text.length;
  // 9 digits hold every count up to the limit; more cannot be within it.
  if (length === 0 || length > 9) return -1;
  let value = 0;
  for (let i = 0; i < length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value <= TraceLimits.MAX_INVOCATIONS ? value : -1;
}

/**
 * A count of invocations from a CSV field: decimal digits, at most
 * `TraceLimits.MAX_INVOCATIONS`; throws `TraceFormatError` at the field otherwise.
 *
 * @example
 * ```ts
 * parseCount('42', { file: 'inv.csv', line: 2, index: 3, name: 'minute_1' }); // 42
 * parseCount('1e3', { file: 'inv.csv', line: 2, index: 3, name: 'minute_1' });
 * // throws inv.csv:2:4: minute_1: expected a whole number of invocations written in decimal digits, got "1e3"
 * ```
 */
export function parseCount(text: string | undefined, at: FieldPosition): number {
  const trimmed = (text ?? '').trim();
  if (!DIGITS.test(trimmed)) {
    if (DECIMAL_WITH_EXPONENT.test(trimmed) && Number.isInteger(Number(trimmed))) {
      throw notationError(trimmed, at, DIGITS, 'a whole number of invocations');
    }
    if (DECIMAL.test(trimmed)) {
      throw fieldError(at, `expected a whole number of invocations, got "${trimmed}"`);
    }
    throw notationError(trimmed, at, DIGITS, 'a number');
  }
  const value = countOrMinusOne(trimmed.replace(/^0+(?=\d)/, ''));
  if (value < 0) throw fieldError(at, `${trimmed} ${aboveInvocationLimit()}`);
  return value;
}

/**
 * The end of the message for a number of invocations above the limit of one function.
 *
 * @example
 * ```ts
 * `${count} ${aboveInvocationLimit()}`; // '200000000 invocations are more than one function of a trace may hold (100,000,000)'
 * ```
 */
export function aboveInvocationLimit(): string {
  return `invocations are more than one function of a trace may hold (${TraceLimits.MAX_INVOCATIONS.toLocaleString('en-US')})`;
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

/**
 * A `TraceFormatError` at a field, its message prefixed with the column's name.
 *
 * @example
 * ```ts
 * throw fieldError({ file: 'a.csv', line: 2, index: 0, name: 'timestamp_ms' }, 'must be sorted');
 * ```
 */
export function fieldError(at: FieldPosition, message: string): TraceFormatError {
  return new TraceFormatError(at.file, at.line, at.index + 1, `${at.name}: ${message}`);
}
