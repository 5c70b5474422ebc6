import type { FleetConfig } from '../../sim/fleetConfig.ts';
import type { CandidatePrediction } from '../predict/candidatePrediction.ts';

/** What the search may vary, and how it weighs money against missed windows. */
export interface SearchSpace {
  readonly memories: readonly number[];
  /** Inclusive PC range to search (a single value when PC is not tuned). */
  readonly provisioned: readonly [number, number];
  readonly reservedConcurrency: number | null;
  /** Candidates with more PC than the reservation carry a reservation raised to their PC. */
  readonly raiseReservedToFit?: boolean;
  /** The price of one missed SLO window, USD: what the error budget says a miss is worth avoiding at. */
  readonly missPriceUsd: number;
  /** The SLO window in minutes: costs per hour are compared per window. */
  readonly windowMinutes: number;
  /** A candidate "meets the SLO" (for the report's flag) at or below this predicted miss share. */
  readonly maxMissProbability: number;
  /** Keep the current configuration unless the best alternative scores better by this share. */
  readonly stickiness: number;
}

/** The search's outcome: the choice, whether it meets the target, and what else was weighed. */
export interface ConfigurationChoice {
  readonly chosen: CandidatePrediction;
  readonly meetsTarget: boolean;
  /** Every candidate evaluated. */
  readonly evaluated: readonly CandidatePrediction[];
  readonly reason: string;
}

/**
 * Chooses the configuration with the lowest expected cost per window plus the price of the
 * windows it is predicted to miss (`cost + missPrice × P(miss)`): the cheapest way to spend the
 * SLO's error budget. Per memory size it walks provisioned concurrency up from its lower bound —
 * doubling the step while misses are frequent, single steps near the optimum — and stops once
 * more PC stops paying for itself. The current configuration is kept unless an alternative scores
 * better by `stickiness`: no churn for pennies.
 *
 * @example
 * ```ts
 * const choice = chooseConfiguration(space, current, (c) => simulator.predict(c));
 * choice.chosen.config; // { memoryMb: 1769, provisionedConcurrency: 2, reservedConcurrency: null }
 * ```
 */
export function chooseConfiguration(
  space: SearchSpace,
  current: FleetConfig,
  predict: (config: FleetConfig) => CandidatePrediction,
): ConfigurationChoice {
  const cache = new Map<string, CandidatePrediction>();
  const evaluate = (memoryMb: number, pc: number): CandidatePrediction => {
    const key = `${memoryMb}/${pc}`;
    let p = cache.get(key);
    if (p === undefined) {
      const reserved = space.reservedConcurrency;
      p = predict({
        memoryMb,
        provisionedConcurrency: pc,
        reservedConcurrency:
          space.raiseReservedToFit === true && reserved !== null && pc > reserved ? pc : reserved,
      });
      cache.set(key, p);
    }
    return p;
  };
  const score = (p: CandidatePrediction) => scoreOf(p, space);
  const [lo, hi] = space.provisioned;

  let best: CandidatePrediction | undefined;
  for (const memoryMb of space.memories) {
    let here = evaluate(memoryMb, lo);
    let pc = lo;
    let step = 1;
    let worse = 0;
    while (pc < hi && here.missProbability > 0.0005 && worse < 2) {
      const next = evaluate(memoryMb, Math.min(hi, pc + step));
      pc = next.config.provisionedConcurrency;
      if (score(next) < score(here)) {
        here = next;
        worse = 0;
        step = next.missProbability > 0.05 ? step * 2 : 1;
      } else if (step > 1) {
        // Overshot: come back to single steps from the best point so far.
        pc = here.config.provisionedConcurrency;
        step = 1;
      } else {
        worse++;
      }
    }
    if (best === undefined || score(here) < score(best)) best = here;
  }
  const chosenBest = best as CandidatePrediction;
  const evaluated = () => [...cache.values()];
  const meets = (p: CandidatePrediction) => p.missProbability <= space.maxMissProbability;

  const stay = evaluate(
    current.memoryMb,
    Math.min(hi, Math.max(lo, current.provisionedConcurrency)),
  );
  // The current configuration is only a candidate when it lies within the search space (bounds).
  const sameAsCurrent =
    stay.config.provisionedConcurrency === current.provisionedConcurrency &&
    space.memories.includes(current.memoryMb);
  if (sameAsCurrent && score(stay) <= score(chosenBest) * (1 + space.stickiness) + 1e-12) {
    return {
      chosen: stay,
      meetsTarget: meets(stay),
      evaluated: evaluated(),
      reason: meets(stay)
        ? 'the current configuration meets the SLO and nothing is markedly better value'
        : 'the current configuration is the best value found, though it is predicted to miss more than the SLO allows',
    };
  }
  return {
    chosen: chosenBest,
    meetsTarget: meets(chosenBest),
    evaluated: evaluated(),
    reason: meets(chosenBest)
      ? 'the cheapest configuration for the SLO (cost plus the price of predicted misses)'
      : 'the best value found, though it is predicted to miss more than the SLO allows',
  };
}

/** A switch's one-time risk is spread over this many windows: the time a decision usually holds. */
export const TRANSITION_AMORTIZATION_WINDOWS = 6;

/**
 * A candidate's score: expected cost of one window plus the priced risk of missing it. The risk
 * of the switch itself (the first window) is one-time, so it is spread over the windows the new
 * configuration will usually hold; weighing it in full would lock in any provisioned concurrency
 * once added, because removing it always costs a few cold starts.
 *
 * @example
 * ```ts
 * scoreOf(prediction, { missPriceUsd: 0.05, windowMinutes: 5 }); // USD per window
 * ```
 */
export function scoreOf(
  p: CandidatePrediction,
  space: Pick<SearchSpace, 'missPriceUsd' | 'windowMinutes'>,
): number {
  const k = TRANSITION_AMORTIZATION_WINDOWS;
  const risk = (p.transitionMissProbability + (k - 1) * p.steadyMissProbability) / k;
  return (p.costPerHourUsd * space.windowMinutes) / 60 + space.missPriceUsd * risk;
}

/**
 * The candidates no other candidate beats on both cost and predicted misses, cheapest first: the
 * small Pareto table of the report.
 *
 * @example
 * ```ts
 * paretoFront(choice.evaluated).slice(0, 6);
 * ```
 */
export function paretoFront(predictions: readonly CandidatePrediction[]): CandidatePrediction[] {
  const sorted = [...predictions].sort(
    (a, b) => a.costPerHourUsd - b.costPerHourUsd || a.missProbability - b.missProbability,
  );
  const front: CandidatePrediction[] = [];
  let bestMiss = Number.POSITIVE_INFINITY;
  for (const p of sorted) {
    if (p.missProbability < bestMiss) {
      front.push(p);
      bestMiss = p.missProbability;
    }
  }
  return front;
}
