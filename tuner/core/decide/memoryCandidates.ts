import { MB_PER_VCPU, memoryScaleFactor } from '../../sim/service/memoryScaling.ts';
import type { Range } from '../config/thermostatConfig.ts';
import type { LatencyModel } from '../model/latencyModel.ts';

/** Memory sizes worth trying: the usual steps, whole vCPU points (1,769 MB each) among them. */
const MEMORY_GRID = [
  128, 256, 512, 768, 1024, 1280, 1536, 1769, 2048, 2560, 3008, 3538, 4096, 5120, 5307, 6144, 7076,
  8192, 8845, 10240,
] as const;

/**
 * The memory sizes to evaluate: the grid within bounds, plus the current size, minus sizes that
 * cannot help: those where even the median duration misses the target, and those above the point
 * where the work stops speeding up (its threads are all busy), which only cost more.
 *
 * @example
 * ```ts
 * memoryCandidates([1024, 4096], 1769, model, 200); // e.g. [1280, 1536, 1769]
 * ```
 */
export function memoryCandidates(
  bounds: Range,
  currentMb: number,
  model: LatencyModel,
  sloP99Ms: number,
): number[] {
  const saturationMb = Math.max(currentMb, Math.ceil(model.maxThreads * MB_PER_VCPU));
  const sizes = new Set<number>([currentMb]);
  for (const mb of MEMORY_GRID) {
    if (mb < bounds[0] || mb > bounds[1] || mb > saturationMb) continue;
    const p50 =
      model.serviceP50Ms *
      memoryScaleFactor({
        fromMemoryMb: model.referenceMemoryMb,
        toMemoryMb: mb,
        cpuBoundFraction: model.cpuBoundFraction,
        maxThreads: model.maxThreads,
      });
    if (p50 <= sloP99Ms * 0.9) sizes.add(mb);
  }
  const within = [...sizes]
    .filter((mb) => mb >= bounds[0] && mb <= bounds[1])
    .sort((a, b) => a - b);
  // The current size outside the bounds and nothing else useful inside: the nearest bound it is.
  if (within.length === 0) within.push(currentMb < bounds[0] ? bounds[0] : bounds[1]);
  return within;
}
