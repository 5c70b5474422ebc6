import { describe, expect, it } from 'vitest';
import { exponentialServiceModel, simulateFleet } from '../../tuner/sim/index.ts';
import { erlangB, poissonMinuteCounts } from './support/queueingTheory.ts';

describe('throttling against Erlang B', () => {
  it('throttles the Erlang-B share of requests at reserved concurrency 12 and offered load 10', () => {
    // Prepare: λ = 100/s, S = 0.1 s (offered load 10), c = 12, no init, keep-alive forever,
    // ~2.1 million Poisson arrivals.
    const counts = poissonMinuteCounts(100 * 60, 350, 3);
    const expected = erlangB(12, 10);

    // Act
    const result = simulateFleet({
      trace: { kind: 'perMinute', startMs: 0, counts },
      serviceModel: exponentialServiceModel({ meanServiceMs: 100 }),
      config: { memoryMb: 1024, provisionedConcurrency: 0, reservedConcurrency: 12 },
      keepAliveSec: Number.POSITIVE_INFINITY,
      seed: 21,
    });

    // Assess
    const rate = result.totals.throttled / result.totals.arrivals;
    expect(expected).toBeCloseTo(0.1197, 3);
    expect(Math.abs(rate / expected - 1)).toBeLessThan(0.02);
    expect(result.totals.coldStarts).toBeLessThanOrEqual(12);
  });
});
