import { Architecture, DEFAULT_PRICING, onDemandRate, priceRow } from '@lambda-thermostat/sdk/cost';
import type { SimulationPricing } from '../sim/index.ts';

/** The four prices a backtest reasons with, USD. */
export interface PricingRates {
  readonly usdPerRequest: number;
  /** On-demand duration (and billed INIT), per GB-second, in the chosen volume tier. */
  readonly onDemandUsdPerGbSecond: number;
  /** Duration on provisioned concurrency, per GB-second. */
  readonly provisionedDurationUsdPerGbSecond: number;
  /** Provisioned-concurrency allocation, per GB-second configured. */
  readonly provisionedUsdPerGbSecond: number;
}

/**
 * The rates the simulator's bill uses for these pricing settings (the SDK's table by default).
 *
 * @example
 * ```ts
 * pricingRates(undefined).onDemandUsdPerGbSecond; // 0.0000166667 (us-east-1, x86_64)
 * ```
 */
export function pricingRates(pricing: SimulationPricing | undefined): PricingRates {
  const row = priceRow(
    pricing?.table ?? DEFAULT_PRICING,
    pricing?.region,
    pricing?.architecture ?? Architecture.X86_64,
  );
  return {
    usdPerRequest: row.usdPerRequest,
    onDemandUsdPerGbSecond: onDemandRate(row, pricing?.tier ?? 0),
    provisionedDurationUsdPerGbSecond: row.provisionedDurationUsdPerGbSecond,
    provisionedUsdPerGbSecond: row.provisionedUsdPerGbSecond,
  };
}
