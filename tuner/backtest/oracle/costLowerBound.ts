import type { PricingRates } from '../pricingRates.ts';

/**
 * A lower bound on what serving some requests costs at `memoryMb`, USD: every request's price and
 * its service time billed at the cheapest rate a GB-second can have (on PC at full utilisation:
 * allocation + PC duration, below the on-demand rate), with cold starts and idle capacity free.
 * Taken 1% lower for what a feasible candidate may not pay: up to 1% of requests throttled (free)
 * and PC time of requests that run past the end of the simulated span.
 *
 * @example
 * ```ts
 * costLowerBound(Float64Array.of(100, 120), 2, 1024, pricingRates(undefined)); // ≈ 0.99 × (2 × 2e-7 + 0.44 GB-s × 1.39e-5)
 * ```
 */
export function costLowerBound(
  serviceMs: Float64Array,
  scaleFactor: number,
  memoryMb: number,
  rates: PricingRates,
): number {
  let billedMs = 0;
  for (const ms of serviceMs) billedMs += Math.ceil(ms * scaleFactor);
  const perGbSecond = Math.min(
    rates.onDemandUsdPerGbSecond,
    rates.provisionedUsdPerGbSecond + rates.provisionedDurationUsdPerGbSecond,
  );
  return (
    0.99 *
    (serviceMs.length * rates.usdPerRequest + (billedMs / 1000) * (memoryMb / 1024) * perGbSecond)
  );
}
