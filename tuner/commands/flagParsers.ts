import { InvalidArgumentError } from 'commander';
import { LambdaLimits, REGION_PATTERN } from '../core/config/lambdaLimits.ts';

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
    const value = /^\s*-?\d+\s*$/.test(text) ? Number(text) : Number.NaN;
    if (!Number.isSafeInteger(value) || value < minimum || value > maximum) {
      throw new InvalidArgumentError(
        `${flag}: must be an integer in ${minimum}..${maximum}, got '${text}'`,
      );
    }
    return value;
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

/**
 * A commander parser for an AWS Region code.
 *
 * @example
 * ```ts
 * program.option('--region <region>', 'AWS Region', regionFlag);
 * ```
 */
export function regionFlag(text: string): string {
  if (!REGION_PATTERN.test(text))
    throw new InvalidArgumentError(`'${text}' is not an AWS Region code (e.g. eu-west-1)`);
  return text;
}

/**
 * A commander parser for an http(s) endpoint URL (an emulator such as moto_server).
 *
 * @example
 * ```ts
 * program.option('--endpoint <url>', 'one endpoint for every AWS service', endpointFlag);
 * ```
 */
export function endpointFlag(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InvalidArgumentError(`'${text}' is not a URL (e.g. http://127.0.0.1:5000)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new InvalidArgumentError(`'${text}' is not an http(s) URL`);
  return text;
}

const DURATION_UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/**
 * A commander parser for a duration such as `90m`, `24h` or `7d`, in milliseconds.
 *
 * @example
 * ```ts
 * program.option('--since <duration>', 'how far back', durationFlag); // '24h' → 86_400_000
 * ```
 */
export function durationFlag(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([mhd])\s*$/.exec(text);
  const amount = match === null ? Number.NaN : Number(match[1]);
  if (match === null || !(amount > 0))
    throw new InvalidArgumentError(
      `'${text}' is not a duration: a number > 0 and a unit m, h or d (e.g. 24h, 90m, 7d)`,
    );
  return amount * DURATION_UNIT_MS[match[2] as keyof typeof DURATION_UNIT_MS];
}
