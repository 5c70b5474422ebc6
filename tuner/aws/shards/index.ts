/** What the construct needs of the sharded cycle: how a fleet is cut, and where shards read their configs. */

export { SHARD_CONFIGS_VARIABLE } from './shardHandler.ts';
export {
  MAX_TARGETS_PER_SHARD,
  type ShardRange,
  ShardRangeError,
  shardConfigName,
  shardFolder,
  shardRanges,
} from './shardRanges.ts';
