import { describe, expect, it } from 'vitest';
import { exponentialServiceModel, simulateFleet } from '../../tuner/sim/index.ts';
import { busySeenByArrivals, poissonMinuteCounts, poissonPmf } from './support/queueingTheory.ts';

describe('busy environments against M/G/∞ theory', () => {
  it('follows Poisson(λS) as seen by arrivals, with infinite keep-alive and exponential service', () => {
    // Prepare: λ = 10/s, S = 2 s (λS = 20), no init, keep-alive forever, far below any limit.
    const lambdaPerSec = 10;
    const meanServiceMs = 2000;
    const load = (lambdaPerSec * meanServiceMs) / 1000;
    const counts = poissonMinuteCounts(lambdaPerSec * 60, 600, 11);

    // Act
    const result = simulateFleet({
      trace: { kind: 'perMinute', startMs: 0, counts },
      serviceModel: exponentialServiceModel({ meanServiceMs }),
      config: { memoryMb: 1024, provisionedConcurrency: 0, reservedConcurrency: null },
      keepAliveSec: Number.POSITIVE_INFINITY,
      recordInvocations: true,
      seed: 5,
    });

    // Assess: skip the first 10 minutes (the fleet starts empty), then compare moments and pmf.
    const { arrivalMs, e2eMs } = result.invocations ?? { arrivalMs: null, e2eMs: null };
    if (arrivalMs === null || e2eMs === null) throw new Error('invocations not recorded');
    expect(result.totals.throttled).toBe(0);
    const busy = busySeenByArrivals(arrivalMs, e2eMs);
    const warmup = arrivalMs.findIndex((t) => t >= 600_000);
    const sample = busy.subarray(warmup);
    let sum = 0;
    let sumSq = 0;
    const histogram = new Float64Array(80);
    for (const k of sample) {
      sum += k;
      sumSq += k * k;
      const bin = Math.min(k, 79);
      histogram[bin] = (histogram[bin] ?? 0) + 1;
    }
    const mean = sum / sample.length;
    const variance = sumSq / sample.length - mean * mean;
    expect(Math.abs(mean / load - 1)).toBeLessThan(0.02);
    expect(Math.abs(variance / load - 1)).toBeLessThan(0.05);
    let totalVariation = 0;
    for (let k = 0; k < 80; k++) {
      totalVariation += Math.abs((histogram[k] as number) / sample.length - poissonPmf(k, load));
    }
    expect(totalVariation / 2).toBeLessThan(0.02);
    for (const k of [15, 20, 25]) {
      expect((histogram[k] as number) / sample.length).toBeCloseTo(poissonPmf(k, load), 2);
    }
  });
});
