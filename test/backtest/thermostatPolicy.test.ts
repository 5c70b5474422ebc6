import { describe, expect, it } from 'vitest';
import { DEFAULT_PRICING } from '../../sdk/cost/pricingTable.ts';
import { runBacktest } from '../../tuner/backtest/index.ts';
import { thermostatRun } from '../../tuner/backtest/thermostat/thermostatPolicy.ts';
import { type CycleReport, CycleStatus } from '../../tuner/cycle/cycleReport.ts';
import { historyWindows } from '../../tuner/cycle/historyWindows.ts';
import { serviceModelFromProfile } from '../../tuner/sim/index.ts';
import { repeated, smallProfile } from './support/backtestFixtures.ts';

// A profile like the OCR example's: ~110 ms warm, ~330 ms init, CPU-bound on one thread.
const profile = smallProfile({
  memoryMb: 1769,
  initMs: [320, 330, 345],
  serviceMs: [100, 105, 110, 112, 118, 125, 135],
  cpuBoundFraction: 1,
  maxThreads: 1,
});

describe('the thermostat policy in the backtester', () => {
  it('stays on-demand where on-demand already meets the SLO (a busy, steady function), after one cautious start', {
    timeout: 240_000,
  }, async () => {
    // Prepare: 4 hours at ~300 requests a minute: a window of 1,500 absorbs a few cold starts
    const trace = repeated(240, (m) => 280 + (m % 7) * 6);
    // Act
    const result = await runBacktest({
      trace,
      functionId: 'busy',
      profile,
      sloP99Ms: 200,
      policies: ['on-demand', 'thermostat'],
    });
    // Assess: the first cycle sees only 3 complete CloudWatch minutes of a cold fleet and may
    // buy one environment; the cycles after it return to on-demand and stay there.
    const [onDemand, thermostat] = result.policies;
    expect(thermostat?.attainment).toBe(onDemand?.attainment);
    expect(thermostat?.configChanges).toBeLessThanOrEqual(2);
    const rate = DEFAULT_PRICING.default?.x86_64.provisionedUsdPerGbSecond as number;
    const oneEnvironmentFor20Minutes = rate * (1769 / 1024) * 20 * 60;
    expect(thermostat?.cost.provisioned).toBeLessThanOrEqual(oneEnvironmentFor20Minutes);
  });

  it('buys warm capacity where every cold start misses a window, and meets far more windows', {
    timeout: 240_000,
  }, async () => {
    // Prepare: 6 hours at ~12 a minute with bursts: a window of 60 tolerates no slow request
    const trace = repeated(360, (m) => (m % 9 === 0 ? 40 : 8 + (m % 4)));
    // Act
    const result = await runBacktest({
      trace,
      functionId: 'sparse',
      profile,
      sloP99Ms: 200,
      policies: ['on-demand', 'thermostat'],
    });
    // Assess
    const [onDemand, thermostat] = result.policies;
    expect(thermostat?.cost.provisioned).toBeGreaterThan(0);
    expect(thermostat?.attainment as number).toBeGreaterThan(
      (onDemand?.attainment as number) + 0.1,
    );
  });

  it('is the shipped cycle: every 5 minutes it reads the cycle history windows, plans with a reason for every action and writes the handler report', async () => {
    // Prepare
    const reports: Array<{ report: CycleReport; nowMs: number }> = [];
    // Sparse traffic with bursts, where every cold start misses a window: the cycle acts
    const trace = repeated(60, (m) => (m % 9 === 0 ? 40 : 8 + (m % 4)));
    const simulate = thermostatRun({
      sloP99Ms: 200,
      onCycle: (report, nowMs) => {
        reports.push({ report, nowMs });
      },
    });

    // Act
    const result = await simulate({
      trace,
      serviceModel: serviceModelFromProfile(profile),
      config: { memoryMb: 1769, provisionedConcurrency: 0, reservedConcurrency: null },
    });

    // Assess
    expect(reports.map((r) => r.nowMs / 60_000)).toEqual([
      5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55,
    ]);
    expect(result.metrics).toHaveLength(60);
    for (const { report, nowMs } of reports) {
      const windows = historyWindows(nowMs);
      expect(report.kind).toBe('lambda-thermostat.cycle');
      expect(report.status).toBe(CycleStatus.COMPLETED);
      expect(report.windows.recent.start).toBe(new Date(windows.recent.startMs).toISOString());
      expect(report.windows.yesterday.start).toBe(
        new Date(windows.yesterday.startMs).toISOString(),
      );
      expect(report.account).toEqual({ concurrencyLimit: 1000, unreservedConcurrency: 1000 });
      const [target] = report.targets;
      expect(target?.plan.status).toBe('planned');
      for (const action of target?.plan.actions ?? [])
        expect(action.reason).toMatch(/predicted p99 \d+ ms vs target 200 ms/);
    }
    const applied = reports.flatMap((r) => r.report.targets.flatMap((t) => t.results));
    expect(applied.length).toBeGreaterThan(0);
    expect(applied.every((r) => r.status === 'applied')).toBe(true);
    expect(result.configTimeline.length - 1).toBe(applied.length);
  });
});
