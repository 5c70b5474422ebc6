import { describe, expect, it } from 'vitest';
import {
  BacktestOptionError,
  runBacktest,
  runBacktestSeeds,
  spreadOf,
} from '../../tuner/backtest/index.ts';
import { seedSpreadTable } from '../../tuner/report/index.ts';
import { repeated, smallProfile } from './support/backtestFixtures.ts';

const base = {
  trace: repeated(60, (m) => (m % 15 === 0 ? 30 : 3)),
  functionId: 'fn',
  profile: smallProfile(),
  sloP99Ms: 300,
  policies: ['on-demand', 'oracle'],
};

describe('runBacktestSeeds', () => {
  it('runs once per seed and spreads every figure over them', async () => {
    // Prepare
    const seeds = [1, 2, 3];

    // Act
    const multi = await runBacktestSeeds(base, seeds);
    const single = await Promise.all(seeds.map((seed) => runBacktest({ ...base, seed })));

    // Assess: each run is the single-seed backtest; the spread is their mean, min and max.
    expect(multi.runs.map((run) => run.seed)).toEqual(seeds);
    for (const [i, run] of multi.runs.entries()) {
      expect(run.policies.map((p) => p.costUsd)).toEqual(single[i]?.policies.map((p) => p.costUsd));
    }
    const onDemand = multi.policies[0];
    const attainments = single.map((run) => run.policies[0]?.attainment as number);
    expect(onDemand?.policy).toBe('on-demand');
    expect(onDemand?.attainment?.min).toBe(Math.min(...attainments));
    expect(onDemand?.attainment?.max).toBe(Math.max(...attainments));
    expect(onDemand?.attainment?.mean).toBeCloseTo(attainments.reduce((a, b) => a + b) / 3, 12);
    // The dice differ between seeds: the on-demand cold starts land in different windows.
    expect(new Set(single.map((run) => run.policies[0]?.costUsd)).size).toBeGreaterThan(1);
    expect(multi.policies[1]?.costVsOracle).toEqual({ mean: 1, min: 1, max: 1 });
    expect(multi.policies[1]?.costVsRobustFloor).toBeNull();
  });

  it('prints mean and range per policy', async () => {
    // Prepare
    const multi = await runBacktestSeeds(base, [4, 5]);

    // Act
    const lines = seedSpreadTable(multi).split('\n');

    // Assess
    expect(lines[0]).toMatch(/^fn: .* seeds 4, 5: mean \(lowest–highest\)$/);
    expect(lines[1]).toMatch(/^policy\s+attain\s+cost \$\s+vs oracle\s+vs robust$/);
    expect(lines[4]).toMatch(
      /^oracle\s+\d+\.\d% \(\d+\.\d%–\d+\.\d%\)\s+.*1\.00× \(1\.00×–1\.00×\)\s+–$/,
    );
  });

  it.each([
    [[], /^seeds: name at least one seed/],
    [[1, 2, 1], /^seeds: seed 1 is named twice/],
  ])('rejects the seeds %j', async (seeds, message) => {
    // Prepare / Act / Assess
    await expect(runBacktestSeeds(base, seeds)).rejects.toThrow(BacktestOptionError);
    await expect(runBacktestSeeds(base, seeds)).rejects.toThrow(message);
  });

  it('spreads nothing when a figure is missing', () => {
    // Prepare / Act / Assess
    expect(spreadOf([0.5, null])).toBeNull();
    expect(spreadOf([2, 1, 3])).toEqual({ mean: 2, min: 1, max: 3 });
  });
});
