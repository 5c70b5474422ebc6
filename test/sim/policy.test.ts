import { describe, expect, it } from 'vitest';
import { fixedServiceModel, type PolicyInput, simulateFleet } from '../../tuner/sim/index.ts';
import { fleetConfig, scriptedPolicy } from './support/scriptedPolicy.ts';

describe('the policy interface', () => {
  it('is called every control interval with the completed minutes only', () => {
    // Prepare: 17 minutes starting at an epoch time, 1 request a minute.
    const startMs = 1_700_000_040_000;
    const calls: PolicyInput[] = [];

    // Act
    simulateFleet({
      trace: { kind: 'perMinute', startMs, counts: new Array(17).fill(1) },
      serviceModel: fixedServiceModel({ initMs: 0, serviceMs: 5 }),
      config: fleetConfig(),
      policy: scriptedPolicy([], calls),
    });

    // Assess: at 5, 10 and 15 minutes; each sees exactly the minutes that ended.
    expect(calls.map((c) => (c.nowMs - startMs) / 60_000)).toEqual([5, 10, 15]);
    for (const call of calls) {
      expect(call.history).toHaveLength((call.nowMs - startMs) / 60_000);
      const last = call.history[call.history.length - 1];
      expect((last?.startMs ?? 0) + 60_000).toBe(call.nowMs);
    }
  });

  it('sees the configuration it requested and what capacity is available', () => {
    // Prepare: PC 2 requested at 300 s is not ready at 360 s, and is at 420 s.
    const calls: PolicyInput[] = [];
    const policy = scriptedPolicy(
      [{ atMs: 300_000, config: fleetConfig({ provisionedConcurrency: 2 }) }],
      calls,
    );

    // Act
    simulateFleet({
      trace: { kind: 'perMinute', startMs: 0, counts: new Array(8).fill(0) },
      serviceModel: fixedServiceModel({ initMs: 0, serviceMs: 5 }),
      config: fleetConfig(),
      policy,
      controlIntervalSec: 60,
    });

    // Assess
    const at = (minute: number) => calls.find((c) => c.nowMs === minute * 60_000);
    expect(at(5)?.config.provisionedConcurrency).toBe(0);
    expect(at(6)?.config.provisionedConcurrency).toBe(2);
    expect(at(6)?.availableProvisionedConcurrency).toBe(0);
    expect(at(7)?.availableProvisionedConcurrency).toBe(2);
  });

  it('applies reserved concurrency at once', () => {
    // Prepare: reserved 0 from 300 s: everything after is throttled.
    const policy = scriptedPolicy([
      { atMs: 300_000, config: fleetConfig({ reservedConcurrency: 0 }) },
    ]);

    // Act
    const result = simulateFleet({
      trace: { kind: 'perMinute', startMs: 0, counts: new Array(10).fill(10) },
      serviceModel: fixedServiceModel({ initMs: 0, serviceMs: 5 }),
      config: fleetConfig(),
      policy,
    });

    // Assess
    expect(result.metrics.map((m) => m.throttles)).toEqual([0, 0, 0, 0, 0, 10, 10, 10, 10, 10]);
    expect(result.policy).toBe('scripted');
    expect(result.configTimeline).toHaveLength(2);
  });
});
