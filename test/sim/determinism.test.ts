import { describe, expect, it } from 'vitest';
import {
  type SimulationInput,
  serviceModelFromProfile,
  simulateFleet,
} from '../../tuner/sim/index.ts';
import { poissonMinuteCounts } from './support/queueingTheory.ts';
import { fleetConfig, scriptedPolicy } from './support/scriptedPolicy.ts';

function input(seed: number): SimulationInput {
  return {
    trace: { kind: 'perMinute', startMs: 0, counts: poissonMinuteCounts(900, 30, 1) },
    serviceModel: serviceModelFromProfile({
      name: 'mixed',
      memoryMb: 1769,
      initMs: [800, 950, 1200, 2000],
      serviceMs: [40, 55, 61, 70, 90, 180, 400],
      cpuBoundFraction: 0.7,
      maxThreads: 2,
    }),
    config: fleetConfig({ provisionedConcurrency: 1 }),
    policy: scriptedPolicy([
      { atMs: 600_000, config: fleetConfig({ memoryMb: 3008, provisionedConcurrency: 3 }) },
    ]),
    keepAliveSec: 45,
    recordInvocations: true,
    seed,
  };
}

describe('determinism', () => {
  it('gives identical results for the same seed', () => {
    // Prepare / Act
    const a = simulateFleet(input(42));
    const b = simulateFleet(input(42));

    // Assess
    expect(b.metrics).toEqual(a.metrics);
    expect(b.totals).toEqual(a.totals);
    expect(b.cost).toEqual(a.cost);
    expect(b.capacityTimeline).toEqual(a.capacityTimeline);
    expect(b.invocations?.arrivalMs).toEqual(a.invocations?.arrivalMs);
    expect(b.invocations?.e2eMs).toEqual(a.invocations?.e2eMs);
  });

  it('gives different results for a different seed', () => {
    // Prepare / Act
    const a = simulateFleet(input(42));
    const b = simulateFleet(input(43));

    // Assess: same trace counts, different placement and draws.
    expect(b.totals.arrivals).toBe(a.totals.arrivals);
    expect(b.invocations?.arrivalMs).not.toEqual(a.invocations?.arrivalMs);
    expect(b.metrics).not.toEqual(a.metrics);
    expect(b.cost.total).not.toBe(a.cost.total);
  });
});
