import { availableParallelism } from 'node:os';
import { MAX_MEMORY_MB, MIN_MEMORY_MB } from '../../sim/index.ts';
import { memoryMbForThreads } from './memoryRule.ts';

/** What to profile and how much; everything but `example` has a default. */
export interface ProfileExampleOptions {
  /** Example name, e.g. `ocr-detector`. */
  readonly example: string;
  /** Cold starts to measure, each in a fresh process. Default 3. */
  readonly cold?: number;
  /** Warm invocations to measure, in one process. Default 30. */
  readonly warm?: number;
  /** Invocations of the warm process discarded before measuring (JIT, allocator). Default 3. */
  readonly warmup?: number;
  /** onnxruntime intra-op threads of the model run. Default 1. */
  readonly threads?: number;
  /** The memory size the profile stands for. Default: threads × 1,769 MB (see `memoryRule.ts`). */
  readonly memoryMb?: number;
  /** A progress bar on stderr. Default: when stderr is a terminal. */
  readonly progress?: boolean;
  /** Longest a child process may run, ms. Default 120,000. */
  readonly timeoutMs?: number;
}

/** Options after defaults and validation. */
export type ResolvedProfileOptions = Required<ProfileExampleOptions>;

/** Defaults small enough that `npm start` profiles in seconds on a 2-core machine. */
export const defaultProfileOptions = {
  cold: 3,
  warm: 30,
  warmup: 3,
  threads: 1,
  timeoutMs: 120_000,
} as const;

/** A profiler option (or CLI flag) holds a value it cannot use; the message names the flag. */
export class ProfileOptionError extends Error {
  override readonly name = 'ProfileOptionError';
}

/**
 * Applies defaults and checks every option, naming the CLI flag in the error.
 *
 * @example
 * ```ts
 * resolveProfileOptions({ example: 'ocr-detector' }).memoryMb; // 1769
 * resolveProfileOptions({ example: 'ocr-detector', cold: 0 }); // throws ProfileOptionError: --cold: …
 * ```
 */
export function resolveProfileOptions(options: ProfileExampleOptions): ResolvedProfileOptions {
  const threads = checkInteger(
    '--threads',
    options.threads ?? defaultProfileOptions.threads,
    1,
    availableParallelism(),
  );
  return {
    example: options.example,
    cold: checkInteger('--cold', options.cold ?? defaultProfileOptions.cold, 1, 1000),
    warm: checkInteger('--warm', options.warm ?? defaultProfileOptions.warm, 1, 100_000),
    warmup: checkInteger('--warmup', options.warmup ?? defaultProfileOptions.warmup, 0, 1000),
    threads,
    memoryMb: checkInteger(
      '--memory-mb',
      options.memoryMb ?? memoryMbForThreads(threads),
      MIN_MEMORY_MB,
      MAX_MEMORY_MB,
    ),
    progress: options.progress ?? process.stderr.isTTY === true,
    timeoutMs: checkInteger(
      'timeoutMs',
      options.timeoutMs ?? defaultProfileOptions.timeoutMs,
      1,
      3_600_000,
    ),
  };
}

/**
 * Reads a CLI flag's text as an integer within `[minimum, maximum]`.
 *
 * @example
 * ```ts
 * parseIntegerFlag('--cold', '5', 1, 1000); // 5
 * parseIntegerFlag('--cold', 'abc', 1, 1000); // throws ProfileOptionError: --cold: must be an integer in 1..1000, got 'abc'
 * ```
 */
export function parseIntegerFlag(
  flag: string,
  text: string,
  minimum: number,
  maximum: number,
): number {
  const value = /^\s*-?\d+\s*$/.test(text) ? Number(text) : Number.NaN;
  return checkInteger(flag, value, minimum, maximum, `'${text}'`);
}

function checkInteger(
  flag: string,
  value: number,
  minimum: number,
  maximum: number,
  shown: string = String(value),
): number {
  if (!Number.isSafeInteger(value) || value < minimum || value > maximum) {
    throw new ProfileOptionError(
      `${flag}: must be an integer in ${minimum}..${maximum}, got ${shown}`,
    );
  }
  return value;
}
