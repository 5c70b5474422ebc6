import { availableParallelism } from 'node:os';
import { OptionFieldError } from '../../core/optionFieldError.ts';
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

/** A profiler option holds a value it cannot use; `field` names the option (`cold`, `memoryMb`). */
export class ProfileOptionError extends OptionFieldError {
  override readonly name = 'ProfileOptionError';
}

/**
 * Applies defaults and checks every option, naming the option in the error.
 *
 * @example
 * ```ts
 * resolveProfileOptions({ example: 'ocr-detector' }).memoryMb; // 1769
 * resolveProfileOptions({ example: 'ocr-detector', cold: 0 }); // throws ProfileOptionError: cold: …
 * ```
 */
export function resolveProfileOptions(options: ProfileExampleOptions): ResolvedProfileOptions {
  const threads = checkInteger(
    'threads',
    options.threads ?? defaultProfileOptions.threads,
    1,
    availableParallelism(),
  );
  return {
    example: options.example,
    cold: checkInteger('cold', options.cold ?? defaultProfileOptions.cold, 1, 1000),
    warm: checkInteger('warm', options.warm ?? defaultProfileOptions.warm, 1, 100_000),
    warmup: checkInteger('warmup', options.warmup ?? defaultProfileOptions.warmup, 0, 1000),
    threads,
    memoryMb: checkInteger(
      'memoryMb',
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

function checkInteger(field: string, value: number, minimum: number, maximum: number): number {
  if (!Number.isSafeInteger(value) || value < minimum || value > maximum) {
    throw new ProfileOptionError(
      field,
      `must be an integer in ${minimum}..${maximum}, got ${value}`,
    );
  }
  return value;
}
