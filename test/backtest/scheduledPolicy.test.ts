import { describe, expect, it } from 'vitest';
import {
  createBacktestContext,
  createScheduledPolicy,
  hourlyPeakConcurrency,
  hourlyPlan,
  scheduledPolicy,
} from '../../tuner/backtest/index.ts';
import {
  type FleetConfig,
  type PolicyInput,
  serviceModelFromProfile,
  simulateFleet,
} from '../../tuner/sim/index.ts';
import { repeated, smallProfile } from './support/backtestFixtures.ts';

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
const profile = smallProfile();
const start: FleetConfig = { memoryMb: 1024, provisionedConcurrency: 0, reservedConcurrency: null };

function at(nowMs: number): PolicyInput {
  return { nowMs, history: [], config: start, availableProvisionedConcurrency: 0 };
}

describe('scheduled: the plan', () => {
  it("takes each hour from the previous day's same hour", () => {
    // Prepare: 26 hours of peaks.
    const peaks = [...Array.from({ length: 24 }, (_, h) => h), 90, 91];

    // Act
    const plan = hourlyPlan(peaks);

    // Assess: hours 24 and 25 take hours 0 and 1; day one falls back to itself.
    expect(plan.provisionedConcurrency.slice(24)).toEqual([0, 1]);
    expect(plan.provisionedConcurrency.slice(0, 24)).toEqual(peaks.slice(0, 24));
    expect(plan.sameDayHours).toBe(24);
  });

  it('holds the larger of two hours from 5 minutes before the next one', () => {
    // Prepare
    const policy = createScheduledPolicy({ memoryMb: 1024, startMs: 0, plan: [2, 5, 1] });

    // Act
    const pcAt = (ms: number) => policy.decide(at(ms)).provisionedConcurrency;

    // Assess
    expect(pcAt(0)).toBe(2);
    expect(pcAt(HOUR_MS - 10 * MINUTE_MS)).toBe(2);
    expect(pcAt(HOUR_MS - 5 * MINUTE_MS)).toBe(5);
    expect(pcAt(HOUR_MS)).toBe(5);
    expect(pcAt(2 * HOUR_MS - 5 * MINUTE_MS)).toBe(5);
    expect(pcAt(2 * HOUR_MS)).toBe(1);
    expect(pcAt(5 * HOUR_MS)).toBe(1);
  });
});

describe('scheduled: on traces', () => {
  it("uses the previous day's hourly peaks of an on-demand run, and the same day on day one", async () => {
    // Prepare: day one's rate follows the hour (0, 10, 20, 30 a minute, repeating); day two is flat.
    const trace = repeated(48 * 60, (m) => (m < 24 * 60 ? (Math.floor(m / 60) % 4) * 10 : 15));
    const onDemand = simulateFleet({
      trace,
      serviceModel: serviceModelFromProfile(profile),
      config: start,
      seed: 1,
    });
    const peakOfHour = (h: number) =>
      Math.max(0, ...onDemand.metrics.slice(h * 60, h * 60 + 60).map((m) => m.concurrencyMax ?? 0));
    const context = createBacktestContext({ trace, functionId: 'f', profile, sloP99Ms: 300 });

    // Act
    const run = await scheduledPolicy.prepare(context);
    const pcAt = (ms: number) => run.policy?.decide(at(ms)).provisionedConcurrency;

    // Assess
    expect(hourlyPeakConcurrency(onDemand.metrics)[3]).toBe(peakOfHour(3));
    expect(peakOfHour(3)).toBeGreaterThan(peakOfHour(0));
    expect(pcAt(27 * HOUR_MS + 10 * MINUTE_MS)).toBe(peakOfHour(3));
    expect(pcAt(26 * HOUR_MS + 10 * MINUTE_MS)).toBe(peakOfHour(2));
    expect(pcAt(3 * HOUR_MS + 10 * MINUTE_MS)).toBe(peakOfHour(3));
    expect(run.config.provisionedConcurrency).toBe(peakOfHour(0));
    expect(run.notes?.join(' ')).toMatch(/first 24 hours have no previous day/);
  });

  it('says that a one-day trace flatters it', async () => {
    // Prepare
    const context = createBacktestContext({
      trace: repeated(24 * 60, (m) => (m % 60 < 5 ? 30 : 1)),
      functionId: 'f',
      profile,
      sloP99Ms: 300,
    });

    // Act
    const run = await scheduledPolicy.prepare(context);

    // Assess
    expect(run.notes?.join(' ')).toMatch(/one day.*same hour.*perfectly seasonal.*flatters/);
  });
});
