import type { FleetConfig } from '../../sim/fleetConfig.ts';
import type { CandidatePrediction } from '../predict/candidatePrediction.ts';
import { MAX_HOLDING_WINDOWS } from './releaseHolding.ts';

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
  /**
   * Windows a new configuration is expected to hold: a switch's one-time risk is spread over them
   * (`expectedHoldingWindows`, ./releaseHolding.ts). Default `MAX_HOLDING_WINDOWS`.
   */
  readonly holdingWindows?: number;
}

/** The search's outcome: the choice, whether it meets the target, and what else was weighed. */
export interface ConfigurationChoice {
  readonly chosen: CandidatePrediction;
  readonly meetsTarget: boolean;
  /** Every candidate evaluated. */
  readonly evaluated: readonly CandidatePrediction[];
  readonly reason: string;
  /**
   * A cheaper configuration the forecast minutes favoured but the last hours' traffic did not: the
   * move held back (release with hysteresis), with both predictions over those hours.
   */
  readonly heldRelease?: {
    readonly candidate: CandidatePrediction;
    readonly current: CandidatePrediction;
  };
}

/**
 * Chooses the configuration with the lowest expected cost per window plus the price of the
 * windows it is predicted to miss (`cost + missPrice × P(miss)`): the cheapest way to spend the
 * SLO's error budget. Per memory size it walks provisioned concurrency up from its lower bound —
 * doubling the step while misses are frequent, single steps near the optimum — and stops once
 * more PC stops paying for itself. The current configuration is kept unless an alternative scores
 * better by `stickiness`: no churn for pennies. A move that saves money (a release of provisioned
 * concurrency, a smaller memory size) must also pay on `predictOverHours`, the same candidates
 * simulated on the traffic of the last hours as it was: the forecast minutes alone cannot tell a
 * lull from the end of the bursts, and a release that is bought back at the next burst costs two
 * transitions for nothing (docs/decisions/0070-a-release-is-a-transition.md).
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
  predictOverHours?: (config: FleetConfig) => CandidatePrediction,
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
  const planned = (p: CandidatePrediction) => plannedMissRate(p, space.holdingWindows);
  const meets = (p: CandidatePrediction) => planned(p) <= space.maxMissProbability;

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
  if (
    sameAsCurrent &&
    predictOverHours !== undefined &&
    chosenBest.costPerHourUsd < stay.costPerHourUsd
  ) {
    const candidate = predictOverHours(chosenBest.config);
    const kept = predictOverHours(stay.config);
    if (score(kept) <= score(candidate) * (1 + space.stickiness) + 1e-12) {
      return {
        chosen: stay,
        meetsTarget: meets(stay),
        evaluated: evaluated(),
        reason: `a cheaper configuration (${describe(chosenBest.config)}) pays on the forecast minutes but not on the last hours' traffic (${pct(planned(candidate))} of windows predicted to miss there against ${pct(planned(kept))}): the current configuration is kept`,
        heldRelease: { candidate, current: kept },
      };
    }
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

/**
 * The share of windows a candidate is planned to miss over the time it holds: its steady-state
 * risk, plus the switch's one-time excess (the first window) spread over `holdingWindows`: at most
 * the 24 windows the miss price accounts the error budget over (docs/decisions/0041-miss-price-anti-windup.md),
 * fewer where this target's releases have held less (docs/decisions/0073-a-release-holds-as-long-as-releases-have-held.md).
 * Spread over a fixed 6 windows (decision 0004), a release from provisioned concurrency that holds
 * all traffic, whose first overlap always starts cold, looked dearer than keeping it forever.
 *
 * @example
 * ```ts
 * plannedMissRate({ ...prediction, transitionMissProbability: 0.48, steadyMissProbability: 0 }); // 0.02
 * ```
 */
export function plannedMissRate(
  p: Pick<CandidatePrediction, 'transitionMissProbability' | 'steadyMissProbability'>,
  holdingWindows: number = MAX_HOLDING_WINDOWS,
): number {
  return (
    p.steadyMissProbability +
    (p.transitionMissProbability - p.steadyMissProbability) / Math.max(1, holdingWindows)
  );
}

/**
 * A candidate's score: expected cost of one window plus the priced risk of missing it, the risk
 * being the planned miss rate over the time the candidate holds (`plannedMissRate`). The risk of
 * the switch itself (the first window) is one-time, so it counts once over that time; weighing it
 * in full, or over too short a time, locks in any provisioned concurrency once added, because
 * removing it always costs a few cold starts.
 *
 * @example
 * ```ts
 * scoreOf(prediction, { missPriceUsd: 0.05, windowMinutes: 5 }); // USD per window
 * ```
 */
export function scoreOf(
  p: CandidatePrediction,
  space: Pick<SearchSpace, 'missPriceUsd' | 'windowMinutes' | 'holdingWindows'>,
): number {
  return (
    (p.costPerHourUsd * space.windowMinutes) / 60 +
    space.missPriceUsd * plannedMissRate(p, space.holdingWindows)
  );
}

function describe(c: FleetConfig): string {
  return `${c.memoryMb} MB, ${c.provisionedConcurrency} provisioned`;
}

function pct(x: number): string {
  return `${(x * 100).toFixed(2)}%`;
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
