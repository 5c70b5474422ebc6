import { describe, expect, it } from 'vitest';
import {
  BACKTEST_POLICIES,
  BacktestOptionError,
  type BacktestProgress,
  backtestPolicyNames,
  runBacktest,
  UnknownBacktestPolicyError,
} from '../../tuner/backtest/index.ts';
import { SimulationInputError } from '../../tuner/sim/index.ts';
import { repeated, smallProfile } from './support/backtestFixtures.ts';

const trace = repeated(60, (m) => (m % 15 === 0 ? 60 : 2));
const base = { trace, functionId: 'fn', profile: smallProfile(), sloP99Ms: 300 };

describe('runBacktest', () => {
  it('runs every registered policy by default, in registry order, against the oracle', async () => {
    // Prepare / Act
    const result = await runBacktest(base);

    // Assess
    expect(result.policies.map((p) => p.policy)).toEqual(backtestPolicyNames());
    expect(backtestPolicyNames()).toEqual([
      'on-demand',
      'static-peak',
      'target-tracking',
      'target-tracking-max',
      'scheduled',
      'power-tuning',
      'power-tuning-balanced',
      'thermostat',
      'robust-floor',
      'oracle',
    ]);
    const oracle = result.policies.find((p) => p.policy === 'oracle');
    const robust = result.policies.find((p) => p.policy === 'robust-floor');
    for (const p of result.policies) {
      expect(p.costVsOracle).toBeCloseTo(p.costUsd / (oracle?.costUsd ?? Number.NaN), 12);
      expect(p.costVsRobustFloor).toBeCloseTo(p.costUsd / (robust?.costUsd ?? Number.NaN), 12);
      expect(p.invocations + p.throttles).toBe(result.invocations);
    }
    expect(result).toMatchObject({
      function: 'fn',
      sloP99Ms: 300,
      windowMinutes: 5,
      warmUpWindows: 1,
      seed: 1,
    });
  }, 120_000);

  it('leaves costVsOracle null without the oracle, and keeps the order asked for', async () => {
    // Prepare / Act
    const result = await runBacktest({ ...base, policies: ['static-peak', 'on-demand'] });

    // Assess
    expect(result.policies.map((p) => [p.policy, p.costVsOracle, p.costVsRobustFloor])).toEqual([
      ['static-peak', null, null],
      ['on-demand', null, null],
    ]);
  });

  it('is deterministic for a seed, and the seed matters', async () => {
    // Prepare
    const strip = (r: Awaited<ReturnType<typeof runBacktest>>) =>
      r.policies.map(({ elapsedMs: _elapsed, ...rest }) => rest);

    // Act
    const a = await runBacktest({ ...base, policies: ['on-demand', 'oracle'], seed: 7 });
    const b = await runBacktest({ ...base, policies: ['on-demand', 'oracle'], seed: 7 });
    const c = await runBacktest({ ...base, policies: ['on-demand', 'oracle'], seed: 8 });

    // Assess
    expect(strip(a)).toEqual(strip(b));
    expect(strip(a)).not.toEqual(strip(c));
  });

  it('reports progress per policy, ending each at 1', async () => {
    // Prepare
    const seen: BacktestProgress[] = [];

    // Act
    await runBacktest({
      ...base,
      policies: ['on-demand', 'oracle'],
      onProgress: (p) => seen.push(p),
    });

    // Assess
    for (const [index, policy] of ['on-demand', 'oracle'].entries()) {
      const mine = seen.filter((p) => p.policy === policy);
      expect(mine.every((p) => p.policyIndex === index && p.policyCount === 2)).toBe(true);
      expect(mine.map((p) => p.fraction)).toEqual(
        mine.map((p) => p.fraction).sort((x, y) => x - y),
      );
      expect(mine.at(-1)?.fraction).toBe(1);
    }
  });

  it.each([
    [{ sloP99Ms: Number.NaN }, BacktestOptionError, /^sloP99Ms: must be a number > 0/],
    [{ sloP99Ms: -5 }, BacktestOptionError, /^sloP99Ms:/],
    [{ windowMinutes: 0 }, BacktestOptionError, /^windowMinutes: must be an integer in 1\.\.1440/],
    [{ memoryMb: 64 }, BacktestOptionError, /^memoryMb: must be an integer in 128\.\.10240/],
    [{ seed: 1.5 }, BacktestOptionError, /^seed: must be an integer/],
    [{ warmUpWindows: -1 }, BacktestOptionError, /^warmUpWindows: must be an integer in 0\.\.1440/],
    [{ policies: [] }, BacktestOptionError, /^policies: name at least one/],
    [{ policies: ['oracle', 'oracle'] }, BacktestOptionError, /'oracle' is named twice/],
    [
      { policies: ['on-demand', 'magic'] },
      UnknownBacktestPolicyError,
      /unknown policy 'magic' \(valid: on-demand, static-peak, target-tracking, target-tracking-max, scheduled, power-tuning, power-tuning-balanced, thermostat, robust-floor, oracle\)/,
    ],
    [{ profile: smallProfile({ serviceMs: [] }) }, SimulationInputError, /profile\.serviceMs/],
  ])('rejects %j naming what is wrong', async (override, errorClass, message) => {
    // Prepare / Act / Assess
    const run = runBacktest({ ...base, ...override });
    await expect(run).rejects.toThrow(errorClass);
    await expect(run).rejects.toThrow(message);
  });

  it('takes a new policy from the registry by name', () => {
    // Prepare / Act / Assess: the registry is the one list the runner and the CLI read.
    expect(BACKTEST_POLICIES.map((p) => p.name)).toEqual(backtestPolicyNames());
    expect(BACKTEST_POLICIES.every((p) => p.description.length > 0)).toBe(true);
  });
});
