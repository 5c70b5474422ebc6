import { describe, expect, it } from 'vitest';
import { estimateCost } from '../../sdk/index.ts';
import {
  createBacktestContext,
  POWER_TUNING_DEFAULT_VALUES,
  powerTuningPick,
  powerTuningPolicy,
} from '../../tuner/backtest/index.ts';
import { memoryScaleFactor, type Profile } from '../../tuner/sim/index.ts';
import { repeated, smallProfile } from './support/backtestFixtures.ts';

/** Mean warm cost at a memory, computed independently with the SDK's per-invocation estimate. */
function meanWarmCost(profile: Profile, memoryMb: number): number {
  const factor = memoryScaleFactor({
    fromMemoryMb: profile.memoryMb,
    toMemoryMb: memoryMb,
    cpuBoundFraction: profile.cpuBoundFraction,
    maxThreads: profile.maxThreads,
  });
  const costs = profile.serviceMs.map(
    (ms) => estimateCost({ durationMs: ms * factor, memoryMb }).totalUsd,
  );
  return costs.reduce((a, b) => a + b, 0) / costs.length;
}

describe('power-tuning', () => {
  it.each([
    ['half CPU-bound', smallProfile({ cpuBoundFraction: 0.5, serviceMs: [200, 300] })],
    ['CPU-bound, 2 threads', smallProfile({ cpuBoundFraction: 1, maxThreads: 2, memoryMb: 1769 })],
    ['I/O-bound', smallProfile({ cpuBoundFraction: 0, serviceMs: [40, 45.5] })],
  ])('picks the cheapest mean warm invocation over the sweep (%s)', (_label, profile) => {
    // Prepare
    const memories = [...new Set([...POWER_TUNING_DEFAULT_VALUES, profile.memoryMb])];
    const cheapest = memories.reduce((best, m) =>
      meanWarmCost(profile, m) < meanWarmCost(profile, best) ? m : best,
    );

    // Act
    const pick = powerTuningPick(profile);

    // Assess
    expect(pick.memoryMb).toBe(cheapest);
    expect(pick.points.map((p) => p.memoryMb)).toEqual([...memories].sort((a, b) => a - b));
    for (const point of pick.points) {
      expect(point.meanCostUsd).toBeCloseTo(meanWarmCost(profile, point.memoryMb), 15);
    }
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

    // Assess
    expect(powerTuningPick(profile).points.some((p) => p.memoryMb === 1769)).toBe(true);
    expect(run.config).toEqual({
      memoryMb: 128,
      provisionedConcurrency: 0,
      reservedConcurrency: null,
    });
    expect(run.notes?.[0]).toMatch(/picked 128 MB/);
  });
});
