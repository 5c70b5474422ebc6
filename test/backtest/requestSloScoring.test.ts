import { describe, expect, it } from 'vitest';
import { BacktestOptionError, runBacktest, scoreSimulation } from '../../tuner/backtest/index.ts';
import { errorLine } from '../../tuner/commands/optionFlags.ts';
import type { RequestBasedSlo } from '../../tuner/core/slo/serviceLevelObjective.ts';
import { periodSloFromP99 } from '../../tuner/core/slo/serviceLevelObjective.ts';
import { handMadeResult, repeated, smallProfile } from './support/backtestFixtures.ts';

const MINUTE_MS = 60_000;
const DAY = { kind: 'rolling', duration: 1, durationUnit: 'DAY' } as const;

const requestSlo = (attainmentGoal: number): RequestBasedSlo => ({
  kind: 'request',
  latencyMs: 200,
  goal: { attainmentGoal, interval: DAY, warningThreshold: 50 },
});

describe('scoring a request-based SLO', () => {
  it('counts good requests and the budget left at the end of the trace, by hand', () => {
    // Prepare: 10 minutes, two 5-minute windows; 1,000 requests, 4 of them slow and 1 throttled
    const served: [number, number][] = [];
    for (let i = 0; i < 999; i++) served.push([i * 600, i % 250 === 0 ? 900 : 50]);
    const result = handMadeResult({ minutes: 10, served, throttlesByMinute: { 9: 1 } });

    // Act
    const score = scoreSimulation(result, {
      sloP99Ms: 200,
      windowMinutes: 5,
      objective: requestSlo(99.9),
    });

    // Assess: 0.1% of 1,000 requests is 1 allowed; 5 bad spend 5 — 400% over
    expect(score.requestsScored).toBe(1000);
    expect(score.goodRequests).toBe(995);
    expect(score.goodRequestShare).toBeCloseTo(0.995, 12);
    expect(score.errorBudget).toMatchObject({ unit: 'requests', spent: 5, exhausted: true });
    expect(score.errorBudget?.total).toBeCloseTo(1, 9);
    expect(score.errorBudget?.remainingPercent).toBeCloseTo(-400, 6);
    // The last hour is the whole trace: 0.5% bad against 0.1% allowed
    expect(score.errorBudget?.burnRate).toBeCloseTo(5, 6);
  });

  it('leaves the warm-up windows out of the requests, as out of the windows', () => {
    // Prepare: one slow request in the first window only
    const served: [number, number][] = [
      [0, 900],
      [6 * MINUTE_MS, 50],
      [7 * MINUTE_MS, 60],
    ];
    const result = handMadeResult({ minutes: 10, served });

    // Act
    const score = scoreSimulation(result, {
      sloP99Ms: 200,
      windowMinutes: 5,
      warmUpWindows: 1,
      objective: requestSlo(99),
    });

    // Assess
    expect(score).toMatchObject({ requestsScored: 2, goodRequests: 2, goodRequestShare: 1 });
    expect(score.errorBudget?.spent).toBe(0);
  });

  it('budgets a period-based SLO over the periods of its interval', () => {
    // Prepare: window 0 misses (a throttle), window 1 meets
    const served: [number, number][] = [[6 * MINUTE_MS, 50]];
    const result = handMadeResult({ minutes: 10, served, throttlesByMinute: { 1: 1 } });

    // Act
    const score = scoreSimulation(result, {
      sloP99Ms: 200,
      windowMinutes: 5,
      objective: periodSloFromP99(200, 5, {
        attainmentGoal: 99,
        interval: DAY,
        warningThreshold: 50,
      }),
    });

    // Assess: a day of 5-minute periods is 288; 1% of them is 2.88
    expect(score.errorBudget).toMatchObject({ unit: 'periods', spent: 1 });
    expect(score.errorBudget?.total).toBeCloseTo(2.88, 9);
  });
});

describe('a request-based backtest', () => {
  const trace = repeated(60, (m) => (m % 15 === 0 ? 60 : 2));
  const base = { trace, functionId: 'fn', profile: smallProfile() };

  it('scores every policy on the request SLO and reports the budget left', async () => {
    // Act
    const result = await runBacktest({
      ...base,
      slo: { requestBasedSli: { latencyMs: 300 }, goal: { attainmentGoal: 99.5 } },
      policies: ['on-demand', 'static-peak'],
    });

    // Assess
    expect(result.objective).toMatchObject({ kind: 'request', latencyMs: 300 });
    expect(result.objective.goal.interval).toEqual(DAY);
    expect(result.sloP99Ms).toBe(300);
    for (const policy of result.policies) {
      expect(policy.errorBudget?.unit).toBe('requests');
      expect(policy.errorBudget?.total).toBeCloseTo(policy.requestsScored * 0.005, 9);
      expect(policy.errorBudget?.spent).toBe(policy.requestsScored - policy.goodRequests);
    }
    // PC at the peak all hour: no cold start, every request good
    const peak = result.policies.find((p) => p.policy === 'static-peak');
    expect(peak?.goodRequestShare).toBe(1);
    const onDemand = result.policies.find((p) => p.policy === 'on-demand');
    expect(onDemand?.goodRequests).toBeLessThan(onDemand?.requestsScored ?? 0);
  });

  it('names the field of a bad SLO, and the CLI its flag', async () => {
    // Act
    const error = await runBacktest({
      ...base,
      slo: { requestBasedSli: { latencyMs: 300 }, goal: { attainmentGoal: 100 } },
    }).catch((e: Error) => e);
    const missing = await runBacktest(base).catch((e: Error) => e);

    // Assess
    expect(error).toBeInstanceOf(BacktestOptionError);
    expect((error as Error).message).toBe(
      'slo.goal.attainmentGoal: 100 is not below 100 (percent of good periods or requests)',
    );
    expect(errorLine(error as Error)).toBe(
      'BacktestOptionError: --slo-goal: 100 is not below 100 (percent of good periods or requests)',
    );
    expect(errorLine(missing as Error)).toBe(
      'BacktestOptionError: --slo-p99-ms: give the SLO: sloP99Ms or slo',
    );
  });
});
