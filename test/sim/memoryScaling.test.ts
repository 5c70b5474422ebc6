import { describe, expect, it } from 'vitest';
import {
  effectiveParallelism,
  memoryScaleFactor,
  scaleDurationForMemory,
  serviceModelFromProfile,
  simulateFleet,
  vcpusForMemory,
  Xoshiro128,
} from '../../tuner/sim/index.ts';
import { fleetConfig } from './support/scriptedPolicy.ts';

describe('the memory scaling rule', () => {
  it('gives one vCPU per 1,769 MB, up to 6', () => {
    // Prepare / Act / Assess
    expect(vcpusForMemory(1769)).toBe(1);
    expect(vcpusForMemory(3538)).toBe(2);
    expect(vcpusForMemory(10_240)).toBeCloseTo(5.789, 3);
    expect(vcpusForMemory(12_000)).toBe(6);
    expect(effectiveParallelism(7076, 2)).toBe(2);
    expect(effectiveParallelism(884.5, 8)).toBe(0.5);
  });

  it('speeds up only the CPU-bound part, and only up to the threads used', () => {
    // Prepare
    const at = (toMemoryMb: number, cpuBoundFraction: number, maxThreads: number) =>
      memoryScaleFactor({ fromMemoryMb: 1769, toMemoryMb, cpuBoundFraction, maxThreads });

    // Act / Assess
    expect(at(3538, 0, 4)).toBe(1); // I/O-bound: memory does not help
    expect(at(3538, 1, 1)).toBe(1); // one thread: no gain beyond one vCPU
    expect(at(3538, 1, 4)).toBe(0.5);
    expect(at(7076, 1, 4)).toBe(0.25);
    expect(at(884.5, 1, 1)).toBe(2); // half a vCPU: twice as long
    expect(at(3538, 0.6, 2)).toBeCloseTo(0.4 + 0.3, 12);
    expect(at(884.5, 0.25, 1)).toBeCloseTo(0.75 + 0.5, 12);
    expect(
      scaleDurationForMemory(200, {
        fromMemoryMb: 1769,
        toMemoryMb: 3538,
        cpuBoundFraction: 0.6,
        maxThreads: 2,
      }),
    ).toBeCloseTo(140, 12);
  });

  it('scales a profile service model by the rule, for service and init alike', () => {
    // Prepare: one sample each, 50% CPU-bound, measured at 1,769 MB.
    const model = serviceModelFromProfile({
      name: 'half',
      memoryMb: 1769,
      initMs: [1000],
      serviceMs: [100],
      cpuBoundFraction: 0.5,
      maxThreads: 4,
    });
    const rng = new Xoshiro128(1);

    // Act / Assess: at 4 vCPUs the CPU half takes a quarter: 0.5 + 0.125.
    expect(model.sampleServiceMs(rng, 7076)).toBeCloseTo(62.5, 12);
    expect(model.sampleInitMs(rng, 7076)).toBeCloseTo(625, 12);
    expect(model.sampleServiceMs(rng, 1769)).toBe(100);
    expect(model.sampleServiceMs(rng, 884.5)).toBeCloseTo(150, 12);
  });

  it('drives the simulated durations', () => {
    // Prepare: the same single request at two memory sizes.
    const model = serviceModelFromProfile({
      name: 'cpu',
      memoryMb: 1024,
      initMs: [500],
      serviceMs: [300],
      cpuBoundFraction: 1,
      maxThreads: 1,
    });
    const run = (memoryMb: number) =>
      simulateFleet({
        trace: { kind: 'timestamps', timestampsMs: [0] },
        serviceModel: model,
        config: fleetConfig({ memoryMb }),
      }).metrics[0];

    // Act
    const small = run(512);
    const large = run(4096);

    // Assess: 512 MB doubles the time; above 1,769 MB a single thread stops speeding up.
    expect(small?.durationP50Ms).toBeCloseTo(600, 9);
    expect(small?.initP50Ms).toBeCloseTo(1000, 9);
    expect(large?.durationP50Ms).toBeCloseTo((300 * 1024) / 1769, 9);
  });
});
