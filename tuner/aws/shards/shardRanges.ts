/**
 * How a fleet is cut into shards for the sharded cycle (infra/sharding/shardedTunerCycle.ts):
 * consecutive runs of the config's targets, as even as can be, none above the most one
 * invocation plans within its planning budget (see {@link MAX_TARGETS_PER_SHARD}).
 */

/**
 * The most targets one invocation plans, the threshold above which the construct shards: what
 * the planner gets through in 60 s of the tuner function's CPU, from the planner's measured cost
 * per target (`test/bench/plannerThroughput.bench.ts` prints both, and the margin). Sixty
 * seconds leaves the rest of a 14-minute invocation to observing and to actuation waits (a
 * provisioned-concurrency allocation takes minutes to become READY).
 */
export const MAX_TARGETS_PER_SHARD = 100;

/** One shard: its number and its run of targets (`first`, `first + count - 1`). */
export interface ShardRange {
  readonly index: number;
  readonly first: number;
  readonly count: number;
}

/**
 * Raised for a fleet that cannot be cut as asked.
 *
 * @example
 * ```ts
 * throw new ShardRangeError('maxPerShard: must be a whole number ≥ 1, got 0');
 * ```
 */
export class ShardRangeError extends Error {
  override readonly name = 'ShardRangeError';
}

/**
 * Cuts `targets` targets into the fewest shards of at most `maxPerShard`, sizes differing by at
 * most one.
 *
 * @example
 * ```ts
 * shardRanges(250, 100); // [{ index: 0, first: 0, count: 84 }, { index: 1, first: 84, count: 83 }, { index: 2, first: 167, count: 83 }]
 * ```
 */
export function shardRanges(targets: number, maxPerShard = MAX_TARGETS_PER_SHARD): ShardRange[] {
  if (!Number.isInteger(maxPerShard) || maxPerShard < 1)
    throw new ShardRangeError(`maxPerShard: must be a whole number ≥ 1, got ${maxPerShard}`);
  if (!Number.isInteger(targets) || targets < 1)
    throw new ShardRangeError(`targets: must be a whole number ≥ 1, got ${targets}`);
  const shards = Math.ceil(targets / maxPerShard);
  const base = Math.floor(targets / shards);
  const larger = targets % shards;
  const ranges: ShardRange[] = [];
  let first = 0;
  for (let index = 0; index < shards; index++) {
    const count = base + (index < larger ? 1 : 0);
    ranges.push({ index, first, count });
    first += count;
  }
  return ranges;
}

/**
 * The shard's folder under the reports prefix: `shards/0007/` (its memory and its last report).
 *
 * @example
 * ```ts
 * shardFolder(7); // 'shards/0007/'
 * ```
 */
export function shardFolder(index: number): string {
  return `shards/${String(index).padStart(4, '0')}/`;
}

/**
 * The name of a shard's config object under the config prefix: `shard-0007.json`.
 *
 * @example
 * ```ts
 * shardConfigName(7); // 'shard-0007.json'
 * ```
 */
export function shardConfigName(index: number): string {
  return `shard-${String(index).padStart(4, '0')}.json`;
}
