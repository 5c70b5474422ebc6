/**
 * What the tuner decides to change, and what came of each change: the contract between the
 * decision engine (which writes actions) and the actuators (which apply them). Types only.
 */

/** The three settings the tuner can turn. */
export const Knob = {
  PROVISIONED_CONCURRENCY: 'provisionedConcurrency',
  MEMORY: 'memory',
  RESERVED_CONCURRENCY: 'reservedConcurrency',
} as const;
export type Knob = (typeof Knob)[keyof typeof Knob];

/** Every knob, in the order the config lists them by default. */
export const KNOBS: readonly Knob[] = Object.values(Knob);

/** One tuned function endpoint: a function and the alias or version its callers invoke. */
export interface TargetRef {
  readonly functionName: string;
  /** Alias name or published version number; never `$LATEST` (it cannot carry provisioned concurrency). */
  readonly qualifier: string;
  /** AWS Region; absent means the adapter's default Region. */
  readonly region?: string;
  /**
   * The account and partition, when the config named the function by ARN (with `region`). The
   * adapters then pass the full ARN and refuse the target unless it is in the caller's account
   * and partition; without them the function is the caller's by construction.
   */
  readonly accountId?: string;
  readonly partition?: string;
}

/**
 * One change to one target.
 *
 * `setMemory` updates `$LATEST`'s memory, publishes a version, gives it `provisionedConcurrency`
 * READY, then moves the alias (see docs/decisions/0003-memory-change-workflow.md).
 * `setReservedConcurrency` with `null` means "no reservation" (the function draws on the
 * account's unreserved pool); reserved concurrency is per function, not per alias.
 */
export type Action =
  | {
      readonly kind: 'setProvisionedConcurrency';
      readonly target: TargetRef;
      readonly from: number;
      readonly to: number;
      readonly reason: string;
    }
  | {
      readonly kind: 'setReservedConcurrency';
      readonly target: TargetRef;
      readonly from: number | null;
      readonly to: number | null;
      readonly reason: string;
    }
  | {
      readonly kind: 'setMemory';
      readonly target: TargetRef;
      readonly from: number;
      readonly to: number;
      readonly provisionedConcurrency: number;
      readonly reason: string;
    };

/** The `kind` of an {@link Action}. */
export type ActionKind = Action['kind'];

/** How applying one action ended. */
export const ActionStatus = {
  /** The change was made. */
  APPLIED: 'applied',
  /** Deliberately not made: dry run, a guard refused it, or an earlier action on the target failed. */
  SKIPPED: 'skipped',
  /** An API call failed or a bounded wait ran out; see `error`. */
  FAILED: 'failed',
  /** The target already had the requested value: nothing was written. */
  UNCHANGED: 'unchanged',
} as const;
export type ActionStatus = (typeof ActionStatus)[keyof typeof ActionStatus];

/** The outcome of one action, in the order the actions were given. */
export interface ActionResult {
  readonly action: Action;
  readonly status: ActionStatus;
  /** One human-readable sentence: what was done, or why not. */
  readonly detail: string;
  /** The error behind a `failed` status (or a warning on an `applied` one), by name and message. */
  readonly error?: { name: string; message: string };
}
