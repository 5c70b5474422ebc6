/**
 * How a Lambda function's speed moves with its memory size: CPU is allocated in proportion to
 * memory (1,769 MB buys one vCPU, up to 6 vCPUs at 10,240 MB), and only the CPU-bound share of
 * the work speeds up, and only up to the threads the work can use.
 */

/** Memory that buys one full vCPU (AWS docs, "Configuring Lambda function memory"). */
export const MB_PER_VCPU = 1769;
/** The most vCPUs a function gets (at 10,240 MB). */
export const MAX_VCPUS = 6;
/** Smallest and largest memory sizes Lambda accepts, MB. */
export const MIN_MEMORY_MB = 128;
export const MAX_MEMORY_MB = 10_240;

/**
 * vCPUs (a CPU share, fractional below 1,769 MB) that a memory size buys: `memoryMb / 1769`,
 * capped at 6.
 *
 * @example
 * ```ts
 * vcpusForMemory(1769); // 1
 * vcpusForMemory(512);  // ≈ 0.289
 * ```
 */
export function vcpusForMemory(memoryMb: number): number {
  return Math.min(memoryMb / MB_PER_VCPU, MAX_VCPUS);
}

/**
 * The parallelism the work gets at a memory size: `min(vCPUs, maxThreads)`. A single-threaded
 * handler stops speeding up at one vCPU.
 *
 * @example
 * ```ts
 * effectiveParallelism(3538, 1); // 1 (two vCPUs, but one thread)
 * effectiveParallelism(3538, 4); // 2
 * ```
 */
export function effectiveParallelism(memoryMb: number, maxThreads: number): number {
  return Math.min(vcpusForMemory(memoryMb), maxThreads);
}

/** What a scaling needs to know about the work. */
export interface MemoryScalingInput {
  /** The memory size the reference time was measured at, MB. */
  readonly fromMemoryMb: number;
  /** The memory size to predict for, MB. */
  readonly toMemoryMb: number;
  /** The CPU-bound share of the time, 0..1: only this part speeds up or slows down. */
  readonly cpuBoundFraction: number;
  /** The threads the work can use at most (≥ 1). */
  readonly maxThreads: number;
}

/**
 * The factor a duration measured at `fromMemoryMb` is multiplied by at `toMemoryMb`:
 * `(1 − f) + f × eff(from) / eff(to)` with `eff(m) = min(m / 1769, maxThreads)`.
 *
 * @example
 * ```ts
 * // Fully CPU-bound, single-threaded: half the memory below 1 vCPU takes twice as long.
 * memoryScaleFactor({ fromMemoryMb: 1024, toMemoryMb: 512, cpuBoundFraction: 1, maxThreads: 1 }); // 2
 * ```
 */
export function memoryScaleFactor(input: MemoryScalingInput): number {
  const f = input.cpuBoundFraction;
  const from = effectiveParallelism(input.fromMemoryMb, input.maxThreads);
  const to = effectiveParallelism(input.toMemoryMb, input.maxThreads);
  return 1 - f + (f * from) / to;
}

/**
 * A duration measured at one memory size, predicted at another by the CPU-share rule
 * (see {@link memoryScaleFactor}).
 *
 * @example
 * ```ts
 * // 200 ms at 1,769 MB, 60% CPU-bound, 2 threads: at 3,538 MB the CPU part halves.
 * scaleDurationForMemory(200, { fromMemoryMb: 1769, toMemoryMb: 3538, cpuBoundFraction: 0.6, maxThreads: 2 }); // 140
 * ```
 */
export function scaleDurationForMemory(durationMs: number, input: MemoryScalingInput): number {
  return durationMs * memoryScaleFactor(input);
}
