import { describe, expect, it } from 'vitest';
import {
  createBacktestContext,
  onDemandPolicy,
  peakConcurrency,
  runBacktest,
  staticPeakPolicy,
} from '../../tuner/backtest/index.ts';
import { serviceModelFromProfile, simulateFleet } from '../../tuner/sim/index.ts';
import { repeated, smallProfile } from './support/backtestFixtures.ts';

// Two hours: quiet minutes, and a burst of 120 requests every 20 minutes.
const trace = repeated(120, (m) => (m % 20 === 0 ? 120 : 3));
const profile = smallProfile();

describe('on-demand', () => {
  it('runs the profile memory with no provisioned concurrency, all day', async () => {
    // Prepare
    const context = createBacktestContext({ trace, functionId: 'f', profile, sloP99Ms: 300 });

    // Act
    const run = await onDemandPolicy.prepare(context);
    const [outcome] = (
      await runBacktest({ trace, functionId: 'f', profile, sloP99Ms: 300, policies: ['on-demand'] })
    ).policies;

    // Assess
    expect(run.config).toEqual({
      memoryMb: 1024,
      provisionedConcurrency: 0,
      reservedConcurrency: null,
    });
    expect(run.policy).toBeUndefined();
    expect(outcome?.configChanges).toBe(0);
    expect(outcome?.cost.provisioned).toBe(0);
    expect(outcome?.cost.provisionedDuration).toBe(0);
  });

  it('takes --memory-mb over the profile’s memory', async () => {
    // Prepare
    const context = createBacktestContext({
      trace,
      functionId: 'f',
      profile,
      sloP99Ms: 300,
      memoryMb: 2048,
    });

    // Act
    const run = await onDemandPolicy.prepare(context);

    // Assess
    expect(run.config.memoryMb).toBe(2048);
  });
});

describe('static-peak', () => {
  it('provisions the on-demand peak concurrency of the same trace at the same memory', async () => {
    // Prepare: the peak measured independently, from a plain on-demand simulation.
    const onDemand = simulateFleet({
      trace,
      serviceModel: serviceModelFromProfile(profile),
      config: { memoryMb: 1024, provisionedConcurrency: 0, reservedConcurrency: null },
      seed: 1,
    });
    const expectedPeak = Math.max(...onDemand.metrics.map((m) => m.concurrencyMax ?? 0));
    const context = createBacktestContext({ trace, functionId: 'f', profile, sloP99Ms: 300 });

    // Act
    const run = await staticPeakPolicy.prepare(context);

    // Assess
    expect(expectedPeak).toBeGreaterThan(1);
    expect(peakConcurrency(onDemand.metrics)).toBe(expectedPeak);
    expect(run.config).toEqual({
      memoryMb: 1024,
      provisionedConcurrency: expectedPeak,
      reservedConcurrency: null,
    });
    expect(run.policy).toBeUndefined();
  });

  it('holds that PC from the first instant, so no request starts cold', async () => {
    // Prepare / Act
    const result = await runBacktest({
      trace,
      functionId: 'f',
      profile,
      sloP99Ms: 300,
      policies: ['on-demand', 'static-peak'],
    });
    const [onDemand, staticPeak] = result.policies;

    // Assess
    expect(onDemand?.coldStarts).toBeGreaterThan(0);
    expect(staticPeak?.coldStarts).toBe(0);
    expect(staticPeak?.windowsMeetingSlo).toBe(staticPeak?.windowsWithTraffic);
    expect(staticPeak?.cost.provisioned).toBeGreaterThan(0);
  });
});
