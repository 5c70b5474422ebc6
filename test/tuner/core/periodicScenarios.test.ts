import { describe, expect, it } from 'vitest';
import {
  forecastDemand,
  periodOf,
  sampleScenario,
  sinceTrafficBegan,
} from '../../../tuner/core/forecast/demandForecast.ts';
import { fitLatencyModel } from '../../../tuner/core/model/latencyModel.ts';
import { lognormalServiceModel } from '../../../tuner/core/model/lognormalServiceModel.ts';
import { HorizonSimulator } from '../../../tuner/core/predict/horizonSimulator.ts';
import { nearestRankPercentile, simulateFleet } from '../../../tuner/sim/index.ts';
import { Xoshiro128 } from '../../../tuner/sim/random/xoshiro128.ts';
import { steadyMinutes } from './fixtures.ts';

const NOW = Date.parse('2026-11-27T12:00:00Z');

/** Two hours of a timer-driven batch: 40 requests in every 5th minute, nothing between. */
const timer = steadyMinutes(120, NOW, 0).map((m, i) => ({
  ...m,
  invocations: i % 5 === 0 ? 40 : 0,
}));

describe('scenarios keep the structure of the traffic', () => {
  it('finds the period of a timer, and none in random or flat traffic', () => {
    // Prepare
    const rng = new Xoshiro128(3);
    const random = Array.from({ length: 30 }, () => Math.floor(rng.next() * 10));

    // Act / Assess
    expect(periodOf(timer.slice(-30).map((m) => m.invocations))).toBe(5);
    expect(periodOf(random)).toBeNull();
    expect(periodOf(new Array<number>(30).fill(7))).toBeNull();
  });

  it('gives every 5-minute window of a timer exactly one batch, in phase', () => {
    // Prepare: the next minute (NOW) is a timer minute: index 120 ≡ 0 (mod 5).
    const forecast = forecastDemand(timer, NOW, 10);

    // Act
    const scenarios = Array.from({ length: 50 }, (_, r) =>
      sampleScenario(forecast, 10, new Xoshiro128(9, r)),
    );

    // Assess: minutes drawn one by one gave windows of 0, 1 or 2 batches.
    for (const counts of scenarios) {
      expect(counts).toEqual([40, 0, 0, 0, 0, 40, 0, 0, 0, 0]);
    }
  });

  it('reads a function that has just woken up at the rate it runs now, not as bursts above it', () => {
    // Prepare: silent for 27 minutes, then 280–290 requests a minute for the last 3
    const woke = steadyMinutes(30, NOW, 0).map((m, i) => ({
      ...m,
      invocations: i < 27 ? 0 : 280 + (i % 3) * 5,
    }));

    // Act
    const forecast = forecastDemand(woke, NOW, 10);
    const scenarios = Array.from({ length: 20 }, (_, r) =>
      sampleScenario(forecast, 10, new Xoshiro128(5, r)),
    );

    // Assess: the silence before the traffic began is not part of its shape. Kept, it made the
    // pool's mean a third of the level, and the rescaled scenarios burst at ~850 a minute.
    expect(forecast.recentCounts).toEqual([280, 285, 290]);
    expect(forecast.levelPerMinute).toBeCloseTo(285, 0);
    for (const counts of scenarios) {
      for (const count of counts) expect(count).toBeLessThanOrEqual(291);
    }
  });

  it('keeps a leading silence no longer than the gaps within the traffic', () => {
    // Prepare / Act / Assess: a sparse function's gap is part of its shape; a long sleep is not
    expect(sinceTrafficBegan([0, 0, 40, 0, 0, 0, 40])).toEqual([0, 0, 40, 0, 0, 0, 40]);
    expect(sinceTrafficBegan([0, 0, 0, 0, 40, 0, 0, 40])).toEqual([40, 0, 0, 40]);
    expect(sinceTrafficBegan([0, 0, 0])).toEqual([0, 0, 0]);
    expect(sinceTrafficBegan([5, 0, 5])).toEqual([5, 0, 5]);
  });

  it('draws contiguous stretches of traffic without a period', () => {
    // Prepare: a ramp 1..30: any stretch of it is consecutive.
    const ramp = steadyMinutes(30, NOW, 0).map((m, i) => ({ ...m, invocations: i + 1 }));
    const forecast = { ...forecastDemand(ramp, NOW, 10), levelPerMinute: 15.5 };

    // Act
    const counts = sampleScenario(forecast, 10, new Xoshiro128(4));

    // Assess
    expect(forecast.period).toBeNull();
    for (let j = 1; j < counts.length; j++) {
      expect((counts[j] as number) - (counts[j - 1] as number)).toBe(1);
    }
  });

  it('predicts on a timer the miss rate on-demand really has', () => {
    // Prepare: the truth: a day of the same timer simulated with the same service model.
    const model = fitLatencyModel(steadyMinutes(60, NOW, 20), 1769) as NonNullable<
      ReturnType<typeof fitLatencyModel>
    >;
    const serviceModel = lognormalServiceModel(model);
    const onDemand = { memoryMb: 1769, provisionedConcurrency: 0, reservedConcurrency: null };
    const day = simulateFleet({
      trace: {
        kind: 'perMinute',
        startMs: 0,
        counts: Array.from({ length: 1440 }, (_, i) => (i % 5 === 0 ? 40 : 0)),
      },
      serviceModel,
      config: onDemand,
      seed: 3,
      recordInvocations: true,
    });
    const truth = missedWindowShare(day, 190);
    const simulator = new HorizonSimulator({
      decisionMs: NOW,
      prefixCounts: timer.slice(-10).map((m) => m.invocations),
      forecast: forecastDemand(timer, NOW, 10),
      horizonMinutes: 10,
      windowMinutes: 5,
      current: onDemand,
      serviceModel,
      thresholdMs: 190,
      sloP99Ms: 200,
      replications: 40,
      seed: 5,
      pricing: {},
      accountConcurrencyLimit: 1000,
    });

    // Act
    const predicted = simulator.predict(onDemand).steadyMissProbability;

    // Assess: within half to one and a half times the truth (random silences and double batches
    // drawn minute by minute made it far off).
    expect(truth).toBeGreaterThan(0.05);
    expect(predicted).toBeGreaterThan(truth * 0.5);
    expect(predicted).toBeLessThan(truth * 1.5);
  });
});

/** The share of 5-minute windows (after the first hour) whose p99 is above a threshold. */
function missedWindowShare(result: ReturnType<typeof simulateFleet>, thresholdMs: number): number {
  const recorded = result.invocations as NonNullable<typeof result.invocations>;
  const byWindow = new Map<number, number[]>();
  for (let i = 0; i < recorded.arrivalMs.length; i++) {
    const w = Math.floor((recorded.arrivalMs[i] as number) / 300_000);
    if (w < 12) continue;
    byWindow.set(w, [...(byWindow.get(w) ?? []), recorded.e2eMs[i] as number]);
  }
  let missed = 0;
  for (const latencies of byWindow.values()) {
    if ((nearestRankPercentile(latencies, 99) as number) > thresholdMs) missed++;
  }
  return missed / byWindow.size;
}
