import { InvalidArgumentError } from 'commander';
import { parseIntegerFlag } from '../local/profiler/profileOptions.ts';

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
 * A commander parser for a number above 0.
 *
 * @example
 * ```ts
 * program.option('--slo-p99-ms <ms>', 'p99 target', positiveNumberFlag);
 * ```
 */
export function positiveNumberFlag(text: string): number {
  const value = /^\s*\d+(\.\d+)?\s*$/.test(text) ? Number(text) : Number.NaN;
  if (!(value > 0)) throw new InvalidArgumentError(`must be a number > 0, got '${text}'`);
  return value;
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
