import type { FleetConfig } from '../../sim/fleetConfig.ts';
import type { Action, TargetRef } from '../plan.ts';
import type { CandidatePrediction } from '../predict/candidatePrediction.ts';

/** How planning ended for one target. */
export const TargetPlanStatus = {
  PLANNED: 'planned',
  PAUSED: 'paused',
  NO_DATA: 'no-data',
  ERROR: 'error',
} as const;
export type TargetPlanStatus = (typeof TargetPlanStatus)[keyof typeof TargetPlanStatus];

/** Expected cost per hour of the planned configuration and of the ones it is compared with. */
export interface PredictedCosts {
  readonly planned: number;
  readonly current: number;
  readonly onDemand: number;
}

/** One target's plan: what is, what was chosen and why, and the actions that get there. */
export interface TargetPlan {
  readonly target: TargetRef;
  readonly key: string;
  readonly status: TargetPlanStatus;
  /** The configuration requested now (what the Lambda API reports). */
  readonly current: FleetConfig | null;
  /** What the search chose, before the guardrails. */
  readonly desired: FleetConfig | null;
  /** What the guardrails allow: the actions move `current` to this. */
  readonly planned: FleetConfig | null;
  readonly actions: readonly Action[];
  /** The prediction for the chosen configuration and the Pareto alternatives considered. */
  readonly prediction: CandidatePrediction | null;
  readonly alternatives: readonly CandidatePrediction[];
  /**
   * The simulator's expected cost per hour, over the same forecast, of the planned configuration
   * and of the two it is compared with: the current one kept as it is, and on demand (no
   * provisioned concurrency, the current memory). Only a planned target has them.
   */
  readonly predictedCostPerHourUsd?: PredictedCosts;
  readonly meetsTarget: boolean;
  readonly sloP99Ms: number;
  readonly safetyMargin: number;
  /** One sentence: the decision and its reason. */
  readonly summary: string;
  /** Everything the guardrails held back, and assumptions made. */
  readonly notes: readonly string[];
  readonly flags: readonly string[];
  readonly latencySource?: 'sdk' | 'aws-lambda-duration';
  readonly error?: { readonly name: string; readonly message: string };
}

/** A cycle's plan for every target. */
export interface Plan {
  readonly generatedAtMs: number;
  readonly mode: 'recommend' | 'apply';
  readonly targets: readonly TargetPlan[];
}
