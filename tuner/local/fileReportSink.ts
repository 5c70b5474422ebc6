import { isAbsolute, join, resolve } from 'node:path';
import type { ReportSink } from '../core/ports.ts';
import { writeFileAtomically } from './writeFileAtomically.ts';

/**
 * A report name that would leave the report directory, or is empty.
 *
 * @example
 * ```ts
 * await new FileReportSink('reports').write('../escape.json', '{}', 'application/json'); // throws ReportNameError
 * ```
 */
export class ReportNameError extends Error {
  override readonly name = 'ReportNameError';
}

/**
 * Writes reports as files under a directory (the CLI's `--report-dir`), creating it as needed;
 * each file is replaced whole, never left half-written.
 *
 * @example
 * ```ts
 * const sink = new FileReportSink('reports/tuner');
 * await sink.write('latest.json', json, 'application/json'); // '/abs/path/reports/tuner/latest.json'
 * ```
 */
export class FileReportSink implements ReportSink {
  readonly #directory: string;

  constructor(directory: string) {
    this.#directory = resolve(directory);
  }

  /** The directory reports go to, absolute. */
  get directory(): string {
    return this.#directory;
  }

  /** @throws ReportNameError for names that are empty, absolute or climb out with `..`. */
  async write(name: string, body: string, _contentType: string): Promise<string> {
    if (name === '' || isAbsolute(name) || name.split(/[\\/]/).includes('..'))
      throw new ReportNameError(`${JSON.stringify(name)} is not a relative report name`);
    const path = join(this.#directory, name);
    await writeFileAtomically(path, body);
    return path;
  }
}
