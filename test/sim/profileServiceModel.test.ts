import { describe, expect, it } from 'vitest';
import { serviceModelFromProfile, Xoshiro128 } from '../../tuner/sim/index.ts';

describe('serviceModelFromProfile', () => {
  it('resamples the measured values at the profile memory (a bootstrap)', () => {
    // Prepare
    const serviceMs = [10, 20, 30, 40];
    const model = serviceModelFromProfile({
      name: 'p',
      memoryMb: 2048,
      initMs: [900, 1100],
      serviceMs,
      cpuBoundFraction: 0.3,
      maxThreads: 1,
    });
    const rng = new Xoshiro128(9);
    const seen = new Map<number, number>();

    // Act
    for (let i = 0; i < 40_000; i++) {
      const v = model.sampleServiceMs(rng, 2048);
      seen.set(v, (seen.get(v) ?? 0) + 1);
    }

    // Assess: only measured values, each about equally often.
    expect([...seen.keys()].sort((a, b) => a - b)).toEqual(serviceMs);
    for (const count of seen.values()) expect(Math.abs(count / 10_000 - 1)).toBeLessThan(0.05);
    expect([900, 1100]).toContain(model.sampleInitMs(rng, 2048));
    expect(model.cpuBoundFraction).toBe(0.3);
  });
});
