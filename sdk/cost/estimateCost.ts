import {
  Architecture,
  DEFAULT_PRICING,
  type PriceRow,
  PricingError,
  type PricingTable,
  priceRow,
} from './pricingTable.ts';

/** What one invocation used, as Lambda bills it. */
export interface InvocationUsage {
  /** Handler duration in milliseconds; billed rounded up to the next whole millisecond. */
  readonly durationMs: number;
  /** Configured memory in MB. */
  readonly memoryMb: number;
  /** Defaults to x86_64. */
  readonly architecture?: Architecture;
  /** Defaults to the table's `default` row (us-east-1 rates). */
  readonly region?: string;
  /**
   * Duration of the INIT phase that preceded this invocation in an on-demand environment, if this
   * is the environment's first invocation. Billed since 2025-08-01 at the on-demand duration rate,
   * whether or not the caller waited for it. Ignored when `provisioned` is true: the init of a
   * provisioned environment is covered by the allocation price.
   */
  readonly initDurationMs?: number;
  /** True when the invocation ran on provisioned concurrency (the lower PC duration rate applies). */
  readonly provisioned?: boolean;
  /** Index of the monthly on-demand volume tier the account is in (0 = first tier). Defaults to 0. */
  readonly tier?: number;
  /** Overrides the built-in pricing table. */
  readonly pricing?: PricingTable;
}

/** The estimated cost of one invocation, in USD, and its parts. */
export interface CostBreakdown {
  readonly requestUsd: number;
  readonly durationUsd: number;
  readonly initUsd: number;
  readonly totalUsd: number;
}

/**
 * GB-seconds for a duration in milliseconds at a memory size, after Lambda's 1 ms rounding.
 *
 * @example
 * ```ts
 * billedGbSeconds(100.2, 1024); // 0.101 (101 ms at 1 GB)
 * ```
 */
export function billedGbSeconds(durationMs: number, memoryMb: number): number {
  return (Math.ceil(Math.max(0, durationMs)) / 1000) * (memoryMb / 1024);
}

/**
 * Estimates what one invocation costs: the request, its duration (on-demand or on provisioned
 * concurrency) and, for the first invocation of an on-demand environment, its billed INIT phase.
 * The provisioned-concurrency allocation itself is a fleet cost, not a per-invocation one.
 *
 * @example
 * ```ts
 * import { estimateCost } from '@lambda-thermostat/sdk';
 * // A 120 ms invocation at 1,024 MB on x86 in us-east-1 that followed a 900 ms cold start.
 * const cost = estimateCost({ durationMs: 120, memoryMb: 1024, initDurationMs: 900 });
 * cost.totalUsd; // 0.2e-6 + (0.12 + 0.9) × 1 × 0.0000166667
 * ```
 */
export function estimateCost(usage: InvocationUsage): CostBreakdown {
  const architecture = usage.architecture ?? Architecture.X86_64;
  const row = priceRow(usage.pricing ?? DEFAULT_PRICING, usage.region, architecture);
  const requestUsd = row.usdPerRequest;
  if (usage.provisioned === true) {
    const durationUsd =
      billedGbSeconds(usage.durationMs, usage.memoryMb) * row.provisionedDurationUsdPerGbSecond;
    return { requestUsd, durationUsd, initUsd: 0, totalUsd: requestUsd + durationUsd };
  }
  const rate = onDemandRate(row, usage.tier ?? 0);
  const durationUsd = billedGbSeconds(usage.durationMs, usage.memoryMb) * rate;
  const initUsd =
    usage.initDurationMs !== undefined && usage.initDurationMs > 0
      ? billedGbSeconds(usage.initDurationMs, usage.memoryMb) * rate
      : 0;
  return { requestUsd, durationUsd, initUsd, totalUsd: requestUsd + durationUsd + initUsd };
}

/**
 * The on-demand USD per GB-second of a volume tier.
 *
 * @example
 * ```ts
 * onDemandRate(priceRow(DEFAULT_PRICING, 'us-east-1', 'x86_64'), 1); // 0.000015
 * ```
 */
export function onDemandRate(row: PriceRow, tier: number): number {
  const step = row.durationTiers[tier];
  if (step === undefined || !Number.isInteger(tier)) {
    throw new PricingError(
      `tier ${tier} does not exist: this row has tiers 0..${row.durationTiers.length - 1}`,
    );
  }
  return step.usdPerGbSecond;
}

/**
 * Cost of keeping provisioned concurrency allocated, USD: `concurrency × memory × seconds`, with
 * the period rounded up to whole 5-minute blocks as AWS bills it.
 *
 * @example
 * ```ts
 * // 10 environments at 2,048 MB for one hour in us-east-1 (x86):
 * provisionedAllocationCost({ concurrency: 10, memoryMb: 2048, seconds: 3600 }); // ≈ $0.30
 * ```
 */
export function provisionedAllocationCost(input: {
  readonly concurrency: number;
  readonly memoryMb: number;
  readonly seconds: number;
  readonly architecture?: Architecture;
  readonly region?: string;
  readonly pricing?: PricingTable;
}): number {
  if (input.concurrency <= 0 || input.seconds <= 0) return 0;
  const row = priceRow(
    input.pricing ?? DEFAULT_PRICING,
    input.region,
    input.architecture ?? Architecture.X86_64,
  );
  const billedSeconds = Math.ceil(input.seconds / 300) * 300;
  return (
    input.concurrency * (input.memoryMb / 1024) * billedSeconds * row.provisionedUsdPerGbSecond
  );
}
