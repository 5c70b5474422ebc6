import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../tuner/backtest/index.ts';
import { thermostatPolicy } from '../../tuner/backtest/thermostat/thermostatPolicy.ts';
import type { TargetPlan } from '../../tuner/core/plan/targetPlan.ts';
import { serviceModelFromProfile, simulateFleet } from '../../tuner/sim/index.ts';
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
  it('stays on-demand where on-demand already meets the SLO (a busy, steady function)', async () => {
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
    // Assess
    const [onDemand, thermostat] = result.policies;
    expect(thermostat?.attainment).toBe(onDemand?.attainment);
    expect(thermostat?.cost.provisioned).toBe(0);
    expect(thermostat?.costUsd).toBeCloseTo(onDemand?.costUsd as number, 10);
  }, 180_000);

  it('buys warm capacity where every cold start misses a window, and meets far more windows', async () => {
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
  }, 180_000);

  it('decides from what CloudWatch would show, every 5 minutes, with a reason for every action', () => {
    // Prepare
    const plans: Array<{ plan: TargetPlan; nowMs: number }> = [];
    const trace = repeated(60, (m) => (m % 9 === 0 ? 40 : 10));
    // Act
    simulateFleet({
      trace,
      serviceModel: serviceModelFromProfile(profile),
      config: { memoryMb: 1769, provisionedConcurrency: 0, reservedConcurrency: null },
      policy: thermostatPolicy({
        sloP99Ms: 200,
        onPlan: (plan, nowMs) => plans.push({ plan, nowMs }),
      }),
      controlIntervalSec: 300,
    });
    // Assess
    expect(plans.map((p) => p.nowMs / 60_000)).toEqual([5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55]);
    for (const { plan } of plans) {
      expect(plan.status).toBe('planned');
      for (const action of plan.actions)
        expect(action.reason).toMatch(/predicted p99 \d+ ms vs target 200 ms/);
    }
  });
});
