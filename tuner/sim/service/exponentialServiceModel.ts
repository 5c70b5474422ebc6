import type { Rng } from '../random/rng.ts';
import { checkDuration } from './checkDuration.ts';
import type { ServiceModel } from './serviceModel.ts';

/** Means of exponentially distributed init and service times. */
export interface ExponentialServiceTimes {
  /** Mean service time, ms. */
  readonly meanServiceMs: number;
  /** Mean init time, ms; 0 (the default) for no init time at all. */
  readonly meanInitMs?: number;
  /** CPU time / wall time, for the CpuTime metric; `null` (unknown) by default. */
  readonly cpuBoundFraction?: number | null;
}

/**
 * Exponentially distributed service (and optionally init) times, the same at every memory size:
 * the textbook M/M/c case that queueing formulas (Poisson occupancy, Erlang B) describe.
 *
 * @example
 * ```ts
 * const model = exponentialServiceModel({ meanServiceMs: 1000 });
 * model.sampleServiceMs(new Xoshiro128(1), 1024); // Exp(mean 1 s)
 * ```
 */
export function exponentialServiceModel(times: ExponentialServiceTimes): ServiceModel {
  checkDuration('serviceModel.meanServiceMs', times.meanServiceMs);
  const meanInitMs = times.meanInitMs ?? 0;
  checkDuration('serviceModel.meanInitMs', meanInitMs);
  const meanServiceMs = times.meanServiceMs;
  return {
    cpuBoundFraction: times.cpuBoundFraction ?? null,
    sampleInitMs: (rng: Rng, _memoryMb: number) =>
      meanInitMs === 0 ? 0 : -meanInitMs * Math.log(1 - rng.next()),
    sampleServiceMs: (rng: Rng, _memoryMb: number) => -meanServiceMs * Math.log(1 - rng.next()),
  };
}
