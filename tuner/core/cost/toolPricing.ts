/**
 * Prices, in USD, of the services the tool itself uses besides Lambda compute: CloudWatch custom
 * metrics, GetMetricData, alarms, CloudWatch Logs ingestion, S3 requests. Lambda's own rates are
 * in sdk/cost/pricingTable.ts, the one place for them.
 *
 * Sources, checked 2026-12-01:
 * - https://aws.amazon.com/cloudwatch/pricing/ (paid tier, US East (N. Virginia)): custom metrics
 *   $0.30 a metric a month for the first 10,000, $0.10 for the next 240,000, $0.05 for the next
 *   750,000, $0.02 above 1,000,000, prorated by the hour; GetMetricData $0.01 per 1,000 metrics
 *   requested; standard-resolution alarms $0.10 an alarm metric a month; Logs (Standard class)
 *   ingestion $0.50 per GB, archive storage $0.03 per GB a month; Logs Insights $0.005 per GB
 *   scanned (not in the table: the tool runs no query; docs/decisions/0057-tool-bill-at-the-default-deployment.md
 *   prices the one it could).
 * - https://aws.amazon.com/s3/pricing/ (S3 Standard, US East (N. Virginia)): PUT, COPY, POST,
 *   LIST $0.005 per 1,000 requests; GET $0.0004 per 1,000; storage $0.023 per GB a month.
 * - https://aws.amazon.com/step-functions/pricing/ (Standard workflows, US East (N. Virginia)):
 *   $0.025 per 1,000 state transitions; a Distributed Map bills one transition per child
 *   workflow execution it starts, besides the child's own (the sharded cycle:
 *   infra/sharding/shardedTunerCycle.ts). The free tier (4,000 a month) is left out.
 *
 * US East (Ohio) and US West (Oregon) publish the same rates. Other regions differ (Logs
 * ingestion is $0.76 per GB in Asia Pacific (Tokyo), for one): add their rows, or pass a table of
 * your own; a region not in the table is priced at the us-east-1 rates and the estimate says so.
 * The free tier (10 metrics, 5 GB of logs an account) is left out: the tool should not count on
 * what the account's other workloads may already use.
 */

/** One region's rates. */
export interface ToolPriceRow {
  /** Custom metric tiers: USD per metric-month up to `upToMetrics` metrics (cumulative), account-wide. */
  readonly customMetricTiers: readonly { readonly upToMetrics: number; readonly usd: number }[];
  /** GetMetricData, USD per metric requested (one query of one statistic of one metric). */
  readonly getMetricDataUsdPerMetric: number;
  /** A standard-resolution alarm, USD per alarm-month. */
  readonly alarmUsdPerMonth: number;
  /** CloudWatch Logs (Standard) ingestion, USD per GB (10⁹ bytes). */
  readonly logIngestionUsdPerGb: number;
  /** CloudWatch Logs archive storage, USD per GB-month (compressed bytes). */
  readonly logStorageUsdPerGbMonth: number;
  /** S3 Standard PUT/COPY/POST/LIST, USD per request. */
  readonly s3PutUsd: number;
  /** S3 Standard GET, USD per request. */
  readonly s3GetUsd: number;
  /** S3 Standard storage, USD per GB-month. */
  readonly s3StorageUsdPerGbMonth: number;
  /** Step Functions Standard, USD per state transition. */
  readonly stepFunctionsTransitionUsd: number;
}

/** Rates keyed by region. */
export type ToolPricingTable = Readonly<Record<string, ToolPriceRow>>;

const US_REFERENCE: ToolPriceRow = {
  customMetricTiers: [
    { upToMetrics: 10_000, usd: 0.3 },
    { upToMetrics: 250_000, usd: 0.1 },
    { upToMetrics: 1_000_000, usd: 0.05 },
    { upToMetrics: Number.POSITIVE_INFINITY, usd: 0.02 },
  ],
  getMetricDataUsdPerMetric: 0.01 / 1000,
  alarmUsdPerMonth: 0.1,
  logIngestionUsdPerGb: 0.5,
  logStorageUsdPerGbMonth: 0.03,
  s3PutUsd: 0.005 / 1000,
  s3GetUsd: 0.0004 / 1000,
  s3StorageUsdPerGbMonth: 0.023,
  stepFunctionsTransitionUsd: 0.025 / 1000,
};

/** The region whose rates apply where a region has no row. */
export const REFERENCE_REGION = 'us-east-1';

/** The default table: the regions whose published rates are the reference rates. */
export const DEFAULT_TOOL_PRICING: ToolPricingTable = {
  'us-east-1': US_REFERENCE,
  'us-east-2': US_REFERENCE,
  'us-west-2': US_REFERENCE,
};

/**
 * The rates for a region, and whether they are the region's own or the reference's.
 *
 * @example
 * ```ts
 * toolPriceRow('eu-west-1').assumed; // true: us-east-1 rates
 * ```
 */
export function toolPriceRow(
  region: string,
  table: ToolPricingTable = DEFAULT_TOOL_PRICING,
): { readonly row: ToolPriceRow; readonly assumed: boolean } {
  const own = table[region];
  if (own !== undefined) return { row: own, assumed: false };
  const reference = table[REFERENCE_REGION] ?? US_REFERENCE;
  return { row: reference, assumed: true };
}

/**
 * USD a month for `metrics` custom metrics, when the account already has `alreadyInAccount` (the
 * tiers are account-wide: the tool's metrics are priced where they fall).
 *
 * @example
 * ```ts
 * customMetricsMonthlyUsd(3, toolPriceRow('us-east-1').row); // 0.9
 * ```
 */
export function customMetricsMonthlyUsd(
  metrics: number,
  row: ToolPriceRow,
  alreadyInAccount = 0,
): number {
  let usd = 0;
  const to = alreadyInAccount + metrics;
  let tierStart = 0;
  for (const tier of row.customMetricTiers) {
    const low = Math.max(alreadyInAccount, tierStart);
    const high = Math.min(to, tier.upToMetrics);
    if (high > low) usd += (high - low) * tier.usd;
    tierStart = tier.upToMetrics;
    if (tierStart >= to) break;
  }
  return usd;
}
