/**
 * One tuning cycle against real (or fake) ports: load memory → observe every target at once →
 * read states and the account → plan (tuner/core, pure) → act (a dry run in recommend mode) →
 * remember what was applied → save memory → write the report; returns the report and its
 * Markdown summary. Never throws for an API failure: one target's failure is isolated to that
 * target, and a failure of the whole observation (the source throws, or every target failed) or
 * of the state read still produces a report that says so, with nothing changed.
 */
import { type ThermostatConfig, TunerMode } from '../core/config/thermostatConfig.ts';
import { asError, errorSummary } from '../core/errorSummary.ts';
import { encodeTunerMemory } from '../core/memory/tunerMemoryCodec.ts';
import type { TunerMemoryStore } from '../core/memory/tunerMemoryStore.ts';
import { planCycle } from '../core/plan/planCycle.ts';
import type { PlannerOptions } from '../core/plan/plannerOptions.ts';
import type { TunerMemory } from '../core/plan/tunerMemory.ts';
import type { ActionResult } from '../core/plan.ts';
import type {
  AccountState,
  Actuator,
  Clock,
  FunctionState,
  MetricsSource,
  ReportSink,
  StateReader,
  TargetQuery,
} from '../core/ports.ts';
import { actOnPlan } from './actOnPlan.ts';
import { type CycleLogger, silentLogger } from './cycleLogger.ts';
import {
  type CycleReport,
  CycleStatus,
  cycleTotals,
  type ReportWindow,
  type TargetReport,
} from './cycleReport.ts';
import { renderCycleSummary } from './cycleSummaryMarkdown.ts';
import { type HistoryWindows, historyWindows } from './historyWindows.ts';
import { type LoadedTunerMemory, loadTunerMemory } from './loadTunerMemory.ts';
import { type ObservedHistory, observeHistory } from './observeHistory.ts';
import { publishReport } from './publishReport.ts';
import { rememberOutcome } from './rememberOutcome.ts';
import { plannedTargetReports, stoppedTargetReports } from './targetReports.ts';

/** The ports and settings of one cycle. */
export interface TuningCycleInput {
  readonly config: ThermostatConfig;
  readonly metricsSource: MetricsSource;
  readonly stateReader: StateReader;
  readonly actuator: Actuator;
  /** Where the report goes; without one the report is only returned. */
  readonly reportSink?: ReportSink;
  readonly memoryStore: TunerMemoryStore;
  /** The cycle's "now" (the planner takes time as an argument). */
  readonly clock: Pick<Clock, 'now'>;
  readonly logger?: CycleLogger;
  /** Planner tuning (tests use fewer replications). */
  readonly plannerOptions?: Partial<PlannerOptions>;
}

/** What a cycle did. */
export interface TuningCycleResult {
  readonly report: CycleReport;
  /** The Markdown summary: one table, then totals, notes and where the report went. */
  readonly markdown: string;
  /** Where the report was written (the dated report, then `latest.json`). */
  readonly reportLocations: readonly string[];
  /** The memory after the cycle (as saved, when it was). */
  readonly memory: TunerMemory;
  /** The report's API errors plus failed report writes. */
  readonly apiErrors: number;
}

/**
 * Runs one cycle.
 *
 * @example
 * ```ts
 * const result = await runTuningCycle({
 *   config,
 *   metricsSource: new CloudWatchMetricsSource(),
 *   stateReader: new LambdaStateReader(),
 *   actuator: new LambdaActuator(),
 *   reportSink: new S3ReportSink('s3://my-reports/thermostat/'),
 *   memoryStore: new S3TunerMemoryStore('s3://my-reports/thermostat/'),
 *   clock: systemClock,
 * });
 * console.log(result.markdown);
 * ```
 */
export async function runTuningCycle(input: TuningCycleInput): Promise<TuningCycleResult> {
  const { config } = input;
  const logger = input.logger ?? silentLogger;
  const nowMs = input.clock.now();
  const dryRun = config.mode === TunerMode.RECOMMEND;
  const loaded = await loadTunerMemory(input.memoryStore);
  for (const note of loaded.notes) logger.info(note);
  const windows = historyWindows(nowMs);
  const cycle = { input, logger, nowMs, dryRun, loaded, windows };

  const queries: TargetQuery[] = config.targets.map((target) => ({
    ref: target.ref,
    sloP99Ms: target.slo.p99Ms,
    namespace: config.namespace,
  }));
  logger.info(`observing ${queries.length} target(s) (${config.mode} mode)`);
  let history: ObservedHistory;
  try {
    history = await observeHistory(input.metricsSource, queries, nowMs);
  } catch (error) {
    return observeFailed(cycle, 'observing failed', asError(error));
  }
  // The sources isolate failures per target; when every target failed, the source is down.
  const observeErrors = [...history.observations.values()].filter((o) => o instanceof Error);
  if (observeErrors.length > 0 && observeErrors.length === queries.length)
    return observeFailed(cycle, 'observing failed for every target', observeErrors[0] as Error);

  let read: { account: AccountState | Error; targets: Map<string, FunctionState | Error> };
  try {
    read = await input.stateReader.readState(config.targets.map((target) => target.ref));
  } catch (error) {
    const failure = asError(error);
    logger.warn(`reading the state failed: ${failure.name}: ${failure.message}; nothing changes`);
    return finish(cycle, {
      status: CycleStatus.STATE_READ_FAILED,
      failure,
      account: null,
      targets: stoppedTargetReports(config.targets, {
        what: 'reading the state failed',
        failure,
        observations: history.observations,
      }),
      memory: loaded.memory,
    });
  }

  const { plan, memory: planned } = planCycle({
    config,
    observations: history.observations,
    states: read.targets,
    account: read.account,
    memory: loaded.memory,
    nowMs,
    ...(input.plannerOptions === undefined ? {} : { options: input.plannerOptions }),
  });
  const results: Map<string, ActionResult[]> = await actOnPlan(plan, input.actuator, { dryRun });
  const memory = rememberOutcome({
    memory: planned,
    plan,
    results,
    observations: history.observations,
    nowMs,
    guardrails: config.guardrails,
  });
  return finish(cycle, {
    status: CycleStatus.COMPLETED,
    account: read.account,
    targets: plannedTargetReports(plan, results, history.observations, read.targets),
    memory,
    save: true,
  });
}

/** Observing failed as a whole: a report that says so, nothing planned or changed. */
function observeFailed(
  cycle: CycleContext,
  what: string,
  failure: Error,
): Promise<TuningCycleResult> {
  cycle.logger.warn(`${what}: ${failure.name}: ${failure.message}; nothing changes`);
  return finish(cycle, {
    status: CycleStatus.OBSERVE_FAILED,
    failure,
    account: null,
    targets: stoppedTargetReports(cycle.input.config.targets, { what, failure }),
    memory: cycle.loaded.memory,
  });
}

interface CycleContext {
  readonly input: TuningCycleInput;
  readonly logger: CycleLogger;
  readonly nowMs: number;
  readonly dryRun: boolean;
  readonly loaded: LoadedTunerMemory;
  readonly windows: HistoryWindows;
}

/** Saves memory (after a completed cycle), assembles, writes and summarises the report. */
async function finish(
  cycle: CycleContext,
  outcome: {
    readonly status: CycleStatus;
    readonly failure?: Error;
    readonly account: AccountState | Error | null;
    readonly targets: readonly TargetReport[];
    readonly memory: TunerMemory;
    readonly save?: boolean;
  },
): Promise<TuningCycleResult> {
  const { input, logger, loaded } = cycle;
  const notes: string[] = [];
  let cycleApiErrors = loaded.storeFailed ? 1 : 0;
  if (outcome.account instanceof Error) {
    cycleApiErrors += 1;
    notes.push(
      `account concurrency unreadable (${outcome.account.name}: ${outcome.account.message}): reserved concurrency is not raised this cycle`,
    );
  }
  let saved = false;
  if (outcome.save === true) {
    try {
      await input.memoryStore.save(encodeTunerMemory(outcome.memory));
      saved = true;
    } catch (error) {
      const e = asError(error);
      cycleApiErrors += 1;
      notes.push(`memory not saved to ${input.memoryStore.location} (${e.name}: ${e.message})`);
      logger.warn(notes.at(-1) as string);
    }
  } else notes.push('nothing was planned: the memory is left as it was');

  const report: CycleReport = {
    kind: 'lambda-thermostat.cycle',
    version: 1,
    generatedAt: new Date(cycle.nowMs).toISOString(),
    generatedAtMs: cycle.nowMs,
    mode: input.config.mode,
    dryRun: cycle.dryRun,
    status: outcome.status,
    ...(outcome.failure === undefined ? {} : { error: errorSummary(outcome.failure) }),
    windows: {
      recent: reportWindow(cycle.windows.recent),
      yesterday: reportWindow(cycle.windows.yesterday),
    },
    account:
      outcome.account instanceof Error ? { error: errorSummary(outcome.account) } : outcome.account,
    memory: {
      location: input.memoryStore.location,
      source: loaded.source,
      saved,
      notes: loaded.notes,
    },
    targets: outcome.targets,
    totals: cycleTotals(outcome.targets, cycleApiErrors),
    notes,
  };
  const published = await publishReport(report, input.reportSink, logger);
  return {
    report,
    markdown: renderCycleSummary(report, published),
    reportLocations: published.written,
    memory: outcome.memory,
    apiErrors:
      report.totals.apiErrors + (input.reportSink === undefined ? 0 : published.failures.length),
  };
}

function reportWindow(window: { startMs: number; endMs: number; periodSec: number }): ReportWindow {
  return {
    start: new Date(window.startMs).toISOString(),
    end: new Date(window.endMs).toISOString(),
    periodSec: window.periodSec,
  };
}
