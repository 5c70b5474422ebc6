import { describe, expect, it } from 'vitest';
import {
  listTraceFunctions,
  readTrace,
  serviceModelFromProfile,
  simulateFleet,
} from '../../../tuner/sim/index.ts';
import { cpuBoundProfile } from '../support/profiles.ts';

describe('replaying the bundled Azure samples', () => {
  it('simulates a day of the busiest 2019 function, minute by minute', async () => {
    // Prepare
    const [busiest] = await listTraceFunctions('examples/traces/azure2019/100_inv.csv');
    const loaded = await readTrace('examples/traces/azure2019/100_inv.csv', {
      functionId: busiest?.id ?? '',
    });

    // Act
    const result = simulateFleet({
      trace: loaded.trace,
      serviceModel: serviceModelFromProfile(cpuBoundProfile),
      config: { memoryMb: 2048, provisionedConcurrency: 2, reservedConcurrency: null },
    });

    // Assess
    expect(result.metrics).toHaveLength(1440);
    expect(result.totals.served + result.totals.throttled).toBe(busiest?.invocations);
    expect(result.cost.total).toBeGreaterThan(0);
  });

  it('simulates a 2021 function with its own durations', async () => {
    // Prepare
    const loaded = await readTrace('examples/traces/azure2021/Azure2021_200.csv', {
      functionId: '9bc86d6c',
    });

    // Act
    const result = simulateFleet({
      trace: loaded.trace,
      serviceModel: serviceModelFromProfile(cpuBoundProfile),
      config: { memoryMb: 1024, provisionedConcurrency: 0, reservedConcurrency: null },
      useTraceDurations: true,
    });

    // Assess
    expect(result.metrics).toHaveLength(21);
    expect(result.totals.served).toBe(32);
    expect(result.metrics.find((m) => m.invocations > 0)?.durationP99Ms).toBeGreaterThan(20_000);
  });
});
