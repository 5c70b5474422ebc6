import { SLO_ERROR_BUDGET } from '../slo/windowSlo.ts';

/**
 * The error budget, priced. A p99 SLO judged per window allows a share of windows to miss (1% for
 * "99% of windows"); the tuner plans to use only part of it (the rest absorbs model error). The
 * price of a missed window, in USD, is what the search weighs a predicted miss against. It starts
 * at what the cheapest insurance costs per unit of budget it protects, and is corrected by an
 * integral controller with anti-windup (see docs/decisions/0041-miss-price-anti-windup.md): it
 * moves only while the plan chosen now is outside its budget and the price can still change the
 * plan, on an average of hours, not a day.
 */
export interface MissPriceState {
  /** USD per missed window. */
  readonly priceUsd: number;
  /** Moving average (a few hours) of the steady miss probability of the configurations chosen. */
  readonly plannedMissRate: number;
}

/** Whether the plan chosen sits at a bound the price cannot push it past. */
export interface MissPriceSaturation {
  /** The cheapest configuration evaluated was chosen: a lower price cannot make it cheaper. */
  readonly cheapestChosen: boolean;
  /** The configuration with the fewest predicted misses was chosen: a higher price buys nothing. */
  readonly safestChosen: boolean;
}

/** The share of windows the tuner plans to miss: half of a 99% SLO's 1% budget, the rest kept for what it cannot foresee (a first window, a burst). */
export const PLANNED_MISS_BUDGET = SLO_ERROR_BUDGET / 2;
/** Decisions the planned miss rate is averaged over: two hours at a 5-minute schedule. */
export const MISS_PRICE_AVERAGE_DECISIONS = 24;
/** How fast the price follows the budget's over- or under-spend (log-price per decision). */
const GAIN = 0.1;
const MAX_RISE = 0.25;
const MAX_FALL = 0.1;
const MIN_PRICE_USD = 1e-5;
const MAX_PRICE_USD = 100;

/**
 * The starting price: the cost of the cheapest insurance there is — one provisioned environment
 * for one window — divided by the planned miss budget. Buying that environment then pays for
 * itself exactly when it avoids a budget's worth of missed windows: a new target buys its first
 * environment as soon as the risk it removes exceeds what the SLO allows, not hours later.
 *
 * @example
 * ```ts
 * initialMissPrice(0.00216).priceUsd; // 0.432 (USD per missed window)
 * ```
 */
export function initialMissPrice(insuranceUsdPerWindow: number): MissPriceState {
  return {
    priceUsd: clampPrice(insuranceUsdPerWindow / PLANNED_MISS_BUDGET),
    plannedMissRate: PLANNED_MISS_BUDGET,
  };
}

/**
 * Updates the price after a decision that chose a configuration predicted to miss `missProbability`
 * of windows in its steady state. Anti-windup: the price rises only while that plan is above the
 * budget (and the hours' average too) and a safer plan was on offer; it falls only while the plan
 * is below the budget (and the average too) and a cheaper plan was on offer. Within its budget, or
 * against a bound, the price holds: past overspend never keeps pushing it.
 *
 * @example
 * ```ts
 * nextMissPrice({ priceUsd: 0.4, plannedMissRate: 0.01 }, 0.02, { cheapestChosen: false, safestChosen: false }).priceUsd; // ≈ 0.46
 * ```
 */
export function nextMissPrice(
  state: MissPriceState,
  missProbability: number,
  saturation: MissPriceSaturation,
): MissPriceState {
  const weight = 1 / MISS_PRICE_AVERAGE_DECISIONS;
  const plannedMissRate = (1 - weight) * state.plannedMissRate + weight * missProbability;
  const over = missProbability > PLANNED_MISS_BUDGET && plannedMissRate > PLANNED_MISS_BUDGET;
  const under = missProbability < PLANNED_MISS_BUDGET && plannedMissRate < PLANNED_MISS_BUDGET;
  let step = 0;
  if (over && !saturation.safestChosen) {
    step = Math.min(MAX_RISE, GAIN * (plannedMissRate / PLANNED_MISS_BUDGET - 1));
  } else if (under && !saturation.cheapestChosen) {
    step = Math.max(-MAX_FALL, GAIN * (plannedMissRate / PLANNED_MISS_BUDGET - 1));
  }
  return { priceUsd: clampPrice(state.priceUsd * Math.exp(step)), plannedMissRate };
}

function clampPrice(priceUsd: number): number {
  return Math.min(MAX_PRICE_USD, Math.max(MIN_PRICE_USD, priceUsd));
}
