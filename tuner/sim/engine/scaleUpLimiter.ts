/**
 * Lambda's scale-up rate: at most `environments` new on-demand environments in any sliding window
 * of `windowMs`. A ring of the last `environments` creation times answers in O(1): a new one is
 * allowed when the oldest of them is at least a window old.
 */
export class ScaleUpLimiter {
  readonly #createdAt: Float64Array;
  readonly #windowMs: number;
  #cursor = 0;

  constructor(environments: number, windowMs: number) {
    this.#createdAt = new Float64Array(environments).fill(Number.NEGATIVE_INFINITY);
    this.#windowMs = windowMs;
  }

  /** Records a creation at `atMs` and returns true if the rate allows one; else returns false. */
  tryCreate(atMs: number): boolean {
    const createdAt = this.#createdAt;
    if ((createdAt[this.#cursor] as number) > atMs - this.#windowMs) return false;
    createdAt[this.#cursor] = atMs;
    this.#cursor = this.#cursor + 1 === createdAt.length ? 0 : this.#cursor + 1;
    return true;
  }
}
