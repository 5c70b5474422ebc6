/**
 * The simulated account's `StateReader` and `Actuator`: what the Lambda API would report and do.
 * - Provisioned concurrency lives on the version the alias points to (the tuner's placement, see
 *   docs/decisions/0003-memory-change-workflow.md); an increase is IN_PROGRESS until the
 *   allocation delay has passed, then READY; setting 0 deletes the configuration.
 * - A memory change is UpdateFunctionConfiguration on `$LATEST` → PublishVersion → provisioned
 *   concurrency on the new version → the alias moves once the new version takes traffic (the
 *   fleet's update-and-publish delay); until then the state shows the alias on the old version.
 * - Reserved concurrency acts at once; a reservation leaving fewer than 100 of the account's
 *   concurrency unreserved is refused, as PutFunctionConcurrency refuses it.
 * Each function's actions run in order; a failure stops that function's later actions only.
 */
import { applied, failed, skipped, unchanged } from '../../core/actionResults.ts';
import type { Action, ActionResult, TargetRef } from '../../core/plan.ts';
import {
  type AccountState,
  type Actuator,
  type FunctionState,
  type StateReader,
  targetKey,
} from '../../core/ports.ts';
import type { FleetConfig } from '../../sim/fleetConfig.ts';
import type { SimulatedAccount, SimulatedFunction } from './simulatedAccount.ts';
import { SimulatedAccountError } from './simulatedAccountError.ts';
import { simulatedInvalidParameter, simulatedResourceNotFound } from './simulatedLambdaErrors.ts';

const CODE_SHA256 = 'c2ltdWxhdGVkLWZ1bmN0aW9uLWNvZGU=';

/**
 * Reads and changes the simulated account's functions.
 *
 * @example
 * ```ts
 * const lambda = new SimulatedLambda(account);
 * const { targets } = await lambda.readState([{ functionName: 'ocr', qualifier: 'live' }]);
 * await lambda.apply(plan.actions, { dryRun: false });
 * ```
 */
export class SimulatedLambda implements StateReader, Actuator {
  readonly #account: SimulatedAccount;

  constructor(account: SimulatedAccount) {
    this.#account = account;
  }

  async readState(
    targets: readonly TargetRef[],
  ): Promise<{ account: AccountState | Error; targets: Map<string, FunctionState | Error> }> {
    const states = new Map<string, FunctionState | Error>();
    for (const ref of targets) {
      const fn = this.#find(ref);
      states.set(targetKey(ref), fn instanceof Error ? fn : this.#state(fn, ref));
    }
    return { account: this.#account.accountState(), targets: states };
  }

  async apply(actions: readonly Action[], options: { dryRun: boolean }): Promise<ActionResult[]> {
    const failedFunctions = new Map<string, Action>();
    return actions.map((action) => {
      const earlier = failedFunctions.get(action.target.functionName);
      if (earlier !== undefined)
        return skipped(
          action,
          `not attempted: an earlier ${earlier.kind} on ${earlier.target.functionName} failed`,
        );
      const result = options.dryRun ? dryRun(action) : this.#applyOne(action);
      if (result.status === 'failed') failedFunctions.set(action.target.functionName, action);
      return result;
    });
  }

  #find(ref: TargetRef): SimulatedFunction | Error {
    const fn = this.#account.function(ref.functionName);
    if (fn === undefined || fn.alias !== ref.qualifier) return simulatedResourceNotFound(ref);
    if (ref.region !== undefined && ref.region !== this.#account.region)
      return simulatedResourceNotFound(ref);
    return fn;
  }

  #state(fn: SimulatedFunction, ref: TargetRef): FunctionState {
    const fleet = fn.fleet;
    const version = fn.versions.find((v) => v.version === fn.aliasVersion) ?? fn.versions[0];
    const requested = fleet.requested.provisionedConcurrency;
    const ready = Math.min(requested, fleet.provisionedReady);
    return {
      functionName: fn.functionName,
      qualifier: fn.alias,
      ...(ref.region === undefined ? {} : { region: ref.region }),
      arn: `arn:aws:lambda:${this.#account.region}:${this.#account.accountId}:function:${fn.functionName}:${fn.alias}`,
      aliasVersion: fn.aliasVersion,
      memoryMb: version?.memoryMb ?? fleet.memoryInEffect,
      architecture: fn.architecture,
      codeSha256: CODE_SHA256,
      latestCodeSha256: CODE_SHA256,
      latestMemoryMb: fn.latestMemoryMb,
      unpublishedChanges: [],
      aliasRouting: null,
      provisioned:
        requested > 0
          ? {
              requested,
              allocated: ready,
              available: ready,
              status: ready >= requested ? 'READY' : 'IN_PROGRESS',
              placement: 'version',
            }
          : null,
      reservedConcurrency: fleet.requested.reservedConcurrency,
      tags: fn.tags,
      lastModified: new Date(fn.lastModifiedMs).toISOString(),
    };
  }

  #applyOne(action: Action): ActionResult {
    const fn = this.#find(action.target);
    if (fn instanceof Error) return failed(action, `${action.kind} failed`, fn);
    const current = fn.fleet.requested;
    switch (action.kind) {
      case 'setProvisionedConcurrency':
        if (current.provisionedConcurrency === action.to)
          return unchanged(
            action,
            `provisioned concurrency of ${label(fn)} is already ${action.to}`,
          );
        return this.#request(
          action,
          fn,
          { ...current, provisionedConcurrency: action.to },
          action.to === 0
            ? `DeleteProvisionedConcurrencyConfig on ${label(fn)} version ${fn.aliasVersion}`
            : `provisioned concurrency of ${label(fn)} version ${fn.aliasVersion}: ${current.provisionedConcurrency} → ${action.to} (IN_PROGRESS until allocated)`,
        );
      case 'setReservedConcurrency':
        if (current.reservedConcurrency === action.to)
          return unchanged(
            action,
            `reserved concurrency of ${fn.functionName} is already ${action.to}`,
          );
        return this.#request(
          action,
          fn,
          { ...current, reservedConcurrency: action.to },
          action.to === null
            ? `DeleteFunctionConcurrency on ${fn.functionName}`
            : `reserved concurrency of ${fn.functionName}: ${current.reservedConcurrency ?? 'none'} → ${action.to}`,
        );
      case 'setMemory': {
        if (current.memoryMb === action.to && fn.pendingAliasMove === null)
          return unchanged(action, `memory of ${label(fn)} is already ${action.to} MB`);
        const version = String(Number(fn.versions.at(-1)?.version ?? '0') + 1);
        const result = this.#request(
          action,
          fn,
          {
            ...current,
            memoryMb: action.to,
            provisionedConcurrency: action.provisionedConcurrency,
          },
          `memory of ${label(fn)}: ${current.memoryMb} → ${action.to} MB: $LATEST updated, version ${version} published with ${action.provisionedConcurrency} provisioned; the alias moves once it is ready`,
        );
        if (result.status === 'applied') {
          fn.latestMemoryMb = action.to;
          const published = { version, memoryMb: action.to };
          fn.versions.push(published);
          fn.pendingAliasMove = published;
        }
        return result;
      }
    }
  }

  #request(
    action: Action,
    fn: SimulatedFunction,
    config: FleetConfig,
    detail: string,
  ): ActionResult {
    try {
      this.#account.request(fn, config);
      return applied(action, detail);
    } catch (error) {
      const refusal =
        error instanceof SimulatedAccountError ? simulatedInvalidParameter(error.message) : error;
      return failed(action, `${action.kind} on ${label(fn)} failed`, refusal);
    }
  }
}

function label(fn: SimulatedFunction): string {
  return `${fn.functionName}:${fn.alias}`;
}

function dryRun(action: Action): ActionResult {
  return skipped(
    action,
    `dry run: would ${action.kind} of ${action.target.functionName} from ${action.from} to ${action.to}`,
  );
}
