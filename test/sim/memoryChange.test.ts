import { describe, expect, it } from 'vitest';
import { DEFAULT_PRICING, priceRow } from '../../sdk/cost/pricingTable.ts';
import { serviceModelFromProfile, simulateFleet } from '../../tuner/sim/index.ts';
import { cpuBoundProfile } from './support/profiles.ts';
import { fleetConfig, scriptedPolicy } from './support/scriptedPolicy.ts';

const model = serviceModelFromProfile(cpuBoundProfile);

describe('a memory change', () => {
  it('takes traffic after the publish delay, discarding every warm environment of the old version', () => {
    // Prepare: 1,024 → 2,048 MB requested at 300 s, in effect at 360 s. A warm environment from
    // 0 s serves 320 s (old version); 370 s needs a cold start at the new memory (fully
    // CPU-bound, 2 threads: twice the memory halves the time).
    const policy = scriptedPolicy([{ atMs: 300_000, config: fleetConfig({ memoryMb: 2048 }) }]);

    // Act
    const result = simulateFleet({
      trace: { kind: 'timestamps', timestampsMs: [0, 320_000, 370_000], startMs: 0 },
      serviceModel: model,
      config: fleetConfig(),
      policy,
      keepAliveSec: Number.POSITIVE_INFINITY,
      recordInvocations: true,
    });

    // Assess
    expect(Array.from(result.invocations?.e2eMs ?? [])).toEqual([1200, 200, 500 + 100]);
    expect(result.metrics[6]?.durationP50Ms).toBe(100);
    expect(result.capacityTimeline.map((c) => [c.atMs, c.memoryMb])).toEqual([
      [0, 1024],
      [360_000, 2048],
    ]);
  });

  it('honours a custom delay', () => {
    // Prepare: a 5 s publish delay.
    const policy = scriptedPolicy([{ atMs: 300_000, config: fleetConfig({ memoryMb: 2048 }) }]);

    // Act
    const result = simulateFleet({
      trace: { kind: 'timestamps', timestampsMs: [0, 306_000], startMs: 0 },
      serviceModel: model,
      config: fleetConfig(),
      policy,
      memoryChangeDelaySec: 5,
      keepAliveSec: Number.POSITIVE_INFINITY,
      recordInvocations: true,
    });

    // Assess
    expect(Array.from(result.invocations?.e2eMs ?? [])).toEqual([1200, 600]);
  });

  it('has provisioned concurrency ready on the new version, billed at the new memory', () => {
    // Prepare: PC 1 at 1,024 MB; memory → 2,048 MB requested at 300 s (in effect at 360 s); a
    // request at 370 s runs on the new version's PC without a cold start. Window: 10 minutes.
    const policy = scriptedPolicy([
      { atMs: 300_000, config: fleetConfig({ memoryMb: 2048, provisionedConcurrency: 1 }) },
    ]);

    // Act
    const result = simulateFleet({
      trace: { kind: 'timestamps', timestampsMs: [370_000], startMs: 0, endMs: 600_000 },
      serviceModel: model,
      config: fleetConfig({ provisionedConcurrency: 1 }),
      policy,
      recordInvocations: true,
    });

    // Assess: 360 s at 1 GB (billed 600 s) then 240 s at 2 GB (billed 300 s).
    expect(Array.from(result.invocations?.e2eMs ?? [])).toEqual([100]);
    expect(result.totals.coldStarts).toBe(0);
    const rate = priceRow(DEFAULT_PRICING, undefined, 'x86_64').provisionedUsdPerGbSecond;
    expect(result.cost.provisioned).toBeCloseTo((1 * 600 + 2 * 300) * rate, 12);
  });

  it('has a PC increase requested with the memory change ready when the new version takes traffic', () => {
    // Prepare: PC 0 → 2 and 1,024 → 2,048 MB at 300 s: the switch at 360 s comes with both
    // environments ready (the allocation delay of 90 s does not apply to the new version's PC).
    const policy = scriptedPolicy([
      { atMs: 300_000, config: fleetConfig({ memoryMb: 2048, provisionedConcurrency: 2 }) },
    ]);

    // Act
    const result = simulateFleet({
      trace: { kind: 'timestamps', timestampsMs: [361_000, 361_001], startMs: 0 },
      serviceModel: model,
      config: fleetConfig(),
      policy,
      recordInvocations: true,
    });

    // Assess
    expect(result.capacityTimeline.map((c) => [c.atMs, c.memoryMb, c.provisionedReady])).toEqual([
      [0, 1024, 0],
      [360_000, 2048, 2],
    ]);
    expect(Array.from(result.invocations?.e2eMs ?? [])).toEqual([100, 100]);
  });

  it('lets busy environments of the old version finish, then drops them', () => {
    // Prepare: a 100 s request from 290 s spans the switch at 360 s; keep-alive forever.
    const slow = serviceModelFromProfile({ ...cpuBoundProfile, serviceMs: [100_000] });
    const policy = scriptedPolicy([{ atMs: 300_000, config: fleetConfig({ memoryMb: 2048 }) }]);

    // Act: a request at 400 s (after that request ended at 391 s) needs a new environment.
    const result = simulateFleet({
      trace: { kind: 'timestamps', timestampsMs: [290_000, 400_000], startMs: 0 },
      serviceModel: slow,
      config: fleetConfig(),
      policy,
      keepAliveSec: Number.POSITIVE_INFINITY,
      recordInvocations: true,
    });

    // Assess
    expect(result.totals.coldStarts).toBe(2);
    expect(result.metrics[6]?.concurrencyMax).toBe(1);
  });
});
