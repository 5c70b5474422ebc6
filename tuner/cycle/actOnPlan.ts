import { failed } from '../core/actionResults.ts';
import type { Plan } from '../core/plan/targetPlan.ts';
import type { Action, ActionResult } from '../core/plan.ts';
import { type ActuationOptions, type Actuator, targetKey } from '../core/ports.ts';

/**
 * Hands every planned action to the actuator in one call (it runs functions in parallel and each
 * function's actions in order), as a dry run in recommend mode, and returns the results by
 * `targetKey`. The actuator reports failures as results; should it throw anyway, every action is
 * reported failed rather than the cycle lost.
 *
 * @example
 * ```ts
 * const results = await actOnPlan(plan, new LambdaActuator(), { dryRun: config.mode === 'recommend' });
 * results.get(':ocr:live'); // [{ status: 'skipped', detail: 'dry run: would set …' }]
 * ```
 */
export async function actOnPlan(
  plan: Plan,
  actuator: Actuator,
  options: ActuationOptions,
): Promise<Map<string, ActionResult[]>> {
  const actions = plan.targets.flatMap((target) => target.actions);
  const byTarget = new Map<string, ActionResult[]>();
  if (actions.length === 0) return byTarget;
  let results: readonly (ActionResult | undefined)[];
  try {
    results = await actuator.apply(actions, options);
  } catch (error) {
    results = actions.map((action) =>
      failed(action, `the actuator failed on ${action.kind}`, error),
    );
  }
  actions.forEach((action: Action, index) => {
    const result =
      results[index] ??
      failed(
        action,
        `no result for ${action.kind}`,
        new Error('the actuator returned fewer results than actions'),
      );
    const key = targetKey(action.target);
    byTarget.set(key, [...(byTarget.get(key) ?? []), result]);
  });
  return byTarget;
}
