import type { Clock } from '../core/ports.ts';

export type { Clock };

/**
 * The real clock.
 *
 * @example
 * ```ts
 * await systemClock.sleep(1000);
 * ```
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
