/**
 * AWS Lambda prices, in USD, by region and architecture: the one place the project keeps them.
 *
 * Sources, checked 2026-11-27:
 * - https://aws.amazon.com/lambda/pricing/ (us-east-1 reference rates, volume tiers, PC billing rules);
 * - the AWS Pricing Calculator's metered-unit map
 *   (https://calculator.aws/pricing/2.0/meteredUnitMaps/lambda/USD/current/lambda.json) for the
 *   regions with rates of their own: "Lambda Duration", "Lambda Duration-ARM",
 *   "Lambda Duration-Provisioned", "Lambda Provisioned-Concurrency", "Lambda Requests".
 *
 * The calculator publishes provisioned-concurrency rates for x86 only; where a region's arm64 PC
 * rate is not published there, it is the x86 rate × 0.8 (arm64 is priced 20% below x86 in every
 * region where both are published, us-east-1 included). Volume tiers outside us-east-1 apply the
 * us-east-1 tier ratios (0.9 and 0.8 of the first tier), as AWS does in the regions it lists.
 *
 * Prices change: pass your own table to `estimateCost` (or to the tuner) to override any row.
 */

/** Instruction set of the function, as in the Lambda API's `Architectures`. */
export const Architecture = {
  X86_64: 'x86_64',
  ARM64: 'arm64',
} as const;
export type Architecture = (typeof Architecture)[keyof typeof Architecture];

/** One step of the monthly on-demand duration tiers: rate applies up to `upToGbSeconds` (cumulative). */
export interface DurationTier {
  /** Cumulative GB-seconds per month where this tier ends; `Infinity` for the last tier. */
  readonly upToGbSeconds: number;
  /** USD per GB-second within the tier. */
  readonly usdPerGbSecond: number;
}

/** The rates for one region and architecture. */
export interface PriceRow {
  /** USD per request (on-demand and provisioned alike). */
  readonly usdPerRequest: number;
  /** On-demand duration (and billed INIT) tiers, lowest first. */
  readonly durationTiers: readonly DurationTier[];
  /** Duration of invocations served by provisioned concurrency, USD per GB-second. */
  readonly provisionedDurationUsdPerGbSecond: number;
  /** Provisioned concurrency allocation, USD per GB-second configured (billed in 5-minute minimums). */
  readonly provisionedUsdPerGbSecond: number;
}

/** Rates keyed by region, then architecture. `default` applies to any region not listed. */
export type PricingTable = Readonly<Record<string, Readonly<Record<Architecture, PriceRow>>>>;

const X86_TIER_BREAKS = [6e9, 15e9] as const;
const ARM_TIER_BREAKS = [7.5e9, 18.75e9] as const;

/** Builds the three monthly duration tiers from the first-tier rate, with AWS's 0.9 / 0.8 steps. */
function tiers(firstTierUsd: number, breaks: readonly [number, number]): DurationTier[] {
  return [
    { upToGbSeconds: breaks[0], usdPerGbSecond: firstTierUsd },
    { upToGbSeconds: breaks[1], usdPerGbSecond: round10(firstTierUsd * 0.9) },
    { upToGbSeconds: Number.POSITIVE_INFINITY, usdPerGbSecond: round10(firstTierUsd * 0.8) },
  ];
}

/** Prices are published to 10 decimal places. */
function round10(x: number): number {
  return Math.round(x * 1e10) / 1e10;
}

interface RegionRates {
  request: number;
  x86: number;
  arm: number;
  pcDurationX86: number;
  pcX86: number;
  /** Published arm64 PC rates, where the source gives them; else derived as x86 × 0.8. */
  pcDurationArm?: number;
  pcArm?: number;
}

function rows(r: RegionRates): Record<Architecture, PriceRow> {
  return {
    x86_64: {
      usdPerRequest: r.request,
      durationTiers: tiers(r.x86, X86_TIER_BREAKS),
      provisionedDurationUsdPerGbSecond: r.pcDurationX86,
      provisionedUsdPerGbSecond: r.pcX86,
    },
    arm64: {
      usdPerRequest: r.request,
      durationTiers: tiers(r.arm, ARM_TIER_BREAKS),
      provisionedDurationUsdPerGbSecond: r.pcDurationArm ?? round10(r.pcDurationX86 * 0.8),
      provisionedUsdPerGbSecond: r.pcArm ?? round10(r.pcX86 * 0.8),
    },
  };
}

const US_EAST_1: RegionRates = {
  request: 0.2e-6,
  x86: 0.0000166667,
  arm: 0.0000133334,
  pcDurationX86: 0.0000097222,
  pcX86: 0.0000041667,
  pcDurationArm: 0.0000077778,
  pcArm: 0.0000033334,
};

/**
 * A table whose rows are built when first read: a function reads one region's rows, and building
 * all of them at import would be start-up work for nothing
 * (docs/decisions/0061-load-at-import-only-what-the-first-invocation-needs.md).
 */
function builtOnFirstRead(rates: Record<string, RegionRates>): PricingTable {
  const table: Record<string, Record<Architecture, PriceRow>> = {};
  for (const [region, regionRates] of Object.entries(rates)) {
    Object.defineProperty(table, region, {
      enumerable: true,
      configurable: true,
      get: () => {
        const built = rows(regionRates);
        Object.defineProperty(table, region, { value: built, enumerable: true });
        return built;
      },
    });
  }
  return table;
}

/**
 * The default table. us-east-1 is the reference; the US regions that share its rates are listed
 * by name, other regions with rates of their own have their own rows, and `default` (us-east-1's
 * rates) covers the rest.
 */
export const DEFAULT_PRICING: PricingTable = builtOnFirstRead({
  default: US_EAST_1,
  'us-east-1': US_EAST_1,
  'us-east-2': US_EAST_1,
  'us-west-2': US_EAST_1,
  'us-west-1': {
    ...US_EAST_1,
    pcDurationX86: 0.000011443,
    pcX86: 0.0000049041,
    pcDurationArm: undefined,
    pcArm: undefined,
  },
  'eu-west-1': {
    request: 0.2e-6,
    x86: 0.0000166667,
    arm: 0.0000133334,
    pcDurationX86: 0.0000108407,
    pcX86: 0.000004646,
  },
  'eu-central-1': {
    request: 0.2e-6,
    x86: 0.0000166667,
    arm: 0.0000133334,
    pcDurationX86: 0.0000117011,
    pcX86: 0.0000050147,
  },
  'eu-south-1': {
    request: 0.23e-6,
    x86: 0.0000195172,
    arm: 0.0000156138,
    pcDurationX86: 0.0000113827,
    pcX86: 0.0000048783,
  },
  'ap-northeast-1': {
    request: 0.2e-6,
    x86: 0.0000166667,
    arm: 0.0000133334,
    pcDurationX86: 0.0000125615,
    pcX86: 0.0000053835,
  },
  'ap-east-1': {
    request: 0.28e-6,
    x86: 0.00002292,
    arm: 0.0000183,
    pcDurationX86: 0.0000133358,
    pcX86: 0.0000057153,
  },
  'af-south-1': {
    request: 0.27e-6,
    x86: 0.0000221,
    arm: 0.00001768,
    pcDurationX86: 0.0000129,
    pcX86: 0.00000553,
  },
  'me-south-1': {
    request: 0.25e-6,
    x86: 0.0000206667,
    arm: 0.0000165334,
    pcDurationX86: 0.0000119251,
    pcX86: 0.0000051108,
  },
  'sa-east-1': {
    request: 0.2e-6,
    x86: 0.0000166667,
    arm: 0.0000133334,
    pcDurationX86: 0.0000154867,
    pcX86: 0.0000066372,
  },
});

/**
 * The price row for a region and architecture, falling back to the table's `default` row.
 *
 * @example
 * ```ts
 * import { DEFAULT_PRICING, priceRow } from '@lambda-thermostat/sdk';
 * const row = priceRow(DEFAULT_PRICING, 'eu-south-1', 'arm64');
 * row.usdPerRequest; // 0.00000023
 * ```
 */
export function priceRow(
  table: PricingTable,
  region: string | undefined,
  architecture: Architecture,
): PriceRow {
  const regionRows = (region !== undefined ? table[region] : undefined) ?? table.default;
  if (regionRows === undefined) {
    throw new PricingError(`pricing table has no row for region "${region}" and no "default" row`);
  }
  return regionRows[architecture];
}

/** A pricing table that cannot answer the question asked of it. */
export class PricingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PricingError';
  }
}
