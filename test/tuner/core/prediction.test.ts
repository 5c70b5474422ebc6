import { describe, expect, it } from 'vitest';
import { forecastDemand, sampleScenario } from '../../../tuner/core/forecast/demandForecast.ts';
import { fitLatencyModel, weightedQuantile } from '../../../tuner/core/model/latencyModel.ts';
import { lognormalServiceModel } from '../../../tuner/core/model/lognormalServiceModel.ts';
import {
  HorizonSimulator,
  smoothedMissProbability,
} from '../../../tuner/core/predict/horizonSimulator.ts';
import { Xoshiro128 } from '../../../tuner/sim/random/xoshiro128.ts';
import { steadyMinutes } from './fixtures.ts';

const NOW = Date.parse('2026-11-27T12:00:00Z');

describe('the latency model', () => {
  it('fits duration quantiles, init and the CPU-bound share from per-minute metrics', () => {
    // Act
    const model = fitLatencyModel(steadyMinutes(60, NOW, 50), 1769);
    // Assess
    expect(model).toMatchObject({
      referenceMemoryMb: 1769,
      serviceP50Ms: 110,
      serviceP99Ms: 140,
      initP50Ms: 330,
      maxThreads: 1,
    });
    expect(model?.cpuBoundFraction).toBeCloseTo(108 / 112, 10);
  });

  it('says what it assumed when no cold start or CPU time was seen, and sees several threads', () => {
    const model = fitLatencyModel(
      steadyMinutes(30, NOW, 50, {
        coldStarts: 0,
        initP50Ms: null,
        cpuTimeAvgMs: 250,
        invokeLatencyAvgMs: 100,
      }),
      3538,
    );
    expect(model?.assumptions.join()).toContain('no cold start observed');
    expect(model?.maxThreads).toBe(3);
    expect(fitLatencyModel(steadyMinutes(10, NOW, 0), 1769)).toBeNull();
  });

  it('scales simulated durations with memory by the CPU-share rule', () => {
    // Prepare: fully CPU-bound on one thread, observed at 1,769 MB
    const model = fitLatencyModel(
      steadyMinutes(30, NOW, 50, { cpuTimeAvgMs: 112, invokeLatencyAvgMs: 112 }),
      1769,
    );
    const service = lognormalServiceModel(model as NonNullable<typeof model>);
    const median = (memoryMb: number) => {
      const rng = new Xoshiro128(3);
      const xs = Array.from({ length: 4001 }, () => service.sampleServiceMs(rng, memoryMb)).sort(
        (a, b) => a - b,
      );
      return xs[2000] as number;
    };
    // Act & Assess: half the CPU doubles the time; more than one vCPU does not help one thread
    expect(median(884.5) / median(1769)).toBeCloseTo(2, 1);
    expect(median(3538) / median(1769)).toBeCloseTo(1, 1);
    expect(median(1769)).toBeCloseTo(110, -1);
  });

  it('weights quantiles by traffic', () => {
    expect(
      weightedQuantile(
        [
          [10, 1],
          [20, 3],
        ],
        0.5,
      ),
    ).toBe(20);
    expect(
      weightedQuantile(
        [
          [10, 3],
          [20, 1],
        ],
        0.5,
      ),
    ).toBe(10);
  });
});

describe('the demand forecast', () => {
  it('forecasts from the recent level when there is no older history', () => {
    const forecast = forecastDemand(steadyMinutes(60, NOW, 40), NOW, 10);
    expect(forecast).toMatchObject({ levelPerMinute: 40, basis: 'recent' });
  });

  it('uses yesterday’s change from now to next when the history reaches back a day', () => {
    // Prepare: yesterday traffic jumped from 40 to 120 a minute at this time; today it is 50 now
    const day = steadyMinutes(24 * 60 + 60, NOW, 50).map((m) => {
      const minutesAgo = (NOW - m.startMs) / 60_000;
      const yesterdayOffset = minutesAgo - 24 * 60; // > 0: before "now" yesterday
      if (minutesAgo > 24 * 60 + 60) return m;
      if (minutesAgo >= 24 * 60 - 30 && minutesAgo <= 24 * 60 + 60)
        return { ...m, invocations: yesterdayOffset > 0 ? 40 : 120 };
      return m;
    });
    // Act
    const forecast = forecastDemand(day, NOW, 10);
    // Assess: today's level × 3
    expect(forecast.basis).toBe('recent+daily');
    expect(forecast.levelPerMinute).toBeCloseTo(150, 5);
  });

  it('draws scenarios whose mean is the forecast level', () => {
    const forecast = {
      levelPerMinute: 20,
      recentCounts: [5, 15, 40],
      recentMean: 20,
      basis: 'recent' as const,
    };
    const counts = sampleScenario(forecast, 20_000, new Xoshiro128(1));
    expect(counts.reduce((a, b) => a + b, 0) / counts.length).toBeCloseTo(20, 0);
  });
});

describe('the horizon simulator', () => {
  const model = fitLatencyModel(steadyMinutes(60, NOW, 20), 1769) as NonNullable<
    ReturnType<typeof fitLatencyModel>
  >;
  const simulator = new HorizonSimulator({
    decisionMs: NOW,
    prefixCounts: Array.from({ length: 10 }, () => 20),
    forecast: {
      levelPerMinute: 20,
      recentCounts: [5, 20, 45, 10, 20],
      recentMean: 20,
      basis: 'recent',
    },
    horizonMinutes: 10,
    windowMinutes: 5,
    current: { memoryMb: 1769, provisionedConcurrency: 0, reservedConcurrency: null },
    serviceModel: lognormalServiceModel(model),
    thresholdMs: 190,
    sloP99Ms: 200,
    replications: 12,
    seed: 5,
    pricing: {},
    accountConcurrencyLimit: 1000,
  });

  it('predicts fewer missed windows with more provisioned concurrency, for more money', () => {
    // Act
    const predictions = [0, 1, 2, 4].map((pc) =>
      simulator.predict({ memoryMb: 1769, provisionedConcurrency: pc, reservedConcurrency: null }),
    );
    // Assess
    for (let i = 1; i < predictions.length; i++) {
      expect(predictions[i]?.steadyMissProbability).toBeLessThanOrEqual(
        predictions[i - 1]?.steadyMissProbability as number,
      );
      expect(predictions[i]?.costPerHourUsd).toBeGreaterThan(
        predictions[i - 1]?.costPerHourUsd as number,
      );
    }
    expect(predictions[0]?.steadyMissProbability).toBeGreaterThan(
      predictions[3]?.steadyMissProbability as number,
    );
  });

  it('predicts throttling under a tight reservation', () => {
    const throttled = simulator.predict({
      memoryMb: 1769,
      provisionedConcurrency: 0,
      reservedConcurrency: 1,
    });
    expect(throttled.throttleRate).toBeGreaterThan(0);
    expect(throttled.missProbability).toBeGreaterThan(0.5);
  });

  it('computes a smooth miss probability', () => {
    // No counted miss, shrunk toward P(Poisson(0.25) > 1) = 1 − e^−0.25 (1 + 0.25) with weight 4 of 8
    expect(smoothedMissProbability([[0, 1, 0, 0]], [[1, 1, 1, 1]])).toBeCloseTo(
      (4 * (1 - Math.exp(-0.25) * 1.25)) / 8,
      10,
    );
    // One counted miss in four (two slow where one is allowed) dominates the prior
    const poisson = 1 - Math.exp(-0.5) * 1.5;
    expect(smoothedMissProbability([[0, 2, 0, 0]], [[1, 1, 1, 1]])).toBeCloseTo(
      (1 + 4 * poisson) / 8,
      10,
    );
  });
});
