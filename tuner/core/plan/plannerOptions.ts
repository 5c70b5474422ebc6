/** How hard the planner looks; defaults suit a 5-minute schedule. */
export interface PlannerOptions {
  /**
   * Scenarios simulated per candidate, at least (more: finer miss estimates, slower); up to five
   * times as many where simulations are cheap (tuner/core/predict/scenarioCount.ts). Default 20.
   */
  readonly replications: number;
  /** Minutes ahead the prediction covers: the window the decision affects and the next. Default 10. */
  readonly horizonMinutes: number;
  /** The SLO window. Default 5. */
  readonly windowMinutes: number;
  /** Minutes of observed traffic replayed to warm the simulated fleet. Default 10. */
  readonly prefixMinutes: number;
  /** A candidate meets the SLO when at most this share of its simulated windows miss. Default 0.01. */
  readonly maxMissProbability: number;
  /** Keep the current configuration unless an alternative saves more than this share. Default 0.05. */
  readonly stickiness: number;
  /** Seed of the scenarios (deterministic plans). */
  readonly seed: number;
}

export const DEFAULT_PLANNER_OPTIONS: PlannerOptions = {
  replications: 20,
  horizonMinutes: 10,
  windowMinutes: 5,
  prefixMinutes: 10,
  maxMissProbability: 0.01,
  stickiness: 0.05,
  seed: 1,
};
