/**
 * How shards share the account's reservation headroom (docs/decisions/0065-sharded-cycle-headroom-shares.md).
 * The account's unreserved concurrency above the minimum Lambda keeps is one pool; shards plan at
 * once, so each plans against a share of it: shard i sees `minimum + floor(headroom × weight_i)`
 * unreserved, the weights summing to 1, so the shards' reservation increases together never pass
 * the headroom (what each frees by lowering a reservation stays its own, as in the unsharded
 * planner: tuner/core/plan/planCycle.ts). The reconcile step sets the next cycle's weights from
 * what each shard wanted: a shard held back this cycle gets a larger share the next.
 */
import { z } from 'zod';
import type { TargetPlan } from '../../core/plan/targetPlan.ts';
import type { AccountState } from '../../core/ports.ts';

/** The object, under the reports prefix, that carries the weights from one cycle to the next. */
export const HEADROOM_SHARES_NAME = 'shards/headroom.json';

/** The weights of one cycle's shards. */
export interface HeadroomShares {
  readonly kind: 'lambda-thermostat.headroom-shares';
  readonly version: 1;
  /** Epoch ms of the cycle that set them. */
  readonly updatedAtMs: number;
  /** One per shard, summing to 1. */
  readonly weights: readonly number[];
}

const sharesSchema = z.strictObject({
  kind: z.literal('lambda-thermostat.headroom-shares'),
  version: z.literal(1),
  updatedAtMs: z.number().finite(),
  weights: z.array(z.number().finite().min(0)).min(1),
});

/**
 * Shard `index`'s weight of `shards`: the stored one when the stored weights are for as many
 * shards and sum to 1; an equal share otherwise (the first cycle, a fleet cut anew, a lost or
 * unreadable object: `note` says why).
 *
 * @example
 * ```ts
 * shardWeight(null, 1, 4); // { weight: 0.25, note: undefined }
 * ```
 */
export function shardWeight(
  text: string | null,
  index: number,
  shards: number,
): { readonly weight: number; readonly note: string | undefined } {
  const equal = 1 / shards;
  if (text === null) return { weight: equal, note: undefined };
  let parsed: HeadroomShares;
  try {
    parsed = sharesSchema.parse(JSON.parse(text));
  } catch (error) {
    return {
      weight: equal,
      note: `${HEADROOM_SHARES_NAME} unreadable (${(error as Error).name}): an equal share of the account's headroom`,
    };
  }
  const sum = parsed.weights.reduce((a, b) => a + b, 0);
  if (parsed.weights.length !== shards || Math.abs(sum - 1) > 1e-9)
    return {
      weight: equal,
      note: `${HEADROOM_SHARES_NAME} is for ${parsed.weights.length} shard(s), not ${shards}: an equal share of the account's headroom`,
    };
  return { weight: parsed.weights[index] ?? equal, note: undefined };
}

/**
 * The account as one shard plans against it: the unreserved minimum plus its share of the
 * headroom above it, rounded down (so the shares never add up to more than the headroom).
 *
 * @example
 * ```ts
 * shardAccountView({ concurrencyLimit: 1000, unreservedConcurrency: 400 }, 0.25, 100);
 * // { concurrencyLimit: 1000, unreservedConcurrency: 175 }
 * ```
 */
export function shardAccountView(
  account: AccountState,
  weight: number,
  minUnreserved: number,
): AccountState {
  const headroom = Math.max(0, account.unreservedConcurrency - minUnreserved);
  return {
    concurrencyLimit: account.concurrencyLimit,
    unreservedConcurrency: Math.min(
      account.unreservedConcurrency,
      minUnreserved + Math.floor(headroom * weight),
    ),
  };
}

/**
 * The next cycle's weights from each shard's wanted reservation increase (concurrency units):
 * proportional to `1 + wanted`, so a shard that wanted nothing keeps a floor and one held back
 * gets more.
 *
 * @example
 * ```ts
 * nextHeadroomShares([0, 30, 0], 1_700_000_000_000).weights; // [0.03, 0.94, 0.03] (rounded)
 * ```
 */
export function nextHeadroomShares(wanted: readonly number[], nowMs: number): HeadroomShares {
  const raw = wanted.map((w) => 1 + Math.max(0, Number.isFinite(w) ? w : 0));
  const total = raw.reduce((a, b) => a + b, 0);
  const weights = raw.map((w) => w / total);
  return { kind: 'lambda-thermostat.headroom-shares', version: 1, updatedAtMs: nowMs, weights };
}

/**
 * The reservation increase a shard's targets wanted this cycle before the account was fitted:
 * the sum over targets of the desired reserved concurrency above the current one.
 *
 * @example
 * ```ts
 * wantedReservationIncrease(report.targets.map((t) => t.plan)); // 30
 * ```
 */
export function wantedReservationIncrease(
  plans: readonly Pick<TargetPlan, 'current' | 'desired'>[],
): number {
  let wanted = 0;
  for (const { current, desired } of plans) {
    const to = desired?.reservedConcurrency ?? null;
    if (current === null || to === null) continue;
    wanted += Math.max(0, to - (current.reservedConcurrency ?? 0));
  }
  return wanted;
}
