import type { Clock } from './clock.ts';
import type { LambdaApi } from './lambdaApi.ts';

/** What applying one action needs besides the action. */
export interface ActuationContext {
  readonly api: LambdaApi;
  readonly clock: Clock;
  readonly dryRun: boolean;
  /** False for endpoints without the provisioned-concurrency API (moto). */
  readonly provisionedConcurrencyApi: boolean;
  /** Where a new provisioned-concurrency config goes when the target has none yet. */
  readonly provisionedConcurrencyPlacement: 'alias' | 'version';
  readonly waits: ActuationWaits;
  /** Epoch ms on `clock` past which no wait goes on (the cycle's deadline). */
  readonly deadlineMs?: number;
}

/**
 * A wait's bound: its configured timeout, cut short by the cycle's deadline.
 *
 * @example
 * ```ts
 * pollUntil(read, done, { timeoutMs: waitBound(context, context.waits.functionUpdateTimeoutMs), ... });
 * ```
 */
export function waitBound(context: ActuationContext, timeoutMs: number): number {
  if (context.deadlineMs === undefined) return timeoutMs;
  return Math.max(0, Math.min(timeoutMs, context.deadlineMs - context.clock.now()));
}

/** Bounds and poll intervals of the waits, milliseconds. */
export interface ActuationWaits {
  /** For `LastUpdateStatus` after a configuration update, and a new version leaving `Pending`. */
  readonly functionUpdateTimeoutMs: number;
  readonly functionUpdatePollMs: number;
  /** For provisioned concurrency to leave IN_PROGRESS. */
  readonly provisionedReadyTimeoutMs: number;
  readonly provisionedReadyPollMs: number;
}
