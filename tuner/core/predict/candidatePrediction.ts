import type { FleetConfig } from '../../sim/fleetConfig.ts';

/** What the simulator predicts for one candidate configuration over the horizon. */
export interface CandidatePrediction {
  readonly config: FleetConfig;
  /** Chance a window of the horizon misses the margin-tightened target (all windows averaged). */
  readonly missProbability: number;
  /** The same for the first window only (it carries the switch: PC still allocating, envs reaped). */
  readonly transitionMissProbability: number;
  /** The same for the later windows: the configuration's steady state. */
  readonly steadyMissProbability: number;
  /** A high (90th percentile) estimate of a window's p99 under this configuration, ms; null without traffic. */
  readonly predictedP99Ms: number | null;
  /** User-facing cold starts and throttles per request. */
  readonly coldStartRate: number;
  readonly throttleRate: number;
  /** Expected cost per hour, USD (requests, duration, init, provisioned allocation and duration). */
  readonly costPerHourUsd: number;
}
