import { describe, expect, it } from 'vitest';
import {
  nearestRankIndex,
  nearestRankPercentile,
  selectInPlace,
  Xoshiro128,
} from '../../tuner/sim/index.ts';

describe('nearest-rank percentiles', () => {
  it('takes the value of rank ⌈p/100 × n⌉', () => {
    // Prepare / Act / Assess
    expect(nearestRankIndex(100, 99)).toBe(98);
    expect(nearestRankIndex(101, 99)).toBe(99);
    expect(nearestRankIndex(1, 99)).toBe(0);
    expect(nearestRankIndex(4, 50)).toBe(1);
    expect(nearestRankPercentile([5, 1, 4, 2, 3], 50)).toBe(3);
    expect(nearestRankPercentile([5, 1, 4, 2, 3], 100)).toBe(5);
    expect(nearestRankPercentile([], 99)).toBeNull();
  });

  it('selects the same value a sort would, with many ties too', () => {
    // Prepare
    const rng = new Xoshiro128(4);
    for (const distinct of [3, 1000]) {
      const values = Float64Array.from({ length: 5001 }, () => Math.floor(rng.next() * distinct));
      const sorted = Float64Array.from(values).sort();
      for (const k of [0, 17, 2500, 4950, 5000]) {
        // Act
        const picked = selectInPlace(Float64Array.from(values), 0, values.length - 1, k);

        // Assess
        expect(picked).toBe(sorted[k]);
      }
    }
  });

  it('does not reorder the caller’s values', () => {
    // Prepare
    const values = [3, 1, 2];

    // Act
    nearestRankPercentile(values, 50);

    // Assess
    expect(values).toEqual([3, 1, 2]);
  });
});
