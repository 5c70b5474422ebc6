import type { SloInput } from '../core/config/sloSchema.ts';
import type { ReportSink } from '../core/ports.ts';
import type { ServiceLevelObjective } from '../core/slo/serviceLevelObjective.ts';
import type {
  ArrivalTrace,
  Profile,
  ServiceModel,
  SimulationInput,
  SimulationResult,
} from '../sim/index.ts';
import type { BacktestSimulationSettings } from './backtestOptions.ts';

/**
 * What a policy may use to prepare its run: the backtest's inputs, plus helpers. Hindsight is
 * available here on purpose (the oracle and the baselines' reference runs need it); a policy that
 * claims to work online must use only what its `Policy.decide` sees during the run.
 */
export interface BacktestContext {
  readonly trace: ArrivalTrace;
  readonly functionId: string;
  readonly profile: Profile;
  /** `serviceModelFromProfile(profile)`. */
  readonly serviceModel: ServiceModel;
  /** Memory of the fixed-memory policies (the profile's unless overridden), MB. */
  readonly memoryMb: number;
  /**
   * The latency threshold: a period-based SLO's p99 target per window, a request-based SLO's
   * latency of a good request, ms.
   */
  readonly sloP99Ms: number;
  /** The SLO as the config writes it (what the thermostat's target is given). */
  readonly slo: SloInput;
  /** The SLO, defaults applied: what runs are scored and budgeted against. */
  readonly objective: ServiceLevelObjective;
  readonly windowMinutes: number;
  /** Windows at the start that no policy is scored on. */
  readonly warmUpWindows: number;
  readonly seed: number;
  /** Fleet-model settings shared by every policy. */
  readonly simulation: BacktestSimulationSettings;
  /**
   * The simulation input every run of this backtest starts from (trace, service model, seed and
   * shared settings); add `config`, and a `policy` if any.
   */
  baseInput(): Omit<SimulationInput, 'config'>;
  /** The on-demand run (no PC) at `memoryMb` of the same trace, computed once and shared. */
  onDemandReference(): SimulationResult;
  /** Where the thermostat's cycles write their reports, when the caller asked for them. */
  readonly cycleReports?: ReportSink;
  /** Reports progress within this policy's preparation (0..1) and yields to the event loop. */
  progress(fraction: number): Promise<void>;
}
