import type { Rng } from '../../sim/random/rng.ts';
import { memoryScaleFactor } from '../../sim/service/memoryScaling.ts';
import type { ServiceModel } from '../../sim/service/serviceModel.ts';
import type { LatencyModel } from './latencyModel.ts';

const Z99 = 2.3263;
/** Init times vary less than request times; a log-sd of 0.25 spans roughly ±60% at p1/p99. */
const INIT_LOG_SD = 0.25;

/**
 * A simulator service model from what CloudWatch shows: durations log-normal with the observed
 * p50 and p99, init log-normal around its p50, both scaled with memory by the CPU-share rule.
 *
 * @example
 * ```ts
 * simulateFleet({ trace, serviceModel: lognormalServiceModel(model), config, seed: 1 });
 * ```
 */
export function lognormalServiceModel(model: LatencyModel): ServiceModel {
  const mu = Math.log(Math.max(model.serviceP50Ms, 0.01));
  const sigma = Math.max(
    0,
    Math.log(model.serviceP99Ms / Math.max(model.serviceP50Ms, 0.01)) / Z99,
  );
  const initMu = Math.log(Math.max(model.initP50Ms, 0.01));
  let cachedMemory = Number.NaN;
  let cachedFactor = 1;
  const factor = (memoryMb: number) => {
    if (memoryMb !== cachedMemory) {
      cachedMemory = memoryMb;
      cachedFactor = memoryScaleFactor({
        fromMemoryMb: model.referenceMemoryMb,
        toMemoryMb: memoryMb,
        cpuBoundFraction: model.cpuBoundFraction,
        maxThreads: model.maxThreads,
      });
    }
    return cachedFactor;
  };
  return {
    cpuBoundFraction: model.cpuBoundFraction,
    sampleServiceMs: (rng: Rng, memoryMb: number) =>
      Math.exp(mu + sigma * standardNormal(rng)) * factor(memoryMb),
    sampleInitMs: (rng: Rng, memoryMb: number) =>
      Math.exp(initMu + INIT_LOG_SD * standardNormal(rng)) * factor(memoryMb),
  };
}

/** Box–Muller; one of the pair is enough here. */
function standardNormal(rng: Rng): number {
  const u = Math.max(rng.next(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}
