import {
  Architecture,
  billedGbSeconds,
  DEFAULT_PRICING,
  onDemandRate,
  type PriceRow,
  type PricingTable,
  priceRow,
  provisionedAllocationCost,
} from '@lambda-thermostat/sdk/cost';
import type { SimulationPricing } from '../simulationInput.ts';
import type { FleetCost } from '../simulationResult.ts';

/**
 * The fleet's bill as docs/architecture.md ("The cost model") prices it, with the SDK's table. Durations are summed as whole
 * billed milliseconds per memory size (exact integers) and priced when the memory size changes or
 * the run ends; the provisioned allocation is priced per constant (concurrency, memory) period,
 * each rounded up to 5-minute blocks by `provisionedAllocationCost`.
 */
export class FleetBill {
  readonly #row: PriceRow;
  readonly #onDemandRate: number;
  readonly #table: PricingTable;
  readonly #region: string | undefined;
  readonly #architecture: Architecture;

  // Whole billed milliseconds at the current memory size: the engine adds to these directly.
  onDemandMs = 0;
  initMs = 0;
  provisionedMs = 0;
  requests = 0;

  #duration = 0;
  #init = 0;
  #provisionedDuration = 0;
  #provisioned = 0;
  #allocationStartMs = 0;
  #allocationConcurrency = 0;
  #allocationMemoryMb = 0;

  constructor(pricing: SimulationPricing | undefined) {
    this.#table = pricing?.table ?? DEFAULT_PRICING;
    this.#region = pricing?.region;
    this.#architecture = pricing?.architecture ?? Architecture.X86_64;
    this.#row = priceRow(this.#table, this.#region, this.#architecture);
    this.#onDemandRate = onDemandRate(this.#row, pricing?.tier ?? 0);
  }

  /** Prices the durations run at `memoryMb` since the last call. */
  closeMemoryPeriod(memoryMb: number): void {
    this.#duration += billedGbSeconds(this.onDemandMs, memoryMb) * this.#onDemandRate;
    this.#init += billedGbSeconds(this.initMs, memoryMb) * this.#onDemandRate;
    this.#provisionedDuration +=
      billedGbSeconds(this.provisionedMs, memoryMb) * this.#row.provisionedDurationUsdPerGbSecond;
    this.onDemandMs = 0;
    this.initMs = 0;
    this.provisionedMs = 0;
  }

  /** The provisioned allocation is `concurrency` environments at `memoryMb` from `atMs` (ms) on. */
  setAllocation(atMs: number, concurrency: number, memoryMb: number): void {
    if (concurrency === this.#allocationConcurrency && memoryMb === this.#allocationMemoryMb)
      return;
    this.#closeAllocation(atMs);
    this.#allocationStartMs = atMs;
    this.#allocationConcurrency = concurrency;
    this.#allocationMemoryMb = memoryMb;
  }

  /** The bill at `endMs` (relative ms), with `memoryMb` the memory size in effect. */
  finish(endMs: number, memoryMb: number): FleetCost {
    this.closeMemoryPeriod(memoryMb);
    this.#closeAllocation(endMs);
    this.#allocationStartMs = endMs;
    const requests = this.requests * this.#row.usdPerRequest;
    return {
      requests,
      duration: this.#duration,
      init: this.#init,
      provisioned: this.#provisioned,
      provisionedDuration: this.#provisionedDuration,
      total: requests + this.#duration + this.#init + this.#provisioned + this.#provisionedDuration,
    };
  }

  #closeAllocation(atMs: number): void {
    this.#provisioned += provisionedAllocationCost({
      concurrency: this.#allocationConcurrency,
      memoryMb: this.#allocationMemoryMb,
      seconds: (atMs - this.#allocationStartMs) / 1000,
      architecture: this.#architecture,
      region: this.#region,
      pricing: this.#table,
    });
  }
}
