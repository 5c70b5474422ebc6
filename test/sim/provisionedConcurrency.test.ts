import { describe, expect, it } from 'vitest';
import { fixedServiceModel, simulateFleet } from '../../tuner/sim/index.ts';
import { fleetConfig, scriptedPolicy } from './support/scriptedPolicy.ts';

const model = fixedServiceModel({ initMs: 1000, serviceMs: 100 });

describe('provisioned concurrency', () => {
  it('becomes warm capacity only after the allocation delay', () => {
    // Prepare: PC 0 → 1 requested at 300 s, ready at 390 s; keep-alive 0 so every on-demand
    // request is a cold start. Arrivals at 350 s (before ready) and 400 s (after).
    const policy = scriptedPolicy([
      { atMs: 300_000, config: fleetConfig({ provisionedConcurrency: 1 }) },
    ]);

    // Act
    const result = simulateFleet({
      trace: { kind: 'timestamps', timestampsMs: [350_000, 400_000], startMs: 0 },
      serviceModel: model,
      config: fleetConfig(),
      policy,
      keepAliveSec: 0,
      recordInvocations: true,
    });

    // Assess
    expect(Array.from(result.invocations?.e2eMs ?? [])).toEqual([1100, 100]);
    expect(result.metrics[5]).toMatchObject({ coldStarts: 1, spillover: 1 });
    expect(result.metrics[6]).toMatchObject({ coldStarts: 0, spillover: 0, pcUtilizationMax: 1 });
    expect(result.capacityTimeline.map((c) => [c.atMs, c.provisionedReady])).toEqual([
      [0, 0],
      [390_000, 1],
    ]);
    expect(result.configTimeline.map((c) => c.atMs)).toEqual([0, 300_000]);
  });

  it('is ready from the start when set in the initial configuration, and spills over beyond it', () => {
    // Prepare: PC 1; two overlapping requests.
    const trace = { kind: 'timestamps', timestampsMs: [0, 10] } as const;

    // Act
    const result = simulateFleet({
      trace,
      serviceModel: model,
      config: fleetConfig({ provisionedConcurrency: 1 }),
      recordInvocations: true,
    });

    // Assess: the first runs on PC, the second spills over to a cold on-demand environment.
    expect(Array.from(result.invocations?.e2eMs ?? [])).toEqual([100, 1100]);
    expect(result.totals).toMatchObject({ spillover: 1, coldStarts: 1 });
    expect(result.metrics[0]).toMatchObject({ spillover: 1, pcUtilizationMax: 1 });
  });

  it('decreases at once on idle environments and after the request on busy ones', () => {
    // Prepare: PC 2; a 100 s request arrives at 250 s on PC; PC → 0 at 300 s. The busy
    // environment serves until 350 s, then goes; a request at 320 s finds no PC.
    const long = fixedServiceModel({ initMs: 1000, serviceMs: 100_000 });
    const policy = scriptedPolicy([{ atMs: 300_000, config: fleetConfig() }]);

    // Act
    const result = simulateFleet({
      trace: { kind: 'timestamps', timestampsMs: [250_000, 320_000], startMs: 0, endMs: 420_000 },
      serviceModel: long,
      config: fleetConfig({ provisionedConcurrency: 2 }),
      policy,
      recordInvocations: true,
    });

    // Assess
    expect(Array.from(result.invocations?.e2eMs ?? [])).toEqual([100_000, 101_000]);
    expect(result.capacityTimeline.map((c) => [c.atMs, c.provisionedReady])).toEqual([
      [0, 2],
      [300_000, 0],
    ]);
    // Minute 5 (300–360 s): the retiring environment is allocated and busy until 350 s.
    expect(result.metrics[5]?.pcUtilizationMax).toBe(1);
    expect(result.metrics[5]?.pcUtilizationAvg).toBe(1);
    expect(result.metrics[6]?.pcUtilizationMax).toBeNull();
    // Minute 4 (240–300 s): 2 allocated, one busy from 250 s: average (10 × 0 + 50 × 0.5) / 60.
    expect(result.metrics[4]?.pcUtilizationAvg).toBeCloseTo(25 / 60, 12);
  });

  it('cancels a pending allocation when decreased before it is ready', () => {
    // Prepare: PC 0 → 3 at 300 s, then → 1 at 360 s (control interval 60 s), before 390 s.
    const policy = scriptedPolicy([
      { atMs: 300_000, config: fleetConfig({ provisionedConcurrency: 3 }) },
      { atMs: 360_000, config: fleetConfig({ provisionedConcurrency: 1 }) },
    ]);

    // Act
    const result = simulateFleet({
      trace: { kind: 'perMinute', startMs: 0, counts: new Array(8).fill(0) },
      serviceModel: model,
      config: fleetConfig(),
      policy,
      controlIntervalSec: 60,
    });

    // Assess
    expect(result.capacityTimeline.map((c) => [c.atMs, c.provisionedReady])).toEqual([
      [0, 0],
      [390_000, 1],
    ]);
  });
});
