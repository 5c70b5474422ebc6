import type { Profile } from '../../../tuner/sim/index.ts';

/**
 * A fully CPU-bound handler that can use 2 threads, measured at 1,024 MB: 200 ms warm, 1 s init.
 * Up to 3,538 MB (2 vCPUs) its times fall in inverse proportion to memory.
 */
export const cpuBoundProfile: Profile = {
  name: 'cpu-bound',
  memoryMb: 1024,
  initMs: [1000],
  serviceMs: [200],
  cpuBoundFraction: 1,
  maxThreads: 2,
};
