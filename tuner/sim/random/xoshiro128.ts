import type { Rng } from './rng.ts';

const TWO_POW_MINUS_32 = 2 ** -32;

/**
 * xoshiro128** (Blackman and Vigna), a small, fast, seeded generator with a 2^128 − 1 period.
 * The state lives in a typed array so that the 32-bit words never become heap numbers: a draw
 * allocates nothing, which keeps the simulator's hot loop free of garbage.
 */
export class Xoshiro128 implements Rng {
  readonly #s = new Uint32Array(4);

  /**
   * Seeds the four state words from one integer seed and a stream number (so that one run can
   * hold several independent streams), expanding them with SplitMix32.
   *
   * @example
   * ```ts
   * const arrivals = new Xoshiro128(42, 0);
   * const service = new Xoshiro128(42, 1); // independent of `arrivals`
   * arrivals.next(); // a number in [0, 1)
   * ```
   */
  constructor(seed: number, stream = 0) {
    let x = (Math.trunc(seed) ^ Math.imul(stream + 1, 0x9e3779b9)) >>> 0;
    for (let i = 0; i < 4; i++) {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      this.#s[i] = (z ^ (z >>> 16)) >>> 0;
    }
    // An all-zero state would stay zero forever.
    if (this.#s.every((word) => word === 0)) this.#s[0] = 1;
  }

  /**
   * The next 32-bit unsigned integer.
   *
   * @example
   * ```ts
   * new Xoshiro128(1).nextUint32(); // an integer in [0, 2^32)
   * ```
   */
  nextUint32(): number {
    const s = this.#s;
    const s0 = s[0] as number;
    const s1 = s[1] as number;
    const s2 = s[2] as number;
    const s3 = s[3] as number;
    const r = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    const n2 = s2 ^ s0;
    const n3 = s3 ^ s1;
    s[1] = s1 ^ n2;
    s[0] = s0 ^ n3;
    s[2] = n2 ^ t;
    s[3] = rotl(n3, 11);
    return r;
  }

  /**
   * The next uniform number in [0, 1), with 32 bits of resolution.
   *
   * @example
   * ```ts
   * const u = new Xoshiro128(7).next(); // 0 <= u < 1
   * ```
   */
  next(): number {
    return this.nextUint32() * TWO_POW_MINUS_32;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
