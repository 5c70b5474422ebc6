import { describe, expect, it } from 'vitest';
import {
  fixedServiceModel,
  type SimulationInput,
  SimulationInputError,
  serviceModelFromProfile,
  simulateFleet,
} from '../../tuner/sim/index.ts';
import { cpuBoundProfile } from './support/profiles.ts';
import { fleetConfig } from './support/scriptedPolicy.ts';

const base: SimulationInput = {
  trace: { kind: 'perMinute', startMs: 0, counts: [1, 2] },
  serviceModel: fixedServiceModel({ initMs: 10, serviceMs: 10 }),
  config: fleetConfig(),
};

function fieldOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof SimulationInputError) return error.field;
    throw error;
  }
  throw new Error('expected a SimulationInputError');
}

describe('input validation', () => {
  it.each([
    ['negative memory', { config: fleetConfig({ memoryMb: -1 }) }, 'config.memoryMb'],
    ['memory below 128 MB', { config: fleetConfig({ memoryMb: 127 }) }, 'config.memoryMb'],
    ['memory above 10,240 MB', { config: fleetConfig({ memoryMb: 10_241 }) }, 'config.memoryMb'],
    ['fractional memory', { config: fleetConfig({ memoryMb: 1024.5 }) }, 'config.memoryMb'],
    [
      'PC above reserved',
      { config: fleetConfig({ provisionedConcurrency: 5, reservedConcurrency: 4 }) },
      'config.provisionedConcurrency',
    ],
    [
      'PC above the account limit',
      { config: fleetConfig({ provisionedConcurrency: 1001 }) },
      'config.provisionedConcurrency',
    ],
    [
      'negative reserved',
      { config: fleetConfig({ reservedConcurrency: -1 }) },
      'config.reservedConcurrency',
    ],
    [
      'reserved above the account limit',
      { config: fleetConfig({ reservedConcurrency: 1001 }) },
      'config.reservedConcurrency',
    ],
    [
      'unsorted timestamps',
      { trace: { kind: 'timestamps', timestampsMs: [0, 5, 3] } },
      'trace.timestampsMs[2]',
    ],
    [
      'a non-finite timestamp',
      { trace: { kind: 'timestamps', timestampsMs: [0, Number.NaN] } },
      'trace.timestampsMs[1]',
    ],
    [
      'an empty timestamp trace',
      { trace: { kind: 'timestamps', timestampsMs: [] } },
      'trace.timestampsMs',
    ],
    [
      'an arrival before startMs',
      { trace: { kind: 'timestamps', timestampsMs: [10], startMs: 60_000 } },
      'trace.startMs',
    ],
    [
      'an arrival after endMs',
      { trace: { kind: 'timestamps', timestampsMs: [70_000], endMs: 60_000 } },
      'trace.endMs',
    ],
    [
      'trace durations required but missing',
      { trace: { kind: 'timestamps', timestampsMs: [1] }, useTraceDurations: true },
      'trace.durationsMs',
    ],
    [
      'a negative trace duration',
      {
        trace: { kind: 'timestamps', timestampsMs: [1, 2], durationsMs: [1, -2] },
        useTraceDurations: true,
      },
      'trace.durationsMs[1]',
    ],
    [
      'a negative count',
      { trace: { kind: 'perMinute', startMs: 0, counts: [1, -1] } },
      'trace.counts[1]',
    ],
    [
      'a fractional count',
      { trace: { kind: 'perMinute', startMs: 0, counts: [1.5] } },
      'trace.counts[0]',
    ],
    ['no minutes', { trace: { kind: 'perMinute', startMs: 0, counts: [] } }, 'trace.counts'],
    ['a negative keep-alive', { keepAliveSec: -1 }, 'keepAliveSec'],
    ['a zero control interval', { controlIntervalSec: 0 }, 'controlIntervalSec'],
    [
      'a negative allocation delay',
      { provisionedAllocationDelaySec: -5 },
      'provisionedAllocationDelaySec',
    ],
    ['a negative publish delay', { memoryChangeDelaySec: -5 }, 'memoryChangeDelaySec'],
    ['a zero account limit', { accountConcurrencyLimit: 0 }, 'accountConcurrencyLimit'],
    ['a fractional seed', { seed: 1.5 }, 'seed'],
    ['an absurd scale-up limit', { scaleUpEnvironments: 1e9 }, 'scaleUpEnvironments'],
    ['a zero scale-up window', { scaleUpWindowSec: 0 }, 'scaleUpWindowSec'],
    ['no service model', { serviceModel: undefined }, 'serviceModel'],
  ] as [string, Partial<SimulationInput>, string][])('rejects %s', (_name, override, field) => {
    // Prepare
    const bad = { ...base, ...override } as SimulationInput;

    // Act / Assess
    expect(fieldOf(() => simulateFleet(bad))).toBe(field);
  });

  it('rejects a profile without samples, naming the field', () => {
    // Prepare / Act / Assess
    expect(fieldOf(() => serviceModelFromProfile({ ...cpuBoundProfile, serviceMs: [] }))).toBe(
      'profile.serviceMs',
    );
    expect(fieldOf(() => serviceModelFromProfile({ ...cpuBoundProfile, initMs: [] }))).toBe(
      'profile.initMs',
    );
    expect(fieldOf(() => serviceModelFromProfile({ ...cpuBoundProfile, initMs: [1, -1] }))).toBe(
      'profile.initMs[1]',
    );
    expect(
      fieldOf(() => serviceModelFromProfile({ ...cpuBoundProfile, cpuBoundFraction: 1.2 })),
    ).toBe('profile.cpuBoundFraction');
    expect(fieldOf(() => serviceModelFromProfile({ ...cpuBoundProfile, maxThreads: 0 }))).toBe(
      'profile.maxThreads',
    );
    expect(fieldOf(() => serviceModelFromProfile({ ...cpuBoundProfile, memoryMb: 64 }))).toBe(
      'profile.memoryMb',
    );
  });

  it('rejects a policy decision the Lambda API would refuse, naming the policy', () => {
    // Prepare
    const policy = {
      name: 'greedy',
      decide: () => fleetConfig({ provisionedConcurrency: 9, reservedConcurrency: 3 }),
    };

    // Act / Assess
    expect(
      fieldOf(() =>
        simulateFleet({
          ...base,
          trace: { kind: 'perMinute', startMs: 0, counts: [0, 0, 0, 0, 0, 0] },
          policy,
        }),
      ),
    ).toBe('policy[greedy].decision.provisionedConcurrency');
  });

  it('explains the problem in the message', () => {
    // Prepare / Act / Assess
    expect(() => simulateFleet({ ...base, config: fleetConfig({ memoryMb: 20_000 }) })).toThrow(
      /config\.memoryMb: must be a whole number of MB within 128\.\.10240, got 20000/,
    );
  });
});
