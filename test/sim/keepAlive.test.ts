import { describe, expect, it } from 'vitest';
import { fixedServiceModel, simulateFleet } from '../../tuner/sim/index.ts';
import { fleetConfig } from './support/scriptedPolicy.ts';

const model = fixedServiceModel({ initMs: 1000, serviceMs: 100 });

describe('on-demand keep-alive', () => {
  it('keeps an idle environment warm for exactly the keep-alive period', () => {
    // Prepare: the first environment is idle from 1.1 s; 420 s later it is reaped.
    const timestampsMs = [0, 421_099, 421_099 + 100 + 420_000];

    // Act
    const result = simulateFleet({
      trace: { kind: 'timestamps', timestampsMs },
      serviceModel: model,
      config: fleetConfig(),
      recordInvocations: true,
    });

    // Assess: warm 1 ms before the reaping, cold exactly at it.
    expect(Array.from(result.invocations?.e2eMs ?? [])).toEqual([1100, 100, 1100]);
  });

  it('reuses the most recently used environment, so the least used one is reaped', () => {
    // Prepare: keep-alive 10 s; two environments; then one request every 4 s. Most-recently-used
    // picks keep reusing one environment, so the other expires and the final pair of requests
    // needs one cold start (round-robin reuse would have kept both warm).
    const timestampsMs = [0, 1, 4000, 8000, 12_000, 16_000, 16_001];

    // Act
    const result = simulateFleet({
      trace: { kind: 'timestamps', timestampsMs },
      serviceModel: model,
      config: fleetConfig(),
      keepAliveSec: 10,
      recordInvocations: true,
    });

    // Assess
    expect(Array.from(result.invocations?.e2eMs ?? [])).toEqual([
      1100, 1100, 100, 100, 100, 100, 1100,
    ]);
    expect(result.totals.coldStarts).toBe(3);
  });

  it('never reaps with an infinite keep-alive', () => {
    // Prepare: two requests a day apart.
    const trace = { kind: 'timestamps', timestampsMs: [0, 86_400_000] } as const;

    // Act
    const result = simulateFleet({
      trace,
      serviceModel: model,
      config: fleetConfig(),
      keepAliveSec: Number.POSITIVE_INFINITY,
    });

    // Assess
    expect(result.totals.coldStarts).toBe(1);
  });
});
