import type { ServiceLevelObjective } from '../core/slo/serviceLevelObjective.ts';
import type { PolicyScore } from './scoring/policyScore.ts';

/** One policy's outcome in a backtest. */
export interface PolicyOutcome extends PolicyScore {
  readonly policy: string;
  /** `costUsd / oracle.costUsd`; null when the oracle was not run (or cost nothing). */
  readonly costVsOracle: number | null;
  /** `costUsd / robust-floor.costUsd`; null when the robust floor was not run (or cost nothing). */
  readonly costVsRobustFloor: number | null;
  /** Caveats for the reader (how the policy was set up, what flatters it). */
  readonly notes: readonly string[];
  /** Configuration changes the policy requested during the run. */
  readonly configChanges: number;
  /** Wall time of preparing and simulating this policy, ms (varies run to run). */
  readonly elapsedMs: number;
}

/** A backtest of some policies on one function's trace. */
export interface BacktestResult {
  readonly function: string;
  /** Requests in the trace. */
  readonly invocations: number;
  /** The latency threshold (a period SLO's p99 target, a request SLO's good latency), ms. */
  readonly sloP99Ms: number;
  /** The SLO every policy was scored and budgeted against. */
  readonly objective: ServiceLevelObjective;
  readonly windowMinutes: number;
  /** Windows at the start left out of every policy's attainment. */
  readonly warmUpWindows: number;
  /** Length of the simulated trace, minutes (what a cost per day is computed from). */
  readonly traceMinutes: number;
  readonly seed: number;
  /** Memory of the fixed-memory policies, MB. */
  readonly memoryMb: number;
  /** In the order asked for. */
  readonly policies: readonly PolicyOutcome[];
}
