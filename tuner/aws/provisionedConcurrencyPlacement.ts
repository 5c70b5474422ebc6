/**
 * Where a target's provisioned concurrency lives: on the alias itself, or on the version the
 * alias points to (the tuner's placement, so a memory change can warm the next version before the
 * alias moves; docs/decisions/0003-memory-change-workflow.md).
 */
import type { GetProvisionedConcurrencyConfigCommandOutput } from '@aws-sdk/client-lambda';
import type { TargetRef } from '../core/plan.ts';
import type { ProvisionedConcurrencyState } from '../core/ports.ts';
import type { LambdaApi } from './lambdaApi.ts';

/** The configuration found for a target, and the qualifier it is on. */
export interface ProvisionedConcurrencyPlacement {
  /** `alias` when on the alias, `version` when on a version; null when there is none. */
  readonly placement: 'alias' | 'version' | null;
  /** The alias or version the configuration is on (or would go on, for `version`). */
  readonly qualifier: string;
  readonly config: GetProvisionedConcurrencyConfigCommandOutput | null;
}

/**
 * Finds a target's provisioned concurrency: on the alias first, then on the alias's version
 * (`aliasVersion`; null when the target qualifier is itself a version).
 *
 * @example
 * ```ts
 * const found = await findProvisionedConcurrency(api, { functionName: 'ocr', qualifier: 'live' }, '7');
 * found.placement; // 'version' when PutProvisionedConcurrencyConfig was made on version 7
 * ```
 */
export async function findProvisionedConcurrency(
  api: LambdaApi,
  target: TargetRef,
  aliasVersion: string | null,
): Promise<ProvisionedConcurrencyPlacement> {
  if (aliasVersion === null) {
    const config = await api.getProvisionedConcurrency(target, target.qualifier);
    return { placement: config === null ? null : 'version', qualifier: target.qualifier, config };
  }
  const onAlias = await api.getProvisionedConcurrency(target, target.qualifier);
  if (onAlias !== null) return { placement: 'alias', qualifier: target.qualifier, config: onAlias };
  const onVersion = await api.getProvisionedConcurrency(target, aliasVersion);
  return {
    placement: onVersion === null ? null : 'version',
    qualifier: aliasVersion,
    config: onVersion,
  };
}

/**
 * The port's view of a found configuration.
 *
 * @example
 * ```ts
 * toProvisionedState(await findProvisionedConcurrency(api, ref, '7')); // { requested: 4, ..., placement: 'version' }
 * ```
 */
export function toProvisionedState(
  found: ProvisionedConcurrencyPlacement,
): ProvisionedConcurrencyState | null {
  const config = found.config;
  if (config === null || found.placement === null) return null;
  return {
    requested: config.RequestedProvisionedConcurrentExecutions ?? 0,
    allocated: config.AllocatedProvisionedConcurrentExecutions ?? 0,
    available: config.AvailableProvisionedConcurrentExecutions ?? 0,
    status: config.Status ?? 'IN_PROGRESS',
    ...(config.StatusReason === undefined ? {} : { statusReason: config.StatusReason }),
    placement: found.placement,
  };
}
