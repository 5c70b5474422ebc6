import { describe, expect, it } from 'vitest';
import { Xoshiro128 } from '../../tuner/sim/index.ts';

describe('Xoshiro128', () => {
  it('repeats for a seed and stream, and differs across seeds and streams', () => {
    // Prepare
    const draw = (seed: number, stream: number) => {
      const rng = new Xoshiro128(seed, stream);
      return Array.from({ length: 8 }, () => rng.nextUint32());
    };

    // Act / Assess
    expect(draw(1, 0)).toEqual(draw(1, 0));
    expect(draw(1, 0)).not.toEqual(draw(2, 0));
    expect(draw(1, 0)).not.toEqual(draw(1, 1));
  });

  it('draws uniformly in [0, 1)', () => {
    // Prepare
    const rng = new Xoshiro128(123);
    const bins = new Array<number>(10).fill(0);
    let sum = 0;
    let outside = 0;

    // Act
    for (let i = 0; i < 100_000; i++) {
      const u = rng.next();
      if (!(u >= 0 && u < 1)) outside++;
      sum += u;
      const bin = Math.floor(u * 10);
      bins[bin] = (bins[bin] ?? 0) + 1;
    }

    // Assess
    expect(outside).toBe(0);
    expect(sum / 100_000).toBeCloseTo(0.5, 2);
    for (const b of bins) expect(Math.abs(b / 10_000 - 1)).toBeLessThan(0.04);
  });
});
