import type { FleetConfig } from '../../sim/fleetConfig.ts';
import type { Action, TargetRef } from '../plan.ts';

/**
 * The actions that move `from` to `to`, each with its reason, in a safe order: a reserved
 * concurrency increase first (PC must fit under it), then memory (which carries the PC the new
 * version needs) or PC, then a reserved decrease.
 *
 * @example
 * ```ts
 * actionsBetween(ref, { memoryMb: 1769, provisionedConcurrency: 0, reservedConcurrency: null },
 *   { memoryMb: 1769, provisionedConcurrency: 3, reservedConcurrency: null }, 'forecast burst');
 * // [{ kind: 'setProvisionedConcurrency', from: 0, to: 3, reason: 'forecast burst', ... }]
 * ```
 */
export function actionsBetween(
  target: TargetRef,
  from: FleetConfig,
  to: FleetConfig,
  reason: string,
): Action[] {
  const actions: Action[] = [];
  const reservedChanges = from.reservedConcurrency !== to.reservedConcurrency;
  const reservedUp =
    reservedChanges &&
    (to.reservedConcurrency === null ||
      (from.reservedConcurrency !== null && to.reservedConcurrency > from.reservedConcurrency));
  const reservedAction: Action = {
    kind: 'setReservedConcurrency',
    target,
    from: from.reservedConcurrency,
    to: to.reservedConcurrency,
    reason,
  };
  if (reservedChanges && reservedUp) actions.push(reservedAction);
  if (from.memoryMb !== to.memoryMb) {
    actions.push({
      kind: 'setMemory',
      target,
      from: from.memoryMb,
      to: to.memoryMb,
      provisionedConcurrency: to.provisionedConcurrency,
      reason,
    });
  } else if (from.provisionedConcurrency !== to.provisionedConcurrency) {
    actions.push({
      kind: 'setProvisionedConcurrency',
      target,
      from: from.provisionedConcurrency,
      to: to.provisionedConcurrency,
      reason,
    });
  }
  if (reservedChanges && !reservedUp) actions.push(reservedAction);
  return actions;
}
