/**
 * The AWS partitions the tuner works in, and which Regions belong to which. A function ARN names
 * its partition; the tuner refuses one whose partition does not hold its Region, or that is none
 * of these three (the isolated partitions have APIs and endpoints of their own it was never
 * tested against).
 */

/** The partitions a target's ARN may name. */
export const AwsPartition = {
  AWS: 'aws',
  CHINA: 'aws-cn',
  GOV_CLOUD: 'aws-us-gov',
} as const;
export type AwsPartition = (typeof AwsPartition)[keyof typeof AwsPartition];

const PARTITIONS: readonly string[] = Object.values(AwsPartition);

/**
 * True when `name` is one of the partitions the tuner supports.
 *
 * @example
 * ```ts
 * isSupportedPartition('aws-cn'); // true
 * isSupportedPartition('aws-iso'); // false
 * ```
 */
export function isSupportedPartition(name: string): name is AwsPartition {
  return PARTITIONS.includes(name);
}

/**
 * The partition a Region belongs to: `cn-*` in aws-cn, `us-gov-*` in aws-us-gov, every other
 * supported Region in aws; undefined for the isolated Regions (`us-iso-*`, `us-isob-*`, ...).
 *
 * @example
 * ```ts
 * partitionOfRegion('cn-north-1'); // 'aws-cn'
 * partitionOfRegion('eu-west-1'); // 'aws'
 * ```
 */
export function partitionOfRegion(region: string): AwsPartition | undefined {
  if (region.startsWith('cn-')) return AwsPartition.CHINA;
  if (region.startsWith('us-gov-')) return AwsPartition.GOV_CLOUD;
  if (/^[a-z]{2}-iso/.test(region)) return undefined;
  return AwsPartition.AWS;
}
