import type { FleetConfig, Policy } from '../../sim/index.ts';

/**
 * A simulator `Policy` that applies one configuration per window: window `w` (from `startMs`,
 * `windowMs` long) gets `configs[w]` (the last one after the end). Run it with a control interval
 * of `windowMs`, so it is asked exactly at each window's start.
 *
 * @example
 * ```ts
 * const policy = windowSchedulePolicy('oracle', 0, 300_000, [a, b, c]);
 * simulateFleet({ trace, serviceModel, config: a, policy, controlIntervalSec: 300 });
 * ```
 */
export function windowSchedulePolicy(
  name: string,
  startMs: number,
  windowMs: number,
  configs: readonly FleetConfig[],
): Policy {
  return {
    name,
    decide({ nowMs, config }) {
      const w = Math.floor((nowMs - startMs) / windowMs);
      return configs[Math.min(Math.max(w, 0), configs.length - 1)] ?? config;
    },
  };
}
