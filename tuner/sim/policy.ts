import type { FleetConfig } from './fleetConfig.ts';
import type { IntervalMetrics } from './intervalMetrics.ts';

/** What a policy sees at each control step: what CloudWatch and the Lambda API would show. */
export interface PolicyInput {
  /** Now, epoch ms. */
  readonly nowMs: number;
  /**
   * The per-minute metrics of every minute completed so far, oldest first (never a minute that
   * has not ended). Append-only: read it during `decide`; do not keep it.
   */
  readonly history: readonly IntervalMetrics[];
  /** The configuration last requested (what the Lambda API reports), possibly not yet in effect. */
  readonly config: FleetConfig;
  /** Provisioned environments ready now (the API's `AvailableProvisionedConcurrentExecutions`). */
  readonly availableProvisionedConcurrency: number;
}

/**
 * A tuning policy: called every control interval, it returns the configuration it wants. Returning
 * the current configuration changes nothing. Policies live in `tuner/backtest`; the simulator
 * knows only this interface.
 */
export interface Policy {
  /** A short name for reports, e.g. `target-tracking`. */
  readonly name: string;
  /** The configuration to request now. */
  decide(input: PolicyInput): FleetConfig;
}
