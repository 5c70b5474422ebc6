import type { FleetConfig } from '../../sim/index.ts';
import type { PricingRates } from '../pricingRates.ts';

/** One candidate configuration simulated for one window. */
export interface WindowEvaluation {
  readonly memoryMb: number;
  readonly provisionedConcurrency: number;
  /** The window's nearest-rank p99 (throttles infinite), ms; null without requests. */
  readonly p99Ms: number | null;
  readonly meets: boolean;
  /**
   * Cost of the whole simulated span (warm-up prefix + the window), USD. The prefix is the same for
   * every candidate of a window, so comparing span costs compares window costs.
   */
  readonly spanCostUsd: number;
  /** Requests of the window that ran on-demand although PC was configured. */
  readonly spillover: number;
  readonly throttles: number;
}

/**
 * What the window-by-window schedule search (`searchOracleSchedule`) asks of an evaluator: the
 * oracle's `WindowEvaluator` (one recorded set of dice) and the robust floor's
 * `ScenarioSetEvaluator` (several) both answer it.
 */
export interface CandidateWindowEvaluator {
  /** Windows in the trace. */
  readonly windowCount: number;
  /** Simulations run so far (for the report). */
  readonly simulations: number;
  /** Requests arriving in window `w`. */
  requests(w: number): number;
  /** The nearest-rank p99 of window `w`'s warm service times at the profile's memory, ms. */
  warmP99Ms(w: number): number;
  /** The factor service and init times are multiplied by at `memoryMb`. */
  scaleFactor(memoryMb: number): number;
  /** A lower bound on what window `w` costs at `memoryMb` (see `costLowerBound`), USD. */
  windowCostLowerBound(w: number, memoryMb: number, rates: PricingRates): number;
  /** Cost of the warm-up prefix of window `w` (the next window to choose), USD. */
  prefixCost(w: number): number;
  /** Simulates window `w` (the next window to choose) with a candidate configuration. */
  evaluate(w: number, memoryMb: number, provisionedConcurrency: number): WindowEvaluation;
  /** Every candidate of window `w` simulated so far. */
  evaluated(w: number): WindowEvaluation[];
  /** Fixes window `w`'s configuration; the next window can then be evaluated. */
  commit(w: number, config: FleetConfig): void;
}
