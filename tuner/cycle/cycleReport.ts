/**
 * The JSON report of one cycle: the plan, what came of each action, and the inputs that decided
 * it (the observed minutes, the function state, the account, the memory), so a reader can tell
 * why the tuner did what it did without re-running it.
 */
import type { TunerMode } from '../core/config/thermostatConfig.ts';
import type { ErrorSummary } from '../core/errorSummary.ts';
import type { TargetPlan } from '../core/plan/targetPlan.ts';
import type { ActionResult } from '../core/plan.ts';
import type { AccountState, FunctionState } from '../core/ports.ts';
import type { ErrorBudget } from '../core/slo/errorBudget.ts';
import type { ServiceLevelObjective } from '../core/slo/serviceLevelObjective.ts';
import type { IntervalMetrics } from '../sim/intervalMetrics.ts';
import type { ObservedSummary } from './observedSummary.ts';
import type { TargetCosts } from './targetCosts.ts';

/** How far a cycle got. */
export const CycleStatus = {
  /** Observed, read, planned and (in apply mode) acted. */
  COMPLETED: 'completed',
  /** The metrics source failed as a whole: nothing was planned or changed. */
  OBSERVE_FAILED: 'observe-failed',
  /** The state reader failed as a whole: nothing was planned or changed. */
  STATE_READ_FAILED: 'state-read-failed',
  /**
   * Apply mode, and the memory could not be read or written: planned and reported, nothing
   * changed (acting without it would break cooldowns and the rollback watch).
   */
  MEMORY_UNAVAILABLE: 'memory-unavailable',
  /** The deadline passed: what was done is reported, and what was not started. */
  DEADLINE_PASSED: 'deadline-passed',
} as const;
export type CycleStatus = (typeof CycleStatus)[keyof typeof CycleStatus];

/** A value that was read, or the error that stopped it. */
export type ReadOutcome<T> = T | { readonly error: ErrorSummary };

/** A window as written in the report. */
export interface ReportWindow {
  readonly start: string;
  readonly end: string;
  readonly periodSec: number;
}

/** One target in the report. */
export interface TargetReport {
  readonly key: string;
  /** `function:qualifier`, with the Region when the target names one. */
  readonly label: string;
  readonly sloP99Ms: number;
  readonly plan: TargetPlan;
  /** What came of each of the plan's actions (dry-run results in recommend mode). */
  readonly results: readonly ActionResult[];
  /** The last minutes, summarised; null when nothing was observed. */
  readonly observed: ObservedSummary | null;
  /** The observation's notes and its last minutes, or why it failed; null when not attempted. */
  readonly observation: ReadOutcome<{
    readonly latencySource: 'sdk' | 'aws-lambda-duration';
    readonly notes: readonly string[];
    readonly recentMinutes: readonly IntervalMetrics[];
  }> | null;
  /** The function's configuration as read, or why it could not be; null when not attempted. */
  readonly state: ReadOutcome<FunctionState> | null;
  /** API calls for this target that failed: metrics, state, actions. */
  readonly apiErrors: number;
  /** Its Lambda bill, the tool's own bill and the savings, a month (./targetCosts.ts). */
  readonly costs?: TargetCosts;
  /** The target's SLO (planned targets). */
  readonly slo?: ServiceLevelObjective;
  /**
   * Its error budget over the SLO's interval, from the ledger in the memory (./targetBudgets.ts);
   * null when this cycle could not count it.
   */
  readonly errorBudget?: ErrorBudget | null;
}

/** Where the memory came from and went. */
export interface MemoryReport {
  readonly location: string;
  /** `stored`: read from the store; `fresh`: nothing usable was stored, every target started anew. */
  readonly source: 'stored' | 'fresh';
  /** Whether this cycle's memory was written back. */
  readonly saved: boolean;
  readonly notes: readonly string[];
}

/** Counts over the whole cycle. */
export interface CycleTotals {
  readonly targets: number;
  readonly actionsPlanned: number;
  readonly actionsApplied: number;
  readonly actionsFailed: number;
  /** Every failed API call: the targets' plus the account's and the memory store's. */
  readonly apiErrors: number;
}

/** One cycle's report. */
export interface CycleReport {
  readonly kind: 'lambda-thermostat.cycle';
  readonly version: 1;
  readonly generatedAt: string;
  readonly generatedAtMs: number;
  readonly mode: TunerMode;
  /** True when nothing was changed on purpose (recommend mode). */
  readonly dryRun: boolean;
  readonly status: CycleStatus;
  /** Why the cycle stopped early, when it did. */
  readonly error?: ErrorSummary;
  readonly windows: { readonly recent: ReportWindow; readonly yesterday: ReportWindow };
  readonly account: ReadOutcome<AccountState> | null;
  readonly memory: MemoryReport;
  readonly targets: readonly TargetReport[];
  readonly totals: CycleTotals;
  /** Cycle-wide remarks (memory, account, fallbacks). */
  readonly notes: readonly string[];
}

/**
 * Adds up a cycle's counts.
 *
 * @example
 * ```ts
 * cycleTotals(targetReports, 1).apiErrors; // the targets' failures plus one cycle-wide failure
 * ```
 */
export function cycleTotals(targets: readonly TargetReport[], cycleApiErrors: number): CycleTotals {
  const results = targets.flatMap((t) => t.results);
  return {
    targets: targets.length,
    actionsPlanned: targets.reduce((n, t) => n + t.plan.actions.length, 0),
    actionsApplied: results.filter((r) => r.status === 'applied').length,
    actionsFailed: results.filter((r) => r.status === 'failed').length,
    apiErrors: targets.reduce((n, t) => n + t.apiErrors, cycleApiErrors),
  };
}
