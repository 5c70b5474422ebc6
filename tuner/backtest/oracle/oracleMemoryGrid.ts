import { memoryScaleFactor, type Profile } from '../../sim/index.ts';

/** Memory sizes the oracle considers, MB: Lambda's range, denser where sizes are common. */
export const ORACLE_MEMORY_GRID_MB = [
  128, 256, 512, 768, 1024, 1280, 1536, 1769, 2048, 2560, 3008, 3538, 4096, 5120, 5307, 6144, 7076,
  8192, 8845, 10240,
] as const;

/**
 * The oracle's memory candidates: the grid plus `extra` sizes, without the dominated ones. A size
 * is dominated when a smaller one is as fast (the work cannot use the extra vCPUs): every part of
 * the bill grows with memory at equal duration, so the smaller size is never worse.
 *
 * @example
 * ```ts
 * // Single-threaded work stops speeding up at 1 vCPU (1,769 MB): nothing above it is kept.
 * oracleMemoryCandidates({ ...profile, maxThreads: 1 }, [1769]).at(-1); // 1769
 * ```
 */
export function oracleMemoryCandidates(profile: Profile, extra: readonly number[]): number[] {
  const sizes = [...new Set([...ORACLE_MEMORY_GRID_MB, ...extra])].sort((a, b) => a - b);
  const kept: number[] = [];
  let fastest = Number.POSITIVE_INFINITY;
  for (const memoryMb of sizes) {
    const factor = memoryScaleFactor({
      fromMemoryMb: profile.memoryMb,
      toMemoryMb: memoryMb,
      cpuBoundFraction: profile.cpuBoundFraction,
      maxThreads: profile.maxThreads,
    });
    // A relative margin: factors equal in theory may differ in the last bits.
    if (factor < fastest * (1 - 1e-12)) {
      kept.push(memoryMb);
      fastest = factor;
    }
  }
  return kept;
}
