import { MAX_MEMORY_MB, MB_PER_VCPU } from '../../sim/index.ts';

/**
 * The memory size a profile measured on this machine stands for. The rule: the profiled handler
 * runs its model with `threads` onnxruntime intra-op threads and is otherwise single-threaded, so
 * it uses at most `threads` cores of this machine; one core here ≈ one Lambda vCPU, and Lambda
 * gives one vCPU per 1,769 MB (the simulator's own rule, `tuner/sim/service/memoryScaling.ts`).
 * Hence `threads × 1,769 MB`, capped at 10,240 MB. A core here is faster or slower than a Lambda
 * vCPU: that is the rule's known error, and why `--memory-mb` can override it.
 *
 * @example
 * ```ts
 * memoryMbForThreads(1); // 1769
 * memoryMbForThreads(2); // 3538
 * ```
 */
export function memoryMbForThreads(threads: number): number {
  return Math.min(MAX_MEMORY_MB, Math.round(threads * MB_PER_VCPU));
}
