/**
 * A shard's memory store that, while the shard has stored nothing yet, reads the memory the
 * unsharded tuner left under the reports prefix (`state/memory.json`): a fleet that grows past
 * the shard threshold keeps its cooldowns and rollback watches across the switch. It only ever
 * writes the shard's own object; the unsharded memory is left as it was.
 */
import type { TunerMemoryStore } from '../../core/memory/tunerMemoryStore.ts';

/**
 * The shard's store, inheriting `previous` until it has a memory of its own.
 *
 * @example
 * ```ts
 * const memory = new InheritedMemoryStore(shard.memory, root.memory);
 * await memory.load(); // the shard's memory, else the unsharded tuner's
 * ```
 */
export class InheritedMemoryStore implements TunerMemoryStore {
  readonly #own: TunerMemoryStore;
  readonly #previous: TunerMemoryStore;

  constructor(own: TunerMemoryStore, previous: TunerMemoryStore) {
    this.#own = own;
    this.#previous = previous;
  }

  get location(): string {
    return this.#own.location;
  }

  async load(): Promise<string | null> {
    return (await this.#own.load()) ?? (await this.#previous.load());
  }

  save(text: string): Promise<void> {
    return this.#own.save(text);
  }
}
