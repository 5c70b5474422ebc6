/**
 * The idle on-demand environments of the current version, as the times they became idle. They
 * become idle in time order, so a ring buffer kept in that order serves both ends at O(1): the
 * most recently used one is taken for a request (top), the oldest is reaped when its keep-alive
 * runs out (bottom). An environment needs no other identity here.
 */
export class IdleEnvironments {
  #idleSince = new Float64Array(64);
  #mask = 63;
  #bottom = 0;
  #size = 0;
  #reaped = 0;

  /** Idle environments now (reaping is lazy: call `reapIdleSince` first). */
  get size(): number {
    return this.#size;
  }

  /** Environments reaped by keep-alive so far. */
  get reaped(): number {
    return this.#reaped;
  }

  /** An environment became idle at `atMs` (never earlier than the last one pushed). */
  push(atMs: number): void {
    if (this.#size === this.#idleSince.length) this.#grow();
    this.#idleSince[(this.#bottom + this.#size) & this.#mask] = atMs;
    this.#size++;
  }

  /** Takes the most recently used idle environment (the caller checked `size > 0`). */
  takeNewest(): void {
    this.#size--;
  }

  /** Reaps every environment idle since `cutoffMs` or earlier. */
  reapIdleSince(cutoffMs: number): void {
    const idleSince = this.#idleSince;
    const mask = this.#mask;
    while (this.#size > 0 && (idleSince[this.#bottom] as number) <= cutoffMs) {
      this.#bottom = (this.#bottom + 1) & mask;
      this.#size--;
      this.#reaped++;
    }
  }

  /** Discards every idle environment (a new version has none warm). */
  clear(): void {
    this.#bottom = 0;
    this.#size = 0;
  }

  #grow(): void {
    const old = this.#idleSince;
    const next = new Float64Array(old.length * 2);
    for (let i = 0; i < this.#size; i++) next[i] = old[(this.#bottom + i) & this.#mask] as number;
    this.#idleSince = next;
    this.#mask = next.length - 1;
    this.#bottom = 0;
  }
}
