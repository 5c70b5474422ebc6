import { MEMORY_OBJECT_NAME, type TunerMemoryStore } from '../../core/memory/tunerMemoryStore.ts';

/**
 * Keeps the tuner's memory in a string, for a simulated account's cycles (the text is the same
 * JSON the S3 and file stores keep).
 *
 * @example
 * ```ts
 * const store = new InMemoryTunerMemoryStore();
 * await store.load(); // null before the first cycle
 * ```
 */
export class InMemoryTunerMemoryStore implements TunerMemoryStore {
  readonly location = `simulated://${MEMORY_OBJECT_NAME}`;
  #text: string | null = null;

  async load(): Promise<string | null> {
    return this.#text;
  }

  async save(text: string): Promise<void> {
    this.#text = text;
  }
}
