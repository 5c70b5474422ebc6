import { applied, failed, skipped, targetLabel, unchanged } from '../core/actionResults.ts';
import { VERSION_PATTERN } from '../core/config/lambdaLimits.ts';
import type { Action, ActionResult } from '../core/plan.ts';
import type { ActuationContext } from './actuationContext.ts';
import {
  findProvisionedConcurrency,
  type ProvisionedConcurrencyPlacement,
} from './provisionedConcurrencyPlacement.ts';

type ProvisionedAction = Extract<Action, { kind: 'setProvisionedConcurrency' }>;

/**
 * Sets a target's provisioned concurrency where it already lives (alias or version); a new
 * configuration goes where the context says (the alias's version by default, see ADR 0003).
 * `to: 0` deletes the configuration. Does not wait for READY: allocation takes minutes and the
 * next cycle reads its status. Leaves an alias with weighted routing alone.
 *
 * @example
 * ```ts
 * await applyProvisionedConcurrency(context, { kind: 'setProvisionedConcurrency', target, from: 2, to: 6, reason });
 * ```
 */
export async function applyProvisionedConcurrency(
  context: ActuationContext,
  action: ProvisionedAction,
): Promise<ActionResult> {
  const { api } = context;
  const target = action.target;
  const label = targetLabel(target);
  if (!context.provisionedConcurrencyApi)
    return failed(
      action,
      `cannot set provisioned concurrency on ${label}`,
      new Error('this endpoint has no provisioned-concurrency API'),
    );

  let aliasVersion: string | null = null;
  let weighted = false;
  let found: ProvisionedConcurrencyPlacement;
  try {
    if (!VERSION_PATTERN.test(target.qualifier)) {
      const alias = await api.getAlias(target, target.qualifier);
      aliasVersion = alias.FunctionVersion ?? null;
      weighted = Object.keys(alias.RoutingConfig?.AdditionalVersionWeights ?? {}).length > 0;
    }
    found = await findProvisionedConcurrency(api, target, aliasVersion);
  } catch (error) {
    return failed(action, `could not read the provisioned concurrency of ${label}`, error);
  }
  if (weighted)
    return skipped(
      action,
      `alias ${target.qualifier} splits traffic between versions (weighted routing: a deployment is in progress); provisioned concurrency left alone`,
    );

  const qualifier =
    found.placement !== null
      ? found.qualifier
      : context.provisionedConcurrencyPlacement === 'alias'
        ? target.qualifier
        : (aliasVersion ?? target.qualifier);
  const where = qualifier === target.qualifier ? label : `${label} (on version ${qualifier})`;
  const current = found.config?.RequestedProvisionedConcurrentExecutions ?? 0;
  if (current === action.to && found.config?.Status !== 'FAILED')
    return unchanged(action, `provisioned concurrency on ${where} is already ${current}`);
  const change = `provisioned concurrency on ${where}: ${current} → ${action.to}`;
  if (context.dryRun) return skipped(action, `dry run: would set ${change}`);
  try {
    if (action.to === 0) await api.deleteProvisionedConcurrency(target, qualifier);
    else await api.putProvisionedConcurrency(target, qualifier, action.to);
  } catch (error) {
    const call =
      action.to === 0 ? 'DeleteProvisionedConcurrencyConfig' : 'PutProvisionedConcurrencyConfig';
    return failed(action, `${call} failed for ${where}`, error);
  }
  return applied(action, action.to === 0 ? change : `${change}; allocation in progress`);
}
