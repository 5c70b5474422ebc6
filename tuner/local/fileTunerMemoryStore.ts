import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { TunerMemoryStore } from '../core/memory/tunerMemoryStore.ts';
import { writeFileAtomically } from './writeFileAtomically.ts';

/**
 * Keeps the tuner's memory in a local JSON file (the CLI's default:
 * `<report dir>/state/memory.json`). A missing file is "nothing stored yet".
 *
 * @example
 * ```ts
 * const store = new FileTunerMemoryStore('reports/tuner/state/memory.json');
 * await store.load(); // null on the first run
 * ```
 */
export class FileTunerMemoryStore implements TunerMemoryStore {
  readonly location: string;

  constructor(path: string) {
    this.location = resolve(path);
  }

  async load(): Promise<string | null> {
    try {
      return await readFile(this.location, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async save(text: string): Promise<void> {
    await writeFileAtomically(this.location, text);
  }
}
