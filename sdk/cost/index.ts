/**
 * `@lambda-thermostat/sdk/cost`: Lambda prices and the cost of an invocation, without the
 * telemetry wrapper. The tuner and the simulator price capacity with these, so a cost the SDK
 * writes and a cost the tuner plans with come from one table.
 */

export type { CostBreakdown, InvocationUsage } from './estimateCost.ts';
export {
  billedGbSeconds,
  estimateCost,
  onDemandRate,
  provisionedAllocationCost,
} from './estimateCost.ts';
export type { DurationTier, PriceRow, PricingTable } from './pricingTable.ts';
export { Architecture, DEFAULT_PRICING, PricingError, priceRow } from './pricingTable.ts';
