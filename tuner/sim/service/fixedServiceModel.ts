import type { Rng } from '../random/rng.ts';
import { checkDuration } from './checkDuration.ts';
import type { ServiceModel } from './serviceModel.ts';

/** Constant init and service times, the same at every memory size. */
export interface FixedServiceTimes {
  /** Init duration of every new environment, ms (0 for none). */
  readonly initMs: number;
  /** Service time of every invocation, ms. */
  readonly serviceMs: number;
  /** CPU time / wall time, for the CpuTime metric; `null` (unknown) by default. */
  readonly cpuBoundFraction?: number | null;
}

/**
 * A deterministic service model: every init and every invocation takes the given time, whatever
 * the memory size. Useful for hand-checkable simulations.
 *
 * @example
 * ```ts
 * const model = fixedServiceModel({ initMs: 800, serviceMs: 100 });
 * model.sampleServiceMs(rng, 1024); // 100
 * ```
 */
export function fixedServiceModel(times: FixedServiceTimes): ServiceModel {
  checkDuration('serviceModel.initMs', times.initMs);
  checkDuration('serviceModel.serviceMs', times.serviceMs);
  const { initMs, serviceMs } = times;
  return {
    cpuBoundFraction: times.cpuBoundFraction ?? null,
    sampleInitMs: (_rng: Rng, _memoryMb: number) => initMs,
    sampleServiceMs: (_rng: Rng, _memoryMb: number) => serviceMs,
  };
}
