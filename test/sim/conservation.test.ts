import { describe, expect, it } from 'vitest';
import {
  exponentialServiceModel,
  type FleetConfig,
  type Policy,
  simulateFleet,
} from '../../tuner/sim/index.ts';
import { poissonMinuteCounts } from './support/queueingTheory.ts';

/** A restless policy: flips memory, PC and a tight reservation every step. */
const restless: Policy = {
  name: 'restless',
  decide({ nowMs }): FleetConfig {
    const step = Math.round(nowMs / 300_000);
    return {
      memoryMb: step % 2 === 0 ? 1024 : 2048,
      provisionedConcurrency: step % 3,
      reservedConcurrency: step % 4 === 0 ? 5 : null,
    };
  },
};

describe('accounting of requests', () => {
  it('neither loses nor double-counts an invocation, per minute and in total', () => {
    // Prepare: busy bursty traffic with throttling, spill-over and memory changes.
    const counts = poissonMinuteCounts(300, 120, 8);
    for (let m = 30; m < 35; m++) counts[m] = 20_000;

    // Act
    const result = simulateFleet({
      trace: { kind: 'perMinute', startMs: 1_700_000_000_000, counts },
      serviceModel: exponentialServiceModel({ meanServiceMs: 400, meanInitMs: 800 }),
      config: { memoryMb: 1024, provisionedConcurrency: 2, reservedConcurrency: 20 },
      policy: restless,
      keepAliveSec: 60,
    });

    // Assess
    const t = result.totals;
    expect(t.throttled).toBeGreaterThan(0);
    expect(t.spillover).toBeGreaterThan(0);
    expect(t.served + t.throttled).toBe(t.arrivals);
    expect(result.metrics).toHaveLength(counts.length);
    result.metrics.forEach((m, i) => {
      expect(m.invocations + m.throttles).toBe(counts[i]);
      expect(m.startMs).toBe(1_700_000_000_000 + i * 60_000);
    });
    const served = result.metrics.reduce((sum, m) => sum + m.invocations, 0);
    const coldStarts = result.metrics.reduce((sum, m) => sum + m.coldStarts, 0);
    expect(served).toBe(t.served);
    expect(coldStarts).toBe(t.coldStarts);
  });

  it('accounts timestamp traces the same way', () => {
    // Prepare: 2,000 requests in 3 minutes, reserved concurrency 3.
    const timestampsMs = Array.from({ length: 2000 }, (_, i) => 5_000 + i * 80);

    // Act
    const result = simulateFleet({
      trace: { kind: 'timestamps', timestampsMs },
      serviceModel: exponentialServiceModel({ meanServiceMs: 250 }),
      config: { memoryMb: 512, provisionedConcurrency: 0, reservedConcurrency: 3 },
      recordInvocations: true,
    });

    // Assess
    const perMinute = [0, 0, 0];
    for (const t of timestampsMs) {
      const m = Math.floor(t / 60_000);
      perMinute[m] = (perMinute[m] ?? 0) + 1;
    }
    expect(result.metrics.map((m) => m.invocations + m.throttles)).toEqual(perMinute);
    expect(result.invocations?.arrivalMs.length).toBe(result.totals.served);
    expect(result.totals.served + result.totals.throttled).toBe(2000);
  });
});
