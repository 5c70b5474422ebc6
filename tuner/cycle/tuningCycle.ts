/**
 * One tuning cycle against real (or fake) ports: load memory → observe every target at once →
 * read states and the account → plan (tuner/core, pure) → act (a dry run in recommend mode) →
 * remember what was applied → save memory → write the report; returns the report and its
 * Markdown summary. Never throws for an API failure: one target's failure is isolated to that
 * target, and a failure of the whole observation (the source throws, or every target failed) or
 * of the state read still produces a report that says so, with nothing changed.
 *
 * The memory holds the cooldowns and rollback watches that make acting safe, so: a memory that
 * could not be read is never overwritten; in apply mode nothing is changed unless the memory was
 * read and can be written (a write is tried before acting); a read-only memory (`plan` on the
 * deployed tuner's) is never written. A deadline stops the cycle cleanly: no step starts after
 * it, and the report says what was done and what was not.
 */

import { NOT_STARTED_AT_DEADLINE, skipped } from '../core/actionResults.ts';
import {
  type TargetConfig,
  type ThermostatConfig,
  TunerMode,
} from '../core/config/thermostatConfig.ts';
import { asError, errorSummary } from '../core/errorSummary.ts';
import { encodeTunerMemory } from '../core/memory/tunerMemoryCodec.ts';
import type { TunerMemoryStore } from '../core/memory/tunerMemoryStore.ts';
import type { ObservationHistory } from '../core/observe/observationHistory.ts';
import { planCycle } from '../core/plan/planCycle.ts';
import type { PlannerOptions } from '../core/plan/plannerOptions.ts';
import type { Plan } from '../core/plan/targetPlan.ts';
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
  TargetObservation,
  TargetQuery,
} from '../core/ports.ts';
import { targetKey } from '../core/ports.ts';
import type { ErrorBudget } from '../core/slo/errorBudget.ts';
import { sloLatencyThresholdMs } from '../core/slo/serviceLevelObjective.ts';
import { actOnPlan } from './actOnPlan.ts';
import { beforeDeadline, DeadlinePassedError } from './cycleDeadline.ts';
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
import { MemoryUnavailableError } from './memoryUnavailableError.ts';
import type { ObservationCadence } from './observationCadence.ts';
import { type ObservedHistory, observeHistory } from './observeHistory.ts';
import { observeIncrementally, withProvisioned } from './observeIncrementally.ts';
import { publishReport } from './publishReport.ts';
import { rememberOutcome } from './rememberOutcome.ts';
import { targetBudgets } from './targetBudgets.ts';
import { withTargetCosts } from './targetCosts.ts';
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
  /** Epoch ms on `clock` after which nothing new starts (see ./cycleDeadline.ts). */
  readonly deadlineMs?: number;
  /** Read the memory, never write it (a `plan` sharing the deployed tuner's memory). */
  readonly readOnlyMemory?: boolean;
  /**
   * `incremental` (default): read only the minutes not kept in the memory yet, with the
   * statistics needed now (./observeIncrementally.ts); `full`: both windows in full every cycle
   * (./observeHistory.ts), the reference the incremental one is tested against.
   */
  readonly observation?: 'incremental' | 'full';
  /** The incremental observation's cadences (tests); default ./observationCadence.ts's. */
  readonly observationCadence?: ObservationCadence;
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
  const { deadlineMs } = input;
  const loaded = await loadTunerMemory(input.memoryStore, { deadlineMs, clock: input.clock });
  for (const note of loaded.notes) logger.info(note);
  const windows = historyWindows(nowMs);
  const cycle = { input, logger, nowMs, dryRun, loaded, windows };
  const inTime = <T>(step: Promise<T>, what: string) =>
    beforeDeadline(step, { deadlineMs, clock: input.clock, what });

  const queries: TargetQuery[] = config.targets.map((target) => ({
    ref: target.ref,
    sloP99Ms: sloLatencyThresholdMs(target.slo),
    namespace: config.namespace,
  }));
  logger.info(`observing ${queries.length} target(s) (${config.mode} mode)`);
  let history: ObservedHistory;
  let observed: Readonly<Record<string, ObservationHistory>> | undefined;
  try {
    if (input.observation === 'full')
      history = await inTime(observeHistory(input.metricsSource, queries, nowMs), 'observing');
    else {
      const incremental = await inTime(
        observeIncrementally(
          input.metricsSource,
          queries,
          nowMs,
          loaded.memory,
          input.observationCadence,
        ),
        'observing',
      );
      history = incremental;
      observed = keptHistories(loaded.memory, queries, incremental.histories);
    }
  } catch (error) {
    if (error instanceof DeadlinePassedError) return stoppedAtDeadline(cycle, error);
    return observeFailed(cycle, 'observing failed', asError(error));
  }
  // The sources isolate failures per target; when every target failed, the source is down.
  const observeErrors = [...history.observations.values()].filter((o) => o instanceof Error);
  if (observeErrors.length > 0 && observeErrors.length === queries.length)
    return observeFailed(cycle, 'observing failed for every target', observeErrors[0] as Error);

  let read: { account: AccountState | Error; targets: Map<string, FunctionState | Error> };
  try {
    read = await inTime(
      input.stateReader.readState(config.targets.map((target) => target.ref)),
      'reading the state',
    );
  } catch (error) {
    if (error instanceof DeadlinePassedError)
      return stoppedAtDeadline(cycle, error, history.observations);
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
  const refusal = dryRun ? undefined : await memoryRefusal(cycle, plan);
  if (refusal !== undefined) logger.warn(`${refusal}; nothing changes`);
  const results: Map<string, ActionResult[]> =
    refusal !== undefined
      ? refuseEveryAction(plan, `not applied: ${refusal}`)
      : input.clock.now() >= (deadlineMs ?? Infinity)
        ? refuseEveryAction(plan, NOT_STARTED_AT_DEADLINE)
        : await actOnPlan(plan, input.actuator, {
            dryRun,
            ...(deadlineMs === undefined ? {} : { deadlineMs }),
          });
  const deadlineStopped = [...results.values()].some((list) =>
    list.some((r) => r.detail === NOT_STARTED_AT_DEADLINE),
  );
  const remembered = rememberOutcome({
    memory: planned,
    plan,
    results,
    observations: history.observations,
    nowMs,
    guardrails: config.guardrails,
  });
  const budgets = targetBudgets(
    config.targets,
    history.observations,
    loaded.memory.budgets,
    windows.recent,
    nowMs,
  );
  const memory = {
    ...(observed === undefined
      ? remembered
      : { ...remembered, observed: withProvisioned(observed, read.targets) }),
    budgets: budgets.ledgers,
  };
  return finish(cycle, {
    status:
      refusal !== undefined
        ? CycleStatus.MEMORY_UNAVAILABLE
        : deadlineStopped
          ? CycleStatus.DEADLINE_PASSED
          : CycleStatus.COMPLETED,
    ...(refusal === undefined ? {} : { failure: new MemoryUnavailableError(refusal) }),
    account: read.account,
    targets: withBudgets(
      plannedTargetReports(plan, results, history.observations, read.targets),
      config.targets,
      budgets.budgets,
    ),
    memory,
    save: refusal === undefined,
  });
}

/** Each planned target's report with its SLO and its error budget this cycle. */
function withBudgets(
  reports: readonly TargetReport[],
  targets: readonly TargetConfig[],
  budgets: ReadonlyMap<string, ErrorBudget>,
): TargetReport[] {
  const slos = new Map(targets.map((target) => [targetKey(target.ref), target.slo]));
  return reports.map((report) => {
    const slo = slos.get(report.key);
    return slo === undefined
      ? report
      : { ...report, slo, errorBudget: budgets.get(report.key) ?? null };
  });
}

/** The configured targets' kept minutes: this cycle's, else (its read failed) what was kept. */
function keptHistories(
  memory: TunerMemory,
  queries: readonly TargetQuery[],
  updated: Readonly<Record<string, ObservationHistory>>,
): Record<string, ObservationHistory> {
  const kept: Record<string, ObservationHistory> = {};
  for (const query of queries) {
    const key = targetKey(query.ref);
    const history = updated[key] ?? memory.observed?.[key];
    if (history !== undefined) kept[key] = history;
  }
  return kept;
}

/**
 * Why apply mode must not act (the memory was not read, or cannot be written: acting then would
 * break the cooldowns and the rollback watch), or undefined. Writing the memory as read is the
 * test that it can be written; a plan without actions has nothing to protect, so it skips that
 * write (an S3 PUT, in most cycles; the memory is saved at the end as always).
 */
async function memoryRefusal(cycle: CycleContext, plan: Plan): Promise<string | undefined> {
  const { input, loaded } = cycle;
  const where = input.memoryStore.location;
  if (loaded.storeFailed) return `the memory at ${where} could not be read`;
  if (input.readOnlyMemory === true) return `the memory at ${where} is read-only here`;
  if (plan.targets.every((target) => target.actions.length === 0)) return undefined;
  try {
    await beforeDeadline(input.memoryStore.save(encodeTunerMemory(loaded.memory)), {
      deadlineMs: input.deadlineMs,
      clock: input.clock,
      what: 'checking that the memory can be written',
    });
    return undefined;
  } catch (error) {
    const e = asError(error);
    return `the memory at ${where} cannot be written (${e.name}: ${e.message})`;
  }
}

/** Every planned action, not applied for one reason. */
function refuseEveryAction(plan: Plan, detail: string): Map<string, ActionResult[]> {
  return new Map(
    plan.targets.map((target) => [target.key, target.actions.map((a) => skipped(a, detail))]),
  );
}

/** The deadline passed before planning: nothing planned or changed, the memory left as it was. */
function stoppedAtDeadline(
  cycle: CycleContext,
  failure: DeadlinePassedError,
  observations?: ReadonlyMap<string, TargetObservation | Error>,
): Promise<TuningCycleResult> {
  cycle.logger.warn(`${failure.message}: stopped, nothing changes`);
  return finish(cycle, {
    status: CycleStatus.DEADLINE_PASSED,
    failure,
    account: null,
    targets: stoppedTargetReports(cycle.input.config.targets, {
      what: failure.message,
      failure,
      ...(observations === undefined ? {} : { observations }),
    }),
    memory: cycle.loaded.memory,
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
  const where = input.memoryStore.location;
  if (loaded.storeFailed)
    notes.push(
      `the memory at ${where} could not be read, so it is not written either (its cooldowns and rollback watches are kept for the next cycle)`,
    );
  else if (input.readOnlyMemory === true)
    notes.push(`the memory at ${where} is only read here: it is left as it was`);
  else if (outcome.save === true) {
    try {
      await input.memoryStore.save(encodeTunerMemory(outcome.memory));
      saved = true;
    } catch (error) {
      const e = asError(error);
      cycleApiErrors += 1;
      notes.push(`memory not saved to ${where} (${e.name}: ${e.message})`);
      logger.warn(notes.at(-1) as string);
    }
  } else notes.push('nothing was changed: the memory is left as it was');

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
    targets: withTargetCosts(outcome.targets, input.config),
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
