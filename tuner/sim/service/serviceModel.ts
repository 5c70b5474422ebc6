import type { Rng } from '../random/rng.ts';

/**
 * Where the simulator gets init and service times from. Implementations must draw only from the
 * `rng` they are given (so a run is repeatable) and must not allocate per call (the simulator
 * calls `sampleServiceMs` once per invocation).
 */
export interface ServiceModel {
  /** An init duration (process start → ready) of a new environment at this memory size, ms. */
  sampleInitMs(rng: Rng, memoryMb: number): number;
  /** A warm service time (handler wall time) at this memory size, ms. */
  sampleServiceMs(rng: Rng, memoryMb: number): number;
  /**
   * CPU time / wall time of an invocation (0..1), for the simulated `CpuTime` metric;
   * `null` when unknown (the metric is then reported as no datapoint).
   */
  readonly cpuBoundFraction: number | null;
}
