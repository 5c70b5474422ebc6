import type { SloInput } from '../core/config/sloSchema.ts';
import type { ReportSink } from '../core/ports.ts';
import type { ArrivalTrace, Profile, SimulationInput } from '../sim/index.ts';

/**
 * The fleet-model settings every policy of one backtest shares (keep-alive, delays, limits,
 * prices). A policy may override some of them for its own run (the oracle's zero delays).
 */
export type BacktestSimulationSettings = Pick<
  SimulationInput,
  | 'keepAliveSec'
  | 'provisionedAllocationDelaySec'
  | 'memoryChangeDelaySec'
  | 'accountConcurrencyLimit'
  | 'scaleUpEnvironments'
  | 'scaleUpWindowSec'
  | 'pricing'
>;

/** How far a backtest has come, for a progress bar. */
export interface BacktestProgress {
  /** The policy running now. */
  readonly policy: string;
  /** Its position among the policies of this backtest, 0-based, and how many there are. */
  readonly policyIndex: number;
  readonly policyCount: number;
  /** How much of this policy's work is done, 0..1. */
  readonly fraction: number;
}

/** What to backtest: one function's trace, one profile, one SLO, some policies. */
export interface BacktestOptions {
  /** The function's arrivals (e.g. `readTrace(...).trace`). */
  readonly trace: ArrivalTrace;
  /** The function's id, for the report. */
  readonly functionId: string;
  /** The measured handler whose init and service times every simulation draws from. */
  readonly profile: Profile;
  /**
   * The SLO: p99 end-to-end latency per window, ms — the short form of a period-based SLO. Give
   * this or `slo`.
   */
  readonly sloP99Ms?: number;
  /**
   * The SLO as the config writes it (`tuner/core/config/sloSchema.ts`): period-based
   * `{ p99Ms }` or request-based `{ requestBasedSli: { latencyMs } }`, with an optional goal
   * (attainment goal, interval, warning threshold). A backtest's default interval is a rolling
   * day (`BACKTEST_DEFAULTS.sloInterval`: the bundled traces are a day long). Give this or
   * `sloP99Ms`.
   */
  readonly slo?: SloInput;
  /** Window length for the SLO, whole minutes. Default 5. */
  readonly windowMinutes?: number;
  /** Policy names (see `backtestPolicyNames()`), in report order. Default: every registered one. */
  readonly policies?: readonly string[];
  /**
   * Windows at the start left out of every policy's attainment (not every policy starts equally
   * warm; see `ScoringCriteria.warmUpWindows`). Default 1.
   */
  readonly warmUpWindows?: number;
  /** Seed of every simulation (all policies see the same arrivals and service draws). Default 1. */
  readonly seed?: number;
  /** Memory size of the fixed-memory policies, MB. Default: the profile's `memoryMb`. */
  readonly memoryMb?: number;
  /** Fleet-model settings shared by every policy. Default: the simulator's. */
  readonly simulation?: BacktestSimulationSettings;
  /** Called as the work advances (synchronously; the backtest yields to the event loop often). */
  readonly onProgress?: (progress: BacktestProgress) => void;
  /** Where the thermostat's cycles write their reports (the deployed handler's documents). */
  readonly cycleReports?: ReportSink;
}

/** The defaults of a backtest's optional settings. */
export const BACKTEST_DEFAULTS = {
  windowMinutes: 5,
  warmUpWindows: 1,
  seed: 1,
  sloInterval: { rollingInterval: { duration: 1, durationUnit: 'DAY' } },
} as const;
