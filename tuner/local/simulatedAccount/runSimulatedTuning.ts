/**
 * The shipped tuning cycle (tuner/cycle/tuningCycle.ts) run against a simulated account: the
 * simulator advances to each scheduled cycle's time, the cycle observes, plans and acts through
 * the simulated ports, and the simulator goes on from there with what it changed.
 */
import type { ThermostatConfig } from '../../core/config/thermostatConfig.ts';
import type { PlannerOptions } from '../../core/plan/plannerOptions.ts';
import type { Clock, ReportSink } from '../../core/ports.ts';
import { CountingMetricsSource } from '../../cycle/countingMetricsSource.ts';
import { type CycleLogger, silentLogger } from '../../cycle/cycleLogger.ts';
import type { ObservationCadence } from '../../cycle/observationCadence.ts';
import { runTuningCycle, type TuningCycleResult } from '../../cycle/tuningCycle.ts';
import type { SimulationResult } from '../../sim/simulationResult.ts';
import { CollectingReportSink } from './collectingReportSink.ts';
import { InMemoryTunerMemoryStore } from './inMemoryTunerMemoryStore.ts';
import type { SimulatedAccount } from './simulatedAccount.ts';
import { SimulatedLambda } from './simulatedLambda.ts';
import { SimulatedMetricsSource } from './simulatedMetricsSource.ts';

const MINUTE_MS = 60_000;

/** What to run. */
export interface SimulatedTuningInput {
  readonly account: SimulatedAccount;
  /** The tuner's config, exactly as deployed (its targets are the account's functions). */
  readonly config: ThermostatConfig;
  /** Minutes between cycles; default the config's `rate(...)` schedule, else 5. */
  readonly intervalMinutes?: number;
  /** CloudWatch's completeness delay, seconds (see simulatedMetricsSource.ts). */
  readonly completenessDelaySec?: number;
  readonly plannerOptions?: Partial<PlannerOptions>;
  /** Where every cycle's report also goes (e.g. a `FileReportSink`). */
  readonly reportSink?: ReportSink;
  readonly logger?: CycleLogger;
  /** How the cycle observes (see tuner/cycle/tuningCycle.ts); default incremental. */
  readonly observation?: 'incremental' | 'full';
  readonly observationCadence?: ObservationCadence;
  /**
   * Called after every cycle (progress bars, tests, benches), with the metrics requested so far
   * per target key (live: read it in the callback).
   */
  readonly onCycle?: (
    result: TuningCycleResult,
    nowMs: number,
    metricsRequested: ReadonlyMap<string, number>,
  ) => void | Promise<void>;
}

/** What the run produced. */
export interface SimulatedTuningResult {
  /** Each function's simulation over the whole account window, by function name. */
  readonly simulations: Map<string, SimulationResult>;
  /** Every cycle's report document, as the deployed handler writes it (`reports/<time>.json`). */
  readonly reports: readonly { readonly name: string; readonly body: string }[];
  readonly cycles: number;
  /** GetMetricData metrics the cycles requested, per target key, counted at the metrics source. */
  readonly metricsRequested: ReadonlyMap<string, number>;
}

/**
 * Runs the cycle on schedule over the whole simulated window.
 *
 * @example
 * ```ts
 * const account = new SimulatedAccount({ functions: [{ functionName: 'ocr', simulation: { trace, serviceModel, config } }] });
 * const { simulations, reports } = await runSimulatedTuning({ account, config: validateConfig(raw) });
 * simulations.get('ocr')?.cost.total;
 * ```
 */
export async function runSimulatedTuning(
  input: SimulatedTuningInput,
): Promise<SimulatedTuningResult> {
  const { account } = input;
  const intervalMinutes = input.intervalMinutes ?? input.config.scheduleIntervalMinutes ?? 5;
  const lambda = new SimulatedLambda(account);
  const metricsSource = new CountingMetricsSource(
    new SimulatedMetricsSource(
      account,
      input.completenessDelaySec === undefined
        ? {}
        : { completenessDelaySec: input.completenessDelaySec },
    ),
  );
  const memoryStore = new InMemoryTunerMemoryStore();
  const reportSink = new CollectingReportSink(input.reportSink);
  const clock: Clock = {
    now: () => account.nowMs,
    sleep: async (ms) => account.advanceTo(account.nowMs + ms),
  };
  let cycles = 0;
  for (
    let at = account.startMs + intervalMinutes * MINUTE_MS;
    at < account.endMs;
    at += intervalMinutes * MINUTE_MS
  ) {
    account.advanceTo(at);
    const result = await runTuningCycle({
      config: input.config,
      metricsSource,
      stateReader: lambda,
      actuator: lambda,
      reportSink,
      memoryStore,
      clock,
      logger: input.logger ?? silentLogger,
      ...(input.plannerOptions === undefined ? {} : { plannerOptions: input.plannerOptions }),
      ...(input.observation === undefined ? {} : { observation: input.observation }),
      ...(input.observationCadence === undefined
        ? {}
        : { observationCadence: input.observationCadence }),
    });
    cycles += 1;
    await input.onCycle?.(result, at, metricsSource.requested);
  }
  account.advanceTo(account.endMs);
  return {
    simulations: account.finish(),
    // The dated documents only: `latest.json` is a copy of the last one.
    reports: reportSink.written.filter((report) => report.name.startsWith('reports/')),
    cycles,
    metricsRequested: metricsSource.requested,
  };
}
