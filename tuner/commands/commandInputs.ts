import { readFile } from 'node:fs/promises';
import { BacktestOptionError } from '../backtest/index.ts';
import {
  type LoadedTrace,
  type Profile,
  readTrace,
  type TraceFormat,
  validateProfile,
} from '../sim/index.ts';

/**
 * Reads and checks a profile file; every failure is a `BacktestOptionError` naming `--profile`
 * and the file.
 *
 * @example
 * ```ts
 * const profile = await loadProfileFlag('examples/ocr-detector/profile.json');
 * ```
 */
export async function loadProfileFlag(file: string): Promise<Profile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new BacktestOptionError(`--profile: cannot read '${file}' (${code})`);
  }
  try {
    const profile = JSON.parse(text) as Profile;
    validateProfile(profile);
    return profile;
  } catch (error) {
    throw new BacktestOptionError(
      `--profile: '${file}' is not a usable profile: ${(error as Error).message}`,
    );
  }
}

/**
 * Reads one function of a trace file for `--trace` / `--format` / `--function`; a file that
 * cannot be opened is a `BacktestOptionError` naming `--trace` (format errors name the line).
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
    throw new BacktestOptionError(`--trace: cannot read '${flags.trace}' (${error.code})`);
  });
}
