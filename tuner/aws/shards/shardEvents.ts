/**
 * What the sharded cycle's state machine (infra/sharding/shardedTunerCycle.ts) passes to the
 * shard and reconcile functions, and what a shard returns; checked on the way in, so a state
 * machine and functions out of step fail with a message naming the field.
 */
import { z } from 'zod';

const count = z.number().int().min(0);

/** The account settings as the state machine read them (GetAccountSettings), or its Catch. */
const accountReadSchema = z.union([
  z.strictObject({ concurrencyLimit: count, unreservedConcurrency: count }),
  z.object({ Error: z.string(), Cause: z.string().optional() }),
]);

/** The input of one shard's invocation: one item of the Distributed Map. */
export const shardEventSchema = z.strictObject({
  shard: z.strictObject({ index: count, first: count, count: z.number().int().min(1) }),
  shards: z.number().int().min(1),
  account: accountReadSchema,
});
export type ShardEvent = z.infer<typeof shardEventSchema>;

/** What a shard returns: its counts, where its report went, and what it wanted of the headroom. */
export const shardSummarySchema = z.strictObject({
  shard: count,
  status: z.string(),
  targets: count,
  actionsPlanned: count,
  actionsApplied: count,
  actionsFailed: count,
  apiErrors: count,
  /** Where the shard's report was written; null when it could not be. */
  report: z.string().nullable(),
  /** Its share of the account's reservation headroom this cycle. */
  weight: z.number().min(0).max(1),
  /** The reservation increase its targets wanted (before the account was fitted). */
  wantedReservation: count,
});
export type ShardSummary = z.infer<typeof shardSummarySchema>;

/** A shard whose invocation failed, as the state machine's Catch records it. */
export const failedShardSchema = z.strictObject({
  shard: count,
  failure: z.object({ Error: z.string(), Cause: z.string().optional() }),
});

/** The input of the reconcile step. */
export const reconcileEventSchema = z.strictObject({
  shards: z.array(z.union([shardSummarySchema, failedShardSchema])).min(1),
  /** The account after the shards, read by the state machine. */
  account: accountReadSchema,
  /** The execution's start (`$$.Execution.StartTime`): older shard reports are a past cycle's. */
  startedAt: z.iso.datetime({ offset: true }),
});
export type ReconcileEvent = z.infer<typeof reconcileEventSchema>;

/**
 * An event that does not match what the state machine sends: names the fields.
 *
 * @example
 * ```ts
 * throw new ShardEventError('shard.count: Too small: expected number to be >=1');
 * ```
 */
export class ShardEventError extends Error {
  override readonly name = 'ShardEventError';
}

/**
 * Parses an event against its schema, or throws {@link ShardEventError} naming each bad field.
 *
 * @example
 * ```ts
 * const event = parseShardEvent(shardEventSchema, input, 'shard event');
 * ```
 */
export function parseShardEvent<T>(schema: z.ZodType<T>, input: unknown, what: string): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues
    .map((issue) => `${issue.path.join('.') || '(event)'}: ${issue.message}`)
    .join('; ');
  throw new ShardEventError(`${what}: ${issues}`);
}

/**
 * The account settings as the planner takes them: the read, or the error that stopped it.
 *
 * @example
 * ```ts
 * accountOf({ Error: 'Lambda.TooManyRequestsException', Cause: 'Rate exceeded' }); // an Error of that name
 * ```
 */
export function accountOf(
  read: ShardEvent['account'],
): { concurrencyLimit: number; unreservedConcurrency: number } | Error {
  if ('concurrencyLimit' in read) return read;
  const error = new Error(
    `the state machine could not read the account settings${read.Cause === undefined ? '' : `: ${read.Cause}`}`,
  );
  error.name = read.Error;
  return error;
}
