import type { FleetConfig, Policy, SimulationInput, SimulationResult } from '../../sim/index.ts';
import type { BacktestContext } from '../backtestContext.ts';
import type { BacktestSimulationSettings } from '../backtestOptions.ts';

/** How one policy's scored simulation is run. */
export interface PolicyRun {
  /** The configuration at the start (its provisioned concurrency is ready from the first instant). */
  readonly config: FleetConfig;
  /** Called every control interval; none for a static configuration. */
  readonly policy?: Policy;
  /** Seconds between policy calls. Default: the simulator's (300). */
  readonly controlIntervalSec?: number;
  /** Fleet-model settings of this run only, over the shared ones (e.g. the oracle's zero delays). */
  readonly simulation?: BacktestSimulationSettings;
  /**
   * Runs the simulation itself, for a controller that is not a synchronous `Policy` (the shipped
   * tuning cycle, which is asynchronous): given the input the backtest would simulate.
   */
  readonly simulate?: (input: SimulationInput) => Promise<SimulationResult>;
  /** Caveats a reader of the results must see (e.g. "flattered by a one-day trace"). */
  readonly notes?: readonly string[];
}

/**
 * A policy the backtest can score: `prepare` turns the backtest's inputs into one simulation run.
 * Register it in `policyRegistry.ts` (one line).
 */
export interface BacktestPolicy {
  /** The name on the command line and in reports, e.g. `target-tracking`. */
  readonly name: string;
  /** One line for `--help` and reports. */
  readonly description: string;
  prepare(context: BacktestContext): PolicyRun | Promise<PolicyRun>;
}
