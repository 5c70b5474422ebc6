import { InvalidArgumentError } from 'commander';
import { LambdaLimits } from '../core/config/lambdaLimits.ts';
import { parseIntegerFlag } from '../local/profiler/profileOptions.ts';

/** The largest `--slo-p99-ms`: an invocation stops at 15 minutes (as in the config). */
export const SLO_P99_MAX_MS = LambdaLimits.INVOCATION_MAX_MS;

/**
 * A commander parser for a whole-number flag within bounds; its error names the flag.
 *
 * @example
 * ```ts
 * program.option('--cold <count>', 'cold starts', integerFlag('--cold', 1, 100));
 * ```
 */
export function integerFlag(
  flag: string,
  minimum: number,
  maximum: number,
): (text: string) => number {
  return (text) => {
    try {
      return parseIntegerFlag(flag, text, minimum, maximum);
    } catch (error) {
      throw new InvalidArgumentError((error as Error).message);
    }
  };
}

/**
 * A commander parser for a number above 0 and at most `maximum`, written in decimal (digits and
 * an optional fraction: no exponent, sign or hexadecimal, and no 400-digit number read as
 * Infinity).
 *
 * @example
 * ```ts
 * program.option('--slo-p99-ms <ms>', 'p99 target', positiveNumberFlag(900_000));
 * ```
 */
export function positiveNumberFlag(maximum: number): (text: string) => number {
  return (text) => {
    const value = /^\s*\d+(\.\d+)?\s*$/.test(text) ? Number(text) : Number.NaN;
    if (!(value > 0 && value <= maximum)) {
      throw new InvalidArgumentError(
        `must be a number > 0 and ≤ ${maximum} in decimal digits, got '${text}'`,
      );
    }
    return value;
  };
}

/**
 * A commander parser for a list of seeds: `1..5` (a range) or `1,4,9` (a list), each an integer
 * in 0..2³¹−1.
 *
 * @example
 * ```ts
 * seedListFlag('1..3'); // [1, 2, 3]
 * seedListFlag('7,2');  // [7, 2]
 * ```
 */
export function seedListFlag(text: string): number[] {
  const seed = integerFlag('--seeds', 0, 2 ** 31 - 1);
  const range = /^\s*(\d+)\s*\.\.\s*(\d+)\s*$/.exec(text);
  if (range !== null) {
    const from = seed(range[1] as string);
    const to = seed(range[2] as string);
    if (to < from) throw new InvalidArgumentError(`--seeds: the range ${text} is empty`);
    if (to - from >= 100) throw new InvalidArgumentError('--seeds: at most 100 seeds');
    return Array.from({ length: to - from + 1 }, (_, i) => from + i);
  }
  const seeds = text.split(',').map((part) => seed(part.trim()));
  if (new Set(seeds).size !== seeds.length) {
    throw new InvalidArgumentError(`--seeds: a seed is named twice in '${text}'`);
  }
  return seeds;
}
