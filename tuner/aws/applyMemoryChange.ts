/**
 * The memory change (docs/decisions/0003-memory-change-workflow.md): a new published version
 * with the new memory gets its provisioned concurrency READY before the alias moves to it, so
 * traffic goes from one warm version to another; then the old version's PC is removed.
 *
 * Never ships unpublished work: `$LATEST` must carry the alias version's code and configuration.
 * Every wait is bounded; on any failure before the alias moves, the alias stays where it was,
 * the new version's PC is removed, `$LATEST`'s memory is put back, and the result says exactly
 * what the function was left as (what a dead endpoint kept from being undone).
 */
import type { FunctionConfiguration, GetAliasCommandOutput } from '@aws-sdk/client-lambda';
import { applied, failed, skipped, targetLabel, unchanged } from '../core/actionResults.ts';
import { VERSION_PATTERN } from '../core/config/lambdaLimits.ts';
import { errorSummary } from '../core/errorSummary.ts';
import type { Action, ActionResult } from '../core/plan.ts';
import { type ActuationContext, waitBound } from './actuationContext.ts';
import { ActuationTimeoutError } from './actuationTimeoutError.ts';
import { pollUntil } from './pollUntil.ts';
import { ProvisionedConcurrencyAllocationError } from './provisionedConcurrencyAllocationError.ts';
import { findProvisionedConcurrency } from './provisionedConcurrencyPlacement.ts';
import { unpublishedChanges } from './unpublishedChanges.ts';

type MemoryAction = Extract<Action, { kind: 'setMemory' }>;

/** What was read before changing anything. */
interface Before {
  readonly alias: GetAliasCommandOutput;
  readonly oldVersion: string;
  readonly version: FunctionConfiguration;
  readonly latest: FunctionConfiguration;
  /** Requested PC on the old version (version placement), 0 when none. */
  readonly oldVersionPc: number;
}

const short = (sha: string | undefined): string => (sha ?? '?').slice(0, 12);
const seconds = (ms: number): string => `${Math.round(ms / 1000)} s`;

/**
 * Changes the memory behind an alias without a cold-start burst.
 *
 * @example
 * ```ts
 * await applyMemoryChange(context, {
 *   kind: 'setMemory', target: { functionName: 'ocr', qualifier: 'live' },
 *   from: 1024, to: 2048, provisionedConcurrency: 4, reason: 'CPU-bound: p99 above target',
 * });
 * ```
 */
export async function applyMemoryChange(
  context: ActuationContext,
  action: MemoryAction,
): Promise<ActionResult> {
  const target = action.target;
  const label = targetLabel(target);
  if (VERSION_PATTERN.test(target.qualifier))
    return skipped(
      action,
      `${label} is a version, not an alias: a memory change publishes a new version and moves an alias to it`,
    );
  if (action.provisionedConcurrency > 0 && !context.provisionedConcurrencyApi)
    return failed(
      action,
      `cannot warm a new version of ${label}`,
      new Error('this endpoint has no provisioned-concurrency API'),
    );

  let read: Before | ActionResult;
  try {
    read = await readBefore(context, action);
  } catch (error) {
    return failed(action, `could not read the current state of ${label}`, error);
  }
  if ('status' in read) return read;
  const { oldVersion, version } = read;

  const plan = `memory of ${label}: ${version.MemorySize} → ${action.to} MB`;
  if (context.dryRun)
    return skipped(
      action,
      `dry run: would change ${plan} (update $LATEST, publish a version, give it provisioned concurrency ${action.provisionedConcurrency} READY, move alias ${target.qualifier} from version ${oldVersion})`,
    );
  return changeMemory(context, action, read, plan);
}

/** Reads the alias, its version and `$LATEST`, and refuses what must not be changed. */
async function readBefore(
  context: ActuationContext,
  action: MemoryAction,
): Promise<Before | ActionResult> {
  const { api } = context;
  const target = action.target;
  const alias = await api.getAlias(target, target.qualifier);
  const oldVersion = alias.FunctionVersion ?? '';
  if (Object.keys(alias.RoutingConfig?.AdditionalVersionWeights ?? {}).length > 0)
    return skipped(
      action,
      `alias ${target.qualifier} splits traffic between versions (weighted routing: a deployment is in progress); memory left alone`,
    );
  const [version, latest] = await Promise.all([
    api.getConfiguration(target, oldVersion),
    api.getConfiguration(target),
  ]);
  if (version.MemorySize === action.to)
    return unchanged(
      action,
      `version ${oldVersion} behind ${targetLabel(target)} already has ${action.to} MB`,
    );
  if (latest.CodeSha256 !== version.CodeSha256)
    return skipped(
      action,
      `$LATEST holds unpublished code (CodeSha256 ${short(latest.CodeSha256)} ≠ ${short(version.CodeSha256)} of version ${oldVersion}): publishing it would ship code nobody released; memory left alone`,
    );
  const drift = unpublishedChanges(version, latest);
  if (drift.length > 0)
    return skipped(
      action,
      `$LATEST differs from version ${oldVersion} in ${drift.join(', ')}: publishing it would ship unreleased configuration; memory left alone`,
    );
  let oldVersionPc = 0;
  if (context.provisionedConcurrencyApi) {
    const found = await findProvisionedConcurrency(api, target, oldVersion);
    const requested = found.config?.RequestedProvisionedConcurrentExecutions ?? 0;
    if (found.placement === 'alias' && requested > 0)
      return skipped(
        action,
        `provisioned concurrency (${requested}) is configured on alias ${target.qualifier} itself: moving the alias would re-allocate it cold (ADR 0003); set it on the version instead; memory left alone`,
      );
    if (found.placement === 'version') oldVersionPc = requested;
  }
  return { alias, oldVersion, version, latest, oldVersionPc };
}

/** How far a memory change got: what a failure has to undo, and what the report must say. */
interface Progress {
  /** UpdateFunctionConfiguration answered: `$LATEST` has (or is getting) the new memory. */
  updateAccepted: boolean;
  /** PublishVersion was called, whether or not it answered. */
  publishCalled: boolean;
  /** The version it published, once known. */
  newVersion?: string;
  /** Provisioned concurrency was requested on the new version. */
  warmCalled: boolean;
}

/**
 * Steps 1–6; any failure before the alias moves leaves the alias untouched, undoes what it can
 * and says exactly what state the function was left in.
 */
async function changeMemory(
  context: ActuationContext,
  action: MemoryAction,
  before: Before,
  plan: string,
): Promise<ActionResult> {
  const { api, clock, waits } = context;
  const target = action.target;
  const { alias, oldVersion, version, latest } = before;
  const progress: Progress = { updateAccepted: false, publishCalled: false, warmCalled: false };
  const fail = (step: string, error: unknown) =>
    failedPartway(context, action, before, progress, step, error);

  // 1–2. $LATEST gets the new memory; wait until the update is done.
  let updated: FunctionConfiguration;
  try {
    await api.updateMemory(target, action.to, latest.RevisionId);
  } catch (error) {
    return fail(`UpdateFunctionConfiguration (memory ${action.to} MB) failed`, error);
  }
  progress.updateAccepted = true;
  try {
    const outcome = await pollUntil(
      () => api.getConfiguration(target),
      (config) => config.LastUpdateStatus !== 'InProgress',
      {
        timeoutMs: waitBound(context, waits.functionUpdateTimeoutMs),
        intervalMs: waits.functionUpdatePollMs,
        clock,
      },
    );
    if (!outcome.settled)
      throw new ActuationTimeoutError(`$LATEST still updating after ${seconds(outcome.waitedMs)}`);
    if (outcome.value.LastUpdateStatus === 'Failed')
      throw new Error(
        `update failed: ${outcome.value.LastUpdateStatusReason ?? 'no reason given'}`,
      );
    updated = outcome.value;
  } catch (error) {
    return fail(`$LATEST accepted ${action.to} MB, then the update did not complete`, error);
  }

  // 3. Publish, guarded by the code we checked; wait until the version is no longer Pending.
  let newVersion: string;
  try {
    const description = `lambda-thermostat: memory ${action.to} MB (${action.reason})`.slice(
      0,
      256,
    );
    progress.publishCalled = true;
    const published = await api.publishVersion(
      target,
      version.CodeSha256 ?? '',
      updated.RevisionId,
      description,
    );
    newVersion = published.Version ?? '';
    if (newVersion !== '' && newVersion !== oldVersion) progress.newVersion = newVersion;
    if (published.MemorySize !== action.to || newVersion === oldVersion || newVersion === '')
      throw new Error(
        `published version ${newVersion || '?'} has ${published.MemorySize} MB, expected a new version with ${action.to} MB`,
      );
    const ready = await pollUntil(
      () => api.getConfiguration(target, newVersion),
      (config) => config.State !== 'Pending',
      {
        timeoutMs: waitBound(context, waits.functionUpdateTimeoutMs),
        intervalMs: waits.functionUpdatePollMs,
        clock,
      },
    );
    if (!ready.settled)
      throw new ActuationTimeoutError(
        `version ${newVersion} still Pending after ${seconds(ready.waitedMs)}`,
      );
    if (ready.value.State === 'Failed')
      throw new Error(
        `version ${newVersion} failed: ${ready.value.StateReason ?? 'no reason given'}`,
      );
  } catch (error) {
    return fail(`could not publish a version with ${action.to} MB`, error);
  }

  // 4. Warm the new version before it takes traffic.
  if (action.provisionedConcurrency > 0) {
    try {
      progress.warmCalled = true;
      await warmVersion(context, action, newVersion);
    } catch (error) {
      return fail(`version ${newVersion} did not get warm capacity`, error);
    }
  }

  // 5. Move the alias, if nobody else moved it since we read it.
  try {
    await api.updateAlias(target, target.qualifier, newVersion, alias.RevisionId);
  } catch (error) {
    return fail('UpdateAlias failed', error);
  }

  // 6. The old version no longer takes traffic: stop paying for its warm capacity.
  const warm =
    action.provisionedConcurrency > 0
      ? `, provisioned concurrency ${action.provisionedConcurrency} READY on it`
      : '';
  const done = `${plan}: version ${newVersion} published${warm}, alias ${target.qualifier} moved from version ${oldVersion}`;
  if (before.oldVersionPc > 0) {
    try {
      await api.deleteProvisionedConcurrency(target, oldVersion);
    } catch (error) {
      return applied(
        action,
        `${done}; could not remove provisioned concurrency ${before.oldVersionPc} from version ${oldVersion} (still billed)`,
        error,
      );
    }
    return applied(action, `${done}; provisioned concurrency removed from version ${oldVersion}`);
  }
  return applied(action, done);
}

/** Puts PC on the new version and waits, bounded, for READY; throws on FAILED or timeout. */
async function warmVersion(
  context: ActuationContext,
  action: MemoryAction,
  newVersion: string,
): Promise<void> {
  const { api, clock, waits } = context;
  await api.putProvisionedConcurrency(action.target, newVersion, action.provisionedConcurrency);
  const outcome = await pollUntil(
    () => api.getProvisionedConcurrency(action.target, newVersion),
    (config) => config !== null && config.Status !== 'IN_PROGRESS',
    {
      timeoutMs: waitBound(context, waits.provisionedReadyTimeoutMs),
      intervalMs: waits.provisionedReadyPollMs,
      clock,
    },
  );
  const status = outcome.value?.Status ?? 'missing';
  if (!outcome.settled)
    throw new ActuationTimeoutError(
      `provisioned concurrency on version ${newVersion} still ${status} after ${seconds(outcome.waitedMs)}`,
    );
  if (status !== 'READY')
    throw new ProvisionedConcurrencyAllocationError(
      `provisioned concurrency on version ${newVersion} is ${status}: ${outcome.value?.StatusReason ?? 'no reason given'}`,
    );
}

/**
 * The failed result of a change stopped part way: first undoes what it can (the new version's
 * provisioned concurrency, `$LATEST`'s memory), then states what the function was left as.
 */
async function failedPartway(
  context: ActuationContext,
  action: MemoryAction,
  before: Before,
  progress: Progress,
  step: string,
  error: unknown,
): Promise<ActionResult> {
  const left: string[] = [];
  if (progress.newVersion !== undefined) {
    left.push(`version ${progress.newVersion} published, not in use`);
    if (progress.warmCalled)
      left.push(await removeProvisionedConcurrency(context, action, progress.newVersion));
  } else
    left.push(progress.publishCalled ? 'no version known to be published' : 'no version published');
  const latest = await restoreLatestMemory(context, action, before.latest.MemorySize, progress);
  if (latest !== '') left.push(latest);
  left.push(`alias ${action.target.qualifier} left on version ${before.oldVersion}`);
  const result = failed(action, step, error);
  return { ...result, detail: `${result.detail}; left: ${left.join('; ')}` };
}

/** Best effort; says what happened. */
async function removeProvisionedConcurrency(
  context: ActuationContext,
  action: MemoryAction,
  version: string,
): Promise<string> {
  try {
    await context.api.deleteProvisionedConcurrency(action.target, version);
    return `provisioned concurrency removed from version ${version}`;
  } catch (error) {
    const { name } = errorSummary(error);
    return `provisioned concurrency on version ${version} not removed (${name}: still billed)`;
  }
}

/**
 * Best effort: `$LATEST` goes back to its memory, so a later publish by someone else does not
 * ship ours. Says which memory `$LATEST` was left with, or that it is unknown.
 */
async function restoreLatestMemory(
  context: ActuationContext,
  action: MemoryAction,
  memoryMb: number | undefined,
  progress: Progress,
): Promise<string> {
  if (memoryMb === undefined) return '';
  let current: FunctionConfiguration;
  try {
    current = await context.api.getConfiguration(action.target);
  } catch (error) {
    const { name } = errorSummary(error);
    return progress.updateAccepted
      ? `$LATEST updated to ${action.to} MB, not restored to ${memoryMb} MB (reading it back failed: ${name})`
      : `$LATEST memory unknown: the update may have been applied (reading it back failed: ${name})`;
  }
  if (current.MemorySize === memoryMb) return `$LATEST still at ${memoryMb} MB`;
  if (current.LastUpdateStatus === 'InProgress')
    return `$LATEST still updating to ${current.MemorySize} MB, its memory not restored to ${memoryMb} MB`;
  try {
    await context.api.updateMemory(action.target, memoryMb, current.RevisionId);
    return `$LATEST memory restored to ${memoryMb} MB`;
  } catch (error) {
    const { name } = errorSummary(error);
    return `$LATEST left at ${current.MemorySize} MB, not restored to ${memoryMb} MB (${name})`;
  }
}
