import { describe, expect, it } from 'vitest';
import { estimateCost } from '../../sdk/index.ts';
import {
  createBacktestContext,
  POWER_TUNING_DEFAULT_VALUES,
  PowerTuningStrategy,
  powerTuningBalancedPolicy,
  powerTuningPick,
  powerTuningPolicy,
  trimmedMean,
} from '../../tuner/backtest/index.ts';
import { memoryScaleFactor, type Profile } from '../../tuner/sim/index.ts';
import { repeated, smallProfile } from './support/backtestFixtures.ts';

/** Warm durations at a memory, scaled independently by the CPU-share rule. */
function durationsAt(profile: Profile, memoryMb: number): number[] {
  const factor = memoryScaleFactor({
    fromMemoryMb: profile.memoryMb,
    toMemoryMb: memoryMb,
    cpuBoundFraction: profile.cpuBoundFraction,
    maxThreads: profile.maxThreads,
  });
  return profile.serviceMs.map((ms) => ms * factor);
}

/** Power Tuning's averagePrice, computed with the SDK's estimate minus the request price. */
function averagePrice(durationMs: number, memoryMb: number): number {
  const withRequest = estimateCost({ durationMs, memoryMb });
  return withRequest.totalUsd - withRequest.requestUsd;
}

describe('trimmedMean', () => {
  it.each([
    ['cuts 20% from each end', [100, 1, 3, 2, 4], 3],
    ['cuts nothing below 5 values', [1, 2, 9], 4],
    ['cuts two from each end of ten', [1, 1, 5, 5, 5, 5, 5, 5, 90, 90], 5],
  ])('%s', (_label, values, expected) => {
    // Prepare / Act / Assess
    expect(trimmedMean(values, 0.2)).toBe(expected);
  });
});

describe('power-tuning', () => {
  it.each([
    ['half CPU-bound', smallProfile({ cpuBoundFraction: 0.5, serviceMs: [200, 300] })],
    ['CPU-bound, 2 threads', smallProfile({ cpuBoundFraction: 1, maxThreads: 2, memoryMb: 1769 })],
    ['I/O-bound', smallProfile({ cpuBoundFraction: 0, serviceMs: [40, 45.5] })],
    [
      'an outlier the trimmed mean ignores',
      smallProfile({ cpuBoundFraction: 0.7, serviceMs: [100, 101, 102, 103, 5000] }),
    ],
  ])(
    'cost: the lowest price of the trimmed mean duration, fastest among equals (%s)',
    (_label, profile) => {
      // Prepare: the analyzer's rule, computed independently.
      const memories = [...new Set([...POWER_TUNING_DEFAULT_VALUES, profile.memoryMb])].sort(
        (a, b) => a - b,
      );
      const stats = memories.map((memoryMb) => {
        const duration = trimmedMean(durationsAt(profile, memoryMb), 0.2);
        return { memoryMb, duration, price: averagePrice(duration, memoryMb) };
      });
      const lowest = Math.min(...stats.map((s) => s.price));
      const cheapest = stats.filter((s) => Math.abs(s.price - lowest) <= lowest * 1e-12);
      const expected = cheapest.reduce((a, b) => (b.duration < a.duration ? b : a));

      // Act
      const pick = powerTuningPick(profile);

      // Assess
      expect(pick.strategy).toBe(PowerTuningStrategy.COST);
      expect(pick.memoryMb).toBe(expected.memoryMb);
      expect(pick.points.map((p) => p.memoryMb)).toEqual(memories);
      for (const [i, point] of pick.points.entries()) {
        expect(point.averageDurationMs).toBeCloseTo(stats[i]?.duration ?? Number.NaN, 9);
        expect(point.averagePriceUsd).toBeCloseTo(stats[i]?.price ?? Number.NaN, 15);
      }
    },
  );

  it('cost: on a tie in price it takes the fastest, not the smallest', () => {
    // Prepare: CPU-bound work whose duration halves as memory doubles (below 1 vCPU).
    const profile = smallProfile({ memoryMb: 1024, cpuBoundFraction: 1, serviceMs: [100] });

    // Act
    const pick = powerTuningPick(profile, undefined, PowerTuningStrategy.COST, [512, 1024]);

    // Assess: 512 MB at 200 ms and 1,024 MB at 100 ms bill the same GB-seconds.
    const [small, large] = pick.points;
    expect(small?.averagePriceUsd).toBeCloseTo(large?.averagePriceUsd ?? Number.NaN, 15);
    expect(pick.memoryMb).toBe(1024);
  });

  it('balanced: the lowest half-and-half mix of relative price and relative duration', () => {
    // Prepare
    const profile = smallProfile({ cpuBoundFraction: 0.9, serviceMs: [300, 310, 320] });
    const pick = powerTuningPick(profile, undefined, PowerTuningStrategy.BALANCED);
    const maxPrice = Math.max(...pick.points.map((p) => p.averagePriceUsd));
    const maxDuration = Math.max(...pick.points.map((p) => p.averageDurationMs));
    const value = (p: (typeof pick.points)[number]) =>
      (0.5 * p.averagePriceUsd) / maxPrice + (0.5 * p.averageDurationMs) / maxDuration;

    // Act
    const best = pick.points.reduce((a, b) => (value(b) < value(a) ? b : a));

    // Assess: balanced weighs speed, so it picks more memory than cost does here.
    expect(pick.memoryMb).toBe(best.memoryMb);
    expect(pick.memoryMb).toBeGreaterThan(powerTuningPick(profile).memoryMb);
  });

  it('sweeps the profile memory too, and runs on-demand at the pick', async () => {
    // Prepare: work that does not speed up with memory: the smallest size is cheapest.
    const profile = smallProfile({ memoryMb: 1769, cpuBoundFraction: 0 });
    const context = createBacktestContext({
      trace: repeated(10, () => 5),
      functionId: 'f',
      profile,
      sloP99Ms: 300,
    });

    // Act
    const run = await powerTuningPolicy.prepare(context);
    const balanced = await powerTuningBalancedPolicy.prepare(context);

    // Assess
    expect(powerTuningPick(profile).points.some((p) => p.memoryMb === 1769)).toBe(true);
    expect(run.config).toEqual({
      memoryMb: 128,
      provisionedConcurrency: 0,
      reservedConcurrency: null,
    });
    expect(run.notes?.[0]).toMatch(/picked 128 MB \(cost strategy/);
    // Equal durations everywhere: balanced comes down to price as well.
    expect(balanced.config.memoryMb).toBe(128);
    expect(balanced.notes?.[0]).toMatch(/^power-tuning-balanced: picked 128 MB \(balanced/);
  });
});
