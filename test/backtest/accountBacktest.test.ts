import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { BacktestOptionError, runAccountBacktest } from '../../tuner/backtest/index.ts';
import { parseProfile } from '../../tuner/core/profile/parseProfile.ts';
import type { ArrivalTrace } from '../../tuner/sim/index.ts';

const START_MS = Date.parse('2026-11-27T00:00:00Z');

/** Two hours of sparse, bursty traffic: every cold start is a missed window, so PC pays. */
function bursty(offset: number): ArrivalTrace {
  const counts = Array.from({ length: 120 }, (_, i) => ((i + offset) % 7 === 0 ? 30 : 8));
  return { kind: 'perMinute', startMs: START_MS, counts };
}

async function profile() {
  return parseProfile(await readFile('test/backtest/fixtures/profile.json', 'utf8'));
}

describe('runAccountBacktest', () => {
  it("holds reservations back when the account's headroom is spent, and raises them when it is not", async () => {
    // Prepare: two functions reserved at 1 each; an account of 102 leaves no headroom above the
    // 100 Lambda keeps unreserved, one of 1,000 leaves plenty
    const functions = [
      { functionId: 'scorer-a', trace: bursty(0) },
      { functionId: 'scorer-b', trace: bursty(3) },
    ];
    const common = { functions, profile: await profile(), sloP99Ms: 200, reservedConcurrency: 1 };

    // Act
    const tight = await runAccountBacktest({ ...common, accountConcurrencyLimit: 102 });
    const roomy = await runAccountBacktest({ ...common, accountConcurrencyLimit: 1000 });

    // Assess: in the tight account the headroom binds and nothing rises above 1; in the roomy
    // one the same cycle raises reservations to fit the PC it buys
    expect(tight.cycles).toBeGreaterThan(20);
    expect(tight.cyclesHeldByAccountHeadroom).toBeGreaterThan(0);
    expect(tight.leastUnreservedConcurrency).toBe(100);
    expect(tight.reservations.map((r) => r.highest)).toEqual([1, 1]);
    expect(roomy.cyclesHeldByAccountHeadroom).toBe(0);
    expect(Math.max(...roomy.reservations.map((r) => r.highest ?? 0))).toBeGreaterThan(1);
    expect(roomy.leastUnreservedConcurrency).toBeGreaterThanOrEqual(100);
    expect(tight.functions.map((f) => f.policies.map((p) => p.policy))).toEqual([
      ['on-demand', 'thermostat'],
      ['on-demand', 'thermostat'],
    ]);
    const totals = tight.totals.find((t) => t.policy === 'thermostat');
    // 24 windows each, the first left out of every policy's attainment
    expect(totals?.windowsWithTraffic).toBe(2 * 23);
    expect(totals?.costUsd).toBeCloseTo(
      tight.functions.reduce((sum, f) => sum + (f.policies[1]?.costUsd ?? 0), 0),
      10,
    );
  });

  it.each([
    [{ functions: [{ functionId: 'a', trace: bursty(0) }] }, /^functions: name at least two/],
    [
      {
        functions: [
          { functionId: 'a', trace: bursty(0) },
          { functionId: 'a', trace: bursty(1) },
        ],
      },
      /^functions: 'a' is named twice/,
    ],
    [
      {
        functions: [
          { functionId: 'a', trace: bursty(0) },
          { functionId: 'b', trace: { ...bursty(1), startMs: START_MS + 60_000 } },
        ],
      },
      /^functions: 'b' starts at another time/,
    ],
    [{ accountConcurrencyLimit: 99 }, /^accountConcurrencyLimit: must be an integer in 100\.\./],
    [
      { accountConcurrencyLimit: 200, reservedConcurrency: 51 },
      /^reservedConcurrency: .*at most 50 each\), got 51/,
    ],
    [{ sloP99Ms: -1 }, /^sloP99Ms: must be a number > 0/],
  ])('rejects %j naming the option', async (override, message) => {
    // Prepare
    const options = {
      functions: [
        { functionId: 'a', trace: bursty(0) },
        { functionId: 'b', trace: bursty(1) },
      ],
      profile: await profile(),
      sloP99Ms: 200,
      ...override,
    };

    // Act
    const run = runAccountBacktest(options);

    // Assess
    await expect(run).rejects.toThrow(BacktestOptionError);
    await expect(run).rejects.toThrow(message);
  });
});
