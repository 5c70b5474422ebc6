import { describe, expect, it } from 'vitest';
import { fixedServiceModel, simulateFleet } from '../../tuner/sim/index.ts';
import { fleetConfig } from './support/scriptedPolicy.ts';

describe('scale-up rate', () => {
  it('creates at most 1,000 new environments in any 10 s, and throttles the rest', () => {
    // Prepare: 1,500 requests 1 ms apart, then 600 more from 10 s on; each runs 60 s, so every
    // one needs a new environment. The account limit is raised so that only the rate binds.
    const timestampsMs: number[] = [];
    for (let i = 0; i < 1500; i++) timestampsMs.push(i);
    for (let i = 0; i < 600; i++) timestampsMs.push(10_000 + i);

    // Act
    const result = simulateFleet({
      trace: { kind: 'timestamps', timestampsMs },
      serviceModel: fixedServiceModel({ initMs: 0, serviceMs: 60_000 }),
      config: fleetConfig(),
      accountConcurrencyLimit: 3000,
    });

    // Assess: 1,000 at first, 500 throttled; from 10 s the window slides and 600 more fit.
    expect(result.totals).toMatchObject({ served: 1600, throttled: 500, coldStarts: 1600 });
    expect(result.metrics[0]?.concurrencyMax).toBe(1600);
  });

  it('honours a custom rate', () => {
    // Prepare: 5 new environments per second; 12 simultaneous-ish long requests.
    const timestampsMs = Array.from({ length: 12 }, (_, i) => i);

    // Act
    const result = simulateFleet({
      trace: { kind: 'timestamps', timestampsMs },
      serviceModel: fixedServiceModel({ initMs: 0, serviceMs: 60_000 }),
      config: fleetConfig(),
      scaleUpEnvironments: 5,
      scaleUpWindowSec: 1,
    });

    // Assess
    expect(result.totals).toMatchObject({ served: 5, throttled: 7 });
  });
});
