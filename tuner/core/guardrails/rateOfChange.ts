import type { Cooldown } from '../config/thermostatConfig.ts';
import type { KnobChange } from '../plan/tunerMemory.ts';

const MINUTE_MS = 60_000;

/**
 * Whether a knob may move in a direction now: an increase waits `cooldown.up` after the knob's
 * last change; a decrease waits `cooldown.down` after it (so capacity added for a burst stays a
 * while). Returns the reason when it may not.
 *
 * @example
 * ```ts
 * cooldownBlocks({ atMs: now - 60_000, direction: 'up' }, { up: 5, down: 15 }, 'down', now);
 * // 'provisioned concurrency rose 1 min ago; decreases wait 15 min'
 * ```
 */
export function cooldownBlocks(
  last: KnobChange | undefined,
  cooldown: Cooldown,
  direction: 'up' | 'down',
  nowMs: number,
  knobLabel = 'this knob',
): string | undefined {
  if (last === undefined) return undefined;
  const waitMinutes = direction === 'up' ? cooldown.up : cooldown.down;
  const sinceMinutes = (nowMs - last.atMs) / MINUTE_MS;
  if (sinceMinutes >= waitMinutes) return undefined;
  return `${knobLabel} ${last.direction === 'up' ? 'rose' : 'fell'} ${Math.round(sinceMinutes)} min ago; ${direction === 'up' ? 'increases' : 'decreases'} wait ${waitMinutes} min`;
}

/**
 * A decrease limited to `maxStep` of the current value per cycle (at least one unit): scale down
 * slowly, so a lull does not strip the capacity the next burst needs.
 *
 * @example
 * ```ts
 * limitDecrease(20, 2, 0.25); // 15
 * ```
 */
export function limitDecrease(current: number, desired: number, maxStep: number): number {
  if (desired >= current) return desired;
  const step = Math.max(1, Math.ceil(current * maxStep));
  return Math.max(desired, current - step);
}
