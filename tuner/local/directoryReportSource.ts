import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import type { ReportSource } from '../report/read/reportSource.ts';

/**
 * Reads reports from a directory laid out as the tuner writes them (the CLI's `--report-dir`).
 *
 * @example
 * ```ts
 * const reports = await readCycleReports(new DirectoryReportSource('reports/tuner'));
 * ```
 */
export class DirectoryReportSource implements ReportSource {
  readonly #directory: string;
  readonly location: string;

  constructor(directory: string) {
    this.#directory = resolve(directory);
    this.location = directory.endsWith('/') ? directory : `${directory}/`;
  }

  /** Every file under `prefix` (recursively), as names relative to the directory; [] when absent. */
  async list(prefix: string): Promise<string[]> {
    const root = join(this.#directory, prefix);
    let entries: string[];
    try {
      entries = await readdir(root, { recursive: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    return entries.map((e) => relative(this.#directory, join(root, e)).split(sep).join('/')).sort();
  }

  async read(name: string): Promise<string | null> {
    try {
      return await readFile(join(this.#directory, name), 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'EISDIR') return null;
      throw error;
    }
  }
}
