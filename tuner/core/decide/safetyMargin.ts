import type { SafetyMarginConfig } from '../config/thermostatConfig.ts';

/**
 * The next safety margin: multiplied by `growOnMiss` after a window that missed although predicted
 * to meet the SLO, by `shrinkOnHit` after one that met it, within `[min, max]`. It grows fast and
 * shrinks slowly, so one surprise buys caution for a good while.
 *
 * @example
 * ```ts
 * nextSafetyMargin(0.1, true, { initial: 0.1, min: 0.05, max: 0.5, growOnMiss: 1.5, shrinkOnHit: 0.98 }); // 0.15
 * ```
 */
export function nextSafetyMargin(
  current: number,
  missed: boolean,
  config: SafetyMarginConfig,
): number {
  const next = missed ? current * config.growOnMiss : current * config.shrinkOnHit;
  return Math.min(config.max, Math.max(config.min, next));
}
