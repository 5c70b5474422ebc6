import { describe, expect, it } from 'vitest';
import { DEFAULT_PRICING, priceRow } from '../../sdk/cost/pricingTable.ts';
import { type FleetCost, fixedServiceModel, simulateFleet } from '../../tuner/sim/index.ts';
import { fleetConfig, scriptedPolicy } from './support/scriptedPolicy.ts';

const X86 = priceRow(DEFAULT_PRICING, 'us-east-1', 'x86_64');
const ON_DEMAND_RATE = X86.durationTiers[0]?.usdPerGbSecond ?? Number.NaN;

function sumOfParts(cost: FleetCost): number {
  return cost.requests + cost.duration + cost.init + cost.provisioned + cost.provisionedDuration;
}

describe('the bill', () => {
  it('matches a hand-computed on-demand bill: requests, whole-ms duration, INIT per cold start', () => {
    // Prepare: 1,000.4 ms init, 100.2 ms service, 1,024 MB. Arrivals at 0 and 50 ms are two cold
    // starts; at 2 s a warm one; at 500 s (after the 420 s keep-alive) a third cold start.
    const trace = { kind: 'timestamps', timestampsMs: [0, 50, 2000, 500_000] } as const;

    // Act
    const result = simulateFleet({
      trace,
      serviceModel: fixedServiceModel({ initMs: 1000.4, serviceMs: 100.2 }),
      config: fleetConfig(),
    });

    // Assess: 4 requests; 4 × 101 ms at 1 GB; 3 × 1,001 ms of INIT at 1 GB; nothing provisioned.
    expect(result.totals).toMatchObject({ arrivals: 4, served: 4, throttled: 0, coldStarts: 3 });
    expect(result.cost.requests).toBeCloseTo(4 * 0.2e-6, 15);
    expect(result.cost.duration).toBeCloseTo(0.404 * 0.0000166667, 15);
    expect(result.cost.init).toBeCloseTo(3.003 * 0.0000166667, 15);
    expect(result.cost.provisioned).toBe(0);
    expect(result.cost.provisionedDuration).toBe(0);
    expect(result.cost.total).toBeCloseTo(sumOfParts(result.cost), 15);
    expect(result.cost.total).toBeCloseTo(8e-7 + 3.407 * 0.0000166667, 15);
  });

  it('bills the PC allocation per constant period, each rounded up to 5-minute blocks', () => {
    // Prepare: PC 2 at 2,048 MB from the start; a policy raises it to 3 at 300 s; the window is
    // 7 minutes, so the periods are 300 s (billed 300 s) and 120 s (billed 300 s).
    const policy = scriptedPolicy([
      { atMs: 300_000, config: fleetConfig({ memoryMb: 2048, provisionedConcurrency: 3 }) },
    ]);

    // Act
    const result = simulateFleet({
      trace: { kind: 'perMinute', startMs: 0, counts: new Array(7).fill(0) },
      serviceModel: fixedServiceModel({ initMs: 500, serviceMs: 100 }),
      config: fleetConfig({ memoryMb: 2048, provisionedConcurrency: 2 }),
      policy,
    });

    // Assess
    const rate = X86.provisionedUsdPerGbSecond;
    expect(result.cost.provisioned).toBeCloseTo((2 * 2 * 300 + 3 * 2 * 300) * rate, 12);
    expect(result.cost.total).toBe(result.cost.provisioned);
  });

  it('rounds a single short PC period up to one 5-minute block', () => {
    // Prepare: PC 1 at 1,024 MB for a one-minute window.
    const trace = { kind: 'perMinute', startMs: 0, counts: [0] } as const;

    // Act
    const result = simulateFleet({
      trace,
      serviceModel: fixedServiceModel({ initMs: 0, serviceMs: 10 }),
      config: fleetConfig({ provisionedConcurrency: 1 }),
    });

    // Assess
    expect(result.cost.provisioned).toBeCloseTo(300 * X86.provisionedUsdPerGbSecond, 12);
  });

  it('bills invocations on PC at the PC duration rate, with no INIT', () => {
    // Prepare: PC 2 at 2,048 MB; two overlapping requests both land on PC.
    const trace = { kind: 'timestamps', timestampsMs: [1000, 1010] } as const;

    // Act
    const result = simulateFleet({
      trace,
      serviceModel: fixedServiceModel({ initMs: 900, serviceMs: 250.5 }),
      config: fleetConfig({ memoryMb: 2048, provisionedConcurrency: 2 }),
    });

    // Assess: 2 × 251 ms at 2 GB at the PC duration rate; one 5-minute block of allocation.
    expect(result.totals.coldStarts).toBe(0);
    expect(result.cost.init).toBe(0);
    expect(result.cost.duration).toBe(0);
    expect(result.cost.provisionedDuration).toBeCloseTo(
      2 * 0.251 * 2 * X86.provisionedDurationUsdPerGbSecond,
      15,
    );
    expect(result.cost.provisioned).toBeCloseTo(2 * 2 * 300 * X86.provisionedUsdPerGbSecond, 12);
    expect(result.cost.requests).toBeCloseTo(2 * X86.usdPerRequest, 15);
    expect(result.cost.total).toBeCloseTo(sumOfParts(result.cost), 15);
  });

  it('uses the region and architecture asked for', () => {
    // Prepare
    const trace = { kind: 'timestamps', timestampsMs: [0] } as const;
    const arm = priceRow(DEFAULT_PRICING, 'eu-south-1', 'arm64');

    // Act
    const result = simulateFleet({
      trace,
      serviceModel: fixedServiceModel({ initMs: 0, serviceMs: 1000 }),
      config: fleetConfig(),
      pricing: { region: 'eu-south-1', architecture: 'arm64' },
    });

    // Assess
    expect(result.cost.requests).toBeCloseTo(arm.usdPerRequest, 15);
    expect(result.cost.duration).toBeCloseTo(arm.durationTiers[0]?.usdPerGbSecond ?? 0, 15);
    expect(ON_DEMAND_RATE).not.toBe(arm.durationTiers[0]?.usdPerGbSecond);
  });

  it('adds up to the sum of its parts on a busy run with a policy', () => {
    // Prepare: a mix of PC, spill-over, cold starts and a memory change.
    const policy = scriptedPolicy([
      { atMs: 300_000, config: fleetConfig({ memoryMb: 2048, provisionedConcurrency: 4 }) },
      { atMs: 900_000, config: fleetConfig({ memoryMb: 1536, provisionedConcurrency: 1 }) },
    ]);

    // Act
    const result = simulateFleet({
      trace: { kind: 'perMinute', startMs: 0, counts: new Array(20).fill(600) },
      serviceModel: fixedServiceModel({ initMs: 700, serviceMs: 120 }),
      config: fleetConfig({ provisionedConcurrency: 1 }),
      policy,
      keepAliveSec: 30,
    });

    // Assess
    const c = result.cost;
    for (const part of [c.requests, c.duration, c.init, c.provisioned, c.provisionedDuration]) {
      expect(part).toBeGreaterThan(0);
    }
    expect(c.total).toBeCloseTo(sumOfParts(c), 15);
  });
});
