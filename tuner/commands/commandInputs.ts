import { readFile, stat } from 'node:fs/promises';
import { BacktestOptionError } from '../backtest/index.ts';
import { PROFILE_MAX_CHARS, parseProfile } from '../core/profile/parseProfile.ts';
import { type LoadedTrace, type Profile, readTrace, type TraceFormat } from '../sim/index.ts';

/**
 * Reads and checks a profile file (strictly: tuner/core/profile/parseProfile.ts); every failure
 * is a `BacktestOptionError` naming the `profile` option (`--profile`) and the file. A file too large to be a profile
 * is refused from its size, unread.
 *
 * @example
 * ```ts
 * const profile = await loadProfileFlag('examples/ocr-detector/profile.json');
 * ```
 */
export async function loadProfileFlag(file: string): Promise<Profile> {
  let text: string;
  try {
    const { size } = await stat(file);
    // 3 bytes per character at most in UTF-8 for the characters the limit counts.
    if (size > PROFILE_MAX_CHARS * 3) {
      throw new BacktestOptionError(
        'profile',
        `'${file}' is ${size.toLocaleString('en-US')} bytes, more than a profile of ${PROFILE_MAX_CHARS.toLocaleString('en-US')} characters can be: nothing was read`,
      );
    }
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof BacktestOptionError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new BacktestOptionError('profile', `cannot read '${file}' (${code})`);
  }
  try {
    return parseProfile(text);
  } catch (error) {
    throw new BacktestOptionError(
      'profile',
      `'${file}' is not a usable profile: ${(error as Error).message}`,
    );
  }
}

/**
 * Reads one function of a trace file for `--trace` / `--format` / `--function`; a file that
 * cannot be opened is a `BacktestOptionError` naming the `trace` option (`--trace`) (format errors name the line).
 *
 * @example
 * ```ts
 * const { trace, function: fn } = await loadTraceFlag({ trace: 'trace.csv', function: 'e80f0c' });
 * ```
 */
export async function loadTraceFlag(flags: {
  readonly trace: string;
  readonly format?: TraceFormat;
  readonly function?: string;
}): Promise<LoadedTrace> {
  return readTrace(flags.trace, {
    ...(flags.format !== undefined ? { format: flags.format } : {}),
    ...(flags.function !== undefined ? { functionId: flags.function } : {}),
  }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === undefined) throw error;
    throw new BacktestOptionError('trace', `cannot read '${flags.trace}' (${error.code})`);
  });
}
