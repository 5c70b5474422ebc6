/**
 * The error budget, priced. A p99 SLO judged per window allows a share of windows to miss (1% for
 * "99% of windows"); the tuner plans to use only part of it (the rest absorbs model error). The
 * price of a missed window, in USD, is what the search weighs a predicted miss against: it rises
 * while the planned misses (averaged over about a day) run above the budget and falls while below,
 * so the tuner spends money where a dollar avoids the most misses, and a busy hour may spend what
 * a quiet night saved.
 */
export interface MissPriceState {
  /** USD per missed window. */
  readonly priceUsd: number;
  /** Moving average of the miss probability of the configurations chosen. */
  readonly plannedMissRate: number;
}

/** The share of windows the tuner plans to miss: half of a 99% SLO's 1% budget, the rest kept for what it cannot foresee (a first window, a burst). */
export const PLANNED_MISS_BUDGET = 0.005;
/** The planned miss rate is averaged over about a day of decisions at a 5-minute schedule. */
const AVERAGE_WEIGHT = 1 / 288;
/** How fast the price follows the budget's over- or under-spend (log-price per decision). */
const GAIN = 0.05;
const MAX_RISE = 0.1;
const MAX_FALL = 0.05;
const MIN_PRICE_USD = 1e-5;
const MAX_PRICE_USD = 100;

/**
 * The starting price: forty windows' worth of the current cost (at least a tenth of a cent), so a
 * new target starts cautious and the price settles from there.
 *
 * @example
 * ```ts
 * initialMissPrice(0.03, 5); // 0.1 (USD per missed window)
 * ```
 */
export function initialMissPrice(costPerHourUsd: number, windowMinutes: number): MissPriceState {
  return {
    priceUsd: Math.max(0.001, (40 * costPerHourUsd * windowMinutes) / 60),
    plannedMissRate: PLANNED_MISS_BUDGET,
  };
}

/**
 * Updates the price after a decision that chose a configuration predicted to miss `missProbability`
 * of windows.
 *
 * @example
 * ```ts
 * nextMissPrice({ priceUsd: 0.1, plannedMissRate: 0.016 }, 0.02).priceUsd; // ≈ 0.105
 * ```
 */
export function nextMissPrice(state: MissPriceState, missProbability: number): MissPriceState {
  // The steady-state risk is what the budget is spent on; a switch's risk is one-time.
  const plannedMissRate =
    (1 - AVERAGE_WEIGHT) * state.plannedMissRate + AVERAGE_WEIGHT * missProbability;
  // Proportional to the relative over-spend of the budget, and bounded per step: a busy hour
  // spends budget a quiet night saved, without the price running away.
  const step = Math.min(
    MAX_RISE,
    Math.max(-MAX_FALL, GAIN * (plannedMissRate / PLANNED_MISS_BUDGET - 1)),
  );
  return {
    priceUsd: Math.min(MAX_PRICE_USD, Math.max(MIN_PRICE_USD, state.priceUsd * Math.exp(step))),
    plannedMissRate,
  };
}
