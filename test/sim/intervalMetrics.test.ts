import { describe, expect, it } from 'vitest';
import {
  fixedServiceModel,
  type IntervalMetrics,
  serviceModelFromProfile,
  simulateFleet,
} from '../../tuner/sim/index.ts';
import { fleetConfig } from './support/scriptedPolicy.ts';

describe('per-minute metrics', () => {
  it('fills every CloudWatch-shaped field from the invocations that arrived in the minute', () => {
    // Prepare: a profile with two service samples (100 and 300 ms, 40% CPU-bound) at its own
    // memory; 4 requests in minute 0, spaced so that they run one at a time; minute 1 empty.
    const model = serviceModelFromProfile({
      name: 'p',
      memoryMb: 1024,
      initMs: [700],
      serviceMs: [100, 300],
      cpuBoundFraction: 0.4,
      maxThreads: 1,
    });
    const trace = {
      kind: 'timestamps',
      timestampsMs: [0, 10_000, 20_000, 30_000],
      startMs: 0,
      endMs: 120_000,
    } as const;

    // Act
    const result = simulateFleet({ trace, serviceModel: model, config: fleetConfig(), seed: 3 });

    // Assess
    const [first, second] = result.metrics as [IntervalMetrics, IntervalMetrics];
    const durations = [first.durationP50Ms, first.durationP99Ms];
    expect(first).toMatchObject({
      startMs: 0,
      periodSec: 60,
      invocations: 4,
      throttles: 0,
      errors: 0,
      concurrencyMax: 1,
      pcUtilizationMax: null,
      pcUtilizationAvg: null,
      spillover: 0,
      coldStarts: 1,
      initP50Ms: 700,
    });
    for (const d of durations) expect([100, 300]).toContain(d);
    const meanService = first.invokeLatencyAvgMs ?? Number.NaN;
    expect(first.cpuTimeAvgMs).toBeCloseTo(meanService * 0.4, 12);
    // The nearest-rank p99 of 4 values is the largest: the cold start's init + service.
    expect([800, 1000]).toContain(first.e2eP99Ms);
    expect(second).toEqual({
      startMs: 60_000,
      periodSec: 60,
      invocations: 0,
      throttles: 0,
      errors: 0,
      durationP50Ms: null,
      durationP99Ms: null,
      concurrencyMax: null,
      pcUtilizationMax: null,
      pcUtilizationAvg: null,
      spillover: 0,
      e2eP50Ms: null,
      e2eP99Ms: null,
      coldStarts: 0,
      initP50Ms: null,
      cpuTimeAvgMs: null,
      invokeLatencyAvgMs: null,
    });
  });

  it('takes nearest-rank percentiles', () => {
    // Prepare: 100 sequential requests whose service times are 1..100 ms in some order.
    const samples = Array.from({ length: 100 }, (_, i) => i + 1);
    let next = 0;
    const model = {
      cpuBoundFraction: null,
      sampleInitMs: () => 0,
      sampleServiceMs: () => samples[(next++ * 37) % 100] as number,
    };
    const timestampsMs = Array.from({ length: 100 }, (_, i) => i * 200);

    // Act
    const result = simulateFleet({
      trace: { kind: 'timestamps', timestampsMs },
      serviceModel: model,
      config: fleetConfig(),
    });

    // Assess
    expect(result.metrics[0]).toMatchObject({
      durationP50Ms: 50,
      durationP99Ms: 99,
      e2eP50Ms: 50,
      e2eP99Ms: 99,
      cpuTimeAvgMs: null,
      invokeLatencyAvgMs: 50.5,
    });
  });

  it('reports PC utilisation as a maximum and a time-weighted average', () => {
    // Prepare: PC 4; one 30 s request at 0 s and one at 15 s.
    const trace = { kind: 'timestamps', timestampsMs: [0, 15_000] } as const;

    // Act
    const result = simulateFleet({
      trace,
      serviceModel: fixedServiceModel({ initMs: 0, serviceMs: 30_000 }),
      config: fleetConfig({ provisionedConcurrency: 4 }),
    });

    // Assess: 1/4 for 15 s, 2/4 for 15 s, 1/4 for 15 s, 0 for 15 s.
    expect(result.metrics[0]?.pcUtilizationMax).toBe(0.5);
    expect(result.metrics[0]?.pcUtilizationAvg).toBeCloseTo((0.25 + 0.5 + 0.25) / 4, 12);
    expect(result.metrics[0]?.concurrencyMax).toBe(2);
  });

  it('reports concurrency carried over from an earlier minute', () => {
    // Prepare: one 90 s request.
    const trace = { kind: 'timestamps', timestampsMs: [0], endMs: 180_000 } as const;

    // Act
    const result = simulateFleet({
      trace,
      serviceModel: fixedServiceModel({ initMs: 0, serviceMs: 90_000 }),
      config: fleetConfig(),
    });

    // Assess
    expect(result.metrics.map((m) => m.concurrencyMax)).toEqual([1, 1, null]);
  });

  it('uses trace durations verbatim when asked', () => {
    // Prepare
    const trace = {
      kind: 'timestamps',
      timestampsMs: [0, 1000],
      durationsMs: [12.5, 40],
    } as const;

    // Act
    const result = simulateFleet({
      trace,
      serviceModel: fixedServiceModel({ initMs: 0, serviceMs: 999 }),
      config: fleetConfig({ memoryMb: 4096 }),
      useTraceDurations: true,
    });

    // Assess
    expect(result.metrics[0]).toMatchObject({ durationP50Ms: 12.5, durationP99Ms: 40 });
  });
});
