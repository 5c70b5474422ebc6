import { decodeTunerMemory } from '../core/memory/tunerMemoryCodec.ts';
import type { TunerMemoryStore } from '../core/memory/tunerMemoryStore.ts';
import { emptyTunerMemory, type TunerMemory } from '../core/plan/tunerMemory.ts';
import type { Clock } from '../core/ports.ts';
import { beforeDeadline } from './cycleDeadline.ts';

/** The memory a cycle starts from, and what the report should say about it. */
export interface LoadedTunerMemory {
  readonly memory: TunerMemory;
  readonly source: 'stored' | 'fresh';
  readonly notes: readonly string[];
  /** True when the store itself failed (an API error), not just held nothing usable. */
  readonly storeFailed: boolean;
}

/**
 * Loads the memory; never throws. Missing or corrupt memory gives a fresh start with a note. A
 * store that fails (or does not answer before the deadline) also plans from a fresh memory, but
 * `storeFailed` tells the cycle not to act in apply mode and never to write over what it could
 * not read (./tuningCycle.ts).
 *
 * @example
 * ```ts
 * const { memory, notes } = await loadTunerMemory(store);
 * ```
 */
export async function loadTunerMemory(
  store: TunerMemoryStore,
  deadline?: { readonly deadlineMs: number | undefined; readonly clock: Pick<Clock, 'now'> },
): Promise<LoadedTunerMemory> {
  let text: string | null;
  try {
    text =
      deadline === undefined
        ? await store.load()
        : await beforeDeadline(store.load(), { ...deadline, what: 'reading the memory' });
  } catch (error) {
    const e = error as Error;
    return {
      memory: emptyTunerMemory(),
      source: 'fresh',
      notes: [
        `memory at ${store.location} could not be read (${e.name}: ${e.message}): every target starts fresh`,
      ],
      storeFailed: true,
    };
  }
  if (text === null)
    return {
      memory: emptyTunerMemory(),
      source: 'fresh',
      notes: [`no memory at ${store.location} yet: every target starts fresh`],
      storeFailed: false,
    };
  const decoded = decodeTunerMemory(text);
  return {
    memory: decoded.memory,
    source: decoded.fresh ? 'fresh' : 'stored',
    notes: decoded.notes.map((note) => `${store.location}: ${note}`),
    storeFailed: false,
  };
}
