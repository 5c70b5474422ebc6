import { beforeAll, describe, expect, it } from 'vitest';
import {
  BacktestOptionError,
  compareProfiles,
  HOURS_PER_MONTH,
  runBacktest,
  type WhatIfResult,
} from '../../tuner/backtest/index.ts';
import { whatIfJson, whatIfTextReport, whatIfVerdicts } from '../../tuner/report/index.ts';
import { whatIfReportSchema } from '../../tuner/report/schema/whatIfReportSchema.ts';
import { repeated, smallProfile } from './support/backtestFixtures.ts';

// An hour of steady traffic with a burst every 20 minutes.
const trace = repeated(60, (m) => (m % 20 === 0 ? 40 : 6));
const options = { trace, functionId: 'f', sloP99Ms: 1000 };
const slow = smallProfile({ name: 'fp32', modelBytes: 40_000 });
const fast = smallProfile({ name: 'int8', serviceMs: [50, 55, 60], modelBytes: 10_000 });

describe('compareProfiles (thermostat what-if)', () => {
  let result: WhatIfResult;
  beforeAll(async () => {
    result = await compareProfiles({
      ...options,
      profiles: [
        { label: 'fp32', profile: slow },
        { label: 'int8', profile: fast },
      ],
    });
  }, 120_000);

  it('backtests the thermostat once per profile on the same traffic and prices the difference a month', async () => {
    // Prepare: the second profile's own thermostat backtest
    const alone = await runBacktest({ ...options, profile: fast, policies: ['thermostat'] });
    // Act
    const [a, b] = result.variants;
    // Assess: the what-if's side is exactly that backtest
    expect(b?.outcome.costUsd).toBe(alone.policies[0]?.costUsd);
    expect(b?.outcome.windowsMeetingSlo).toBe(alone.policies[0]?.windowsMeetingSlo);
    expect(result.traceMinutes).toBe(60);
    expect(result.requests).toBe(6 * 60 + 34 * 3);
    const months = 60 / 60 / HOURS_PER_MONTH;
    expect(a?.monthlyCostUsd).toBeCloseTo((a?.outcome.costUsd ?? 0) / months, 9);
    expect(a?.monthlyDifferenceUsd).toBe(0);
    expect(b?.monthlyDifferenceUsd).toBeCloseTo(
      (b?.monthlyCostUsd ?? 0) - (a?.monthlyCostUsd ?? 0),
      9,
    );
    // Half the service time: cheaper, no worse on the SLO.
    expect(b?.monthlyDifferenceUsd).toBeLessThan(0);
    expect(b?.windowsDifference).toBeGreaterThanOrEqual(0);
    expect([a?.modelBytes, b?.modelBytes]).toEqual([40_000, 10_000]);
    expect([a?.serviceMedianMs, b?.serviceMedianMs]).toEqual([110, 55]);
    expect(a?.initMedianMs).toBe(800);
  });

  it('says what shipping the second would change, in dollars a month', () => {
    // Prepare
    const saving = -(result.variants[1]?.monthlyDifferenceUsd ?? 0);
    // Act
    const [verdict] = whatIfVerdicts(result);
    const text = whatIfTextReport(result);
    const json = whatIfJson(result);
    // Assess
    expect(verdict).toBe(
      `int8 meets the SLO in as many windows as fp32 (100.0% vs 100.0%) for $${saving.toFixed(saving < 1 ? 3 : 2)} less a month.`,
    );
    expect(text).toContain('model size');
    expect(text).toMatch(/model size\s+39\.1 KB\s+9\.8 KB/);
    expect(text).toMatch(/tuned cost \/ M requests\s+\$\d/);
    expect(text).toContain(verdict);
    expect(json.variants.map((v) => v.label)).toEqual(['fp32', 'int8']);
    expect(whatIfReportSchema.parse(JSON.parse(JSON.stringify(json)))).toEqual(json);
    expect(json).toMatchObject({ kind: 'lambda-thermostat.what-if', version: 1 });
    expect(json.variants[1]?.monthlyDifferenceUsd).toBeCloseTo(-saving, 12);
  });

  it('names the profile that misses more windows, and what it saves', async () => {
    // Prepare: a model whose service alone breaks a 500 ms target, and memory cannot speed up
    const heavy = smallProfile({ name: 'heavy', serviceMs: [600], cpuBoundFraction: 0 });
    // Act
    const missing = await compareProfiles({
      trace,
      functionId: 'f',
      sloP99Ms: 500,
      profiles: [
        { label: 'light', profile: fast },
        { label: 'heavy', profile: heavy },
      ],
    });
    // Assess
    const [verdict] = whatIfVerdicts(missing);
    expect(missing.variants[1]?.windowsDifference).toBeLessThan(0);
    expect(verdict).toMatch(/^heavy misses the SLO in \d+ more windows? than light \(/);
  });

  it('refuses fewer than two profiles, naming the profiles option', async () => {
    // Prepare / Act / Assess
    await expect(
      compareProfiles({
        trace,
        functionId: 'f',
        sloP99Ms: 100,
        profiles: [{ label: 'one', profile: slow }],
      }),
    ).rejects.toThrow(BacktestOptionError);
    await expect(
      compareProfiles({ trace, functionId: 'f', sloP99Ms: 100, profiles: [] }),
    ).rejects.toThrow(/^profiles: give at least two profiles to compare, got 0$/);
  });
});
