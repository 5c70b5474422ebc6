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
