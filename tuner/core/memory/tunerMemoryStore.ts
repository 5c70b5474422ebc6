/**
 * The port through which the tuner keeps its memory between cycles (safety margin, miss price,
 * last change per knob, rollback watch: see ../plan/tunerMemory.ts). A store only moves text;
 * `encodeTunerMemory` / `decodeTunerMemory` turn it into memory, so every store treats a missing
 * or corrupt memory the same way: the tuner starts fresh and says so.
 */

/** Where a store keeps the memory, relative to the report location (beside the reports). */
export const MEMORY_OBJECT_NAME = 'state/memory.json';

/** Reads and writes the tuner's memory as text. */
export interface TunerMemoryStore {
  /** Where the memory lives, for reports and logs (an `s3://` URL, a file path). */
  readonly location: string;
  /** The stored text; null when nothing is stored yet. Throws when the store cannot be read. */
  load(): Promise<string | null>;
  /** Replaces the stored text. Throws when it cannot be written. */
  save(text: string): Promise<void>;
}
