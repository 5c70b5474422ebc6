import type { Profile } from '../../sim/index.ts';

/**
 * One line that tells a person what a profile says: medians and ranges of init and service
 * times, the CPU-bound share and the memory it stands for.
 *
 * @example
 * ```ts
 * summarizeProfile(profile);
 * // 'ocr-detector @ 1769 MB, 1 thread: init median 812 ms (3 cold starts, 790–860), service median
 * //  96.1 ms (30 warm, p90 104), CPU-bound 0.97'
 * ```
 */
export function summarizeProfile(profile: Profile): string {
  const init = [...profile.initMs].sort((a, b) => a - b);
  const service = [...profile.serviceMs].sort((a, b) => a - b);
  const threads = `${profile.maxThreads} thread${profile.maxThreads === 1 ? '' : 's'}`;
  return (
    `${profile.name} @ ${profile.memoryMb} MB, ${threads}: ` +
    `init median ${ms(quantile(init, 0.5))} (${init.length} cold starts, ${ms(init[0])}–${ms(init.at(-1))}), ` +
    `service median ${ms(quantile(service, 0.5))} (${service.length} warm, p90 ${ms(quantile(service, 0.9))}), ` +
    `CPU-bound ${profile.cpuBoundFraction.toFixed(2)}`
  );
}

// Nearest rank on sorted values.
function quantile(sorted: readonly number[], q: number): number | undefined {
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)];
}

function ms(value: number | undefined): string {
  if (value === undefined) return '–';
  return `${value >= 100 ? Math.round(value) : value.toFixed(1)} ms`;
}
