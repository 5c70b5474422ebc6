import { applied, failed, skipped, unchanged } from '../core/actionResults.ts';
import type { Action, ActionResult } from '../core/plan.ts';
import type { ActuationContext } from './actuationContext.ts';

type ReservedAction = Extract<Action, { kind: 'setReservedConcurrency' }>;

const show = (value: number | null): string => (value === null ? 'none' : String(value));

/**
 * Sets or removes (`to: null`) a function's reserved concurrency; nothing is written when it
 * already has the requested value.
 *
 * @example
 * ```ts
 * await applyReservedConcurrency(context, { kind: 'setReservedConcurrency', target, from: 50, to: 80, reason });
 * ```
 */
export async function applyReservedConcurrency(
  context: ActuationContext,
  action: ReservedAction,
): Promise<ActionResult> {
  const { api } = context;
  const fn = action.target;
  const name = fn.functionName;
  let current: number | null;
  try {
    current = await api.getReservedConcurrency(fn);
  } catch (error) {
    return failed(action, `could not read the reserved concurrency of ${name}`, error);
  }
  if (current === action.to)
    return unchanged(action, `reserved concurrency of ${name} is already ${show(current)}`);
  const change = `reserved concurrency of ${name}: ${show(current)} → ${show(action.to)}`;
  if (context.dryRun) return skipped(action, `dry run: would set ${change}`);
  try {
    if (action.to === null) await api.deleteReservedConcurrency(fn);
    else await api.putReservedConcurrency(fn, action.to);
  } catch (error) {
    const call = action.to === null ? 'DeleteFunctionConcurrency' : 'PutFunctionConcurrency';
    return failed(action, `${call} failed for ${name}`, error);
  }
  return applied(action, change);
}
