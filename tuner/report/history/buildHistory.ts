import type { Architecture } from '../../../sdk/cost/pricingTable.ts';
import type {
  CycleReportV1,
  CycleTargetV1,
  IntervalMetricsV1,
} from '../schema/cycleReportSchema.ts';
import type {
  HistoryCandidate,
  HistoryDecision,
  HistoryMinute,
  HistoryReport,
  TargetHistory,
} from '../schema/historyReportSchema.ts';
import { REPORT_VERSION, ReportKind } from '../schema/reportKind.ts';
import { costTotal, type MinuteConfig, minuteCost, sumCostParts } from './minuteCost.ts';
import { errorBudget, scoreWindows } from './windowScores.ts';

/** What to keep. */
export interface HistoryOptions {
  /** When the history is made, epoch ms. */
  readonly nowMs: number;
  /** Keep minutes and decisions from this time on, epoch ms; default: everything. */
  readonly sinceMs?: number;
}

/**
 * Compacts cycle reports into a history: per target, one row per minute (a minute seen by several
 * cycles keeps the latest cycle's row: CloudWatch fills late datapoints in), the configuration it
 * ran under (the state the nearest cycle at or before it read, else the first cycle's), its
 * estimated cost, every decision with what came of its actions, and the last decision's
 * alternatives. Pure: the reports in, the history out.
 *
 * @example
 * ```ts
 * const history = buildHistory(reports, { nowMs: Date.now(), sinceMs: Date.now() - 86_400_000 });
 * history.targets[0]?.windows.met;
 * ```
 */
export function buildHistory(
  reports: readonly CycleReportV1[],
  options: HistoryOptions,
): HistoryReport {
  const cycles = [...reports].sort((a, b) => a.generatedAtMs - b.generatedAtMs);
  const sinceMs = options.sinceMs ?? Number.NEGATIVE_INFINITY;
  const byTarget = new Map<string, { at: number; target: CycleTargetV1 }[]>();
  for (const cycle of cycles) {
    for (const target of cycle.targets) {
      const seen = byTarget.get(target.key) ?? [];
      seen.push({ at: cycle.generatedAtMs, target });
      byTarget.set(target.key, seen);
    }
  }
  const targets = [...byTarget.values()].map((seen) => targetHistory(seen, sinceMs));
  const starts = targets.flatMap((t) => t.minutes.map((m) => m.startMs));
  return {
    kind: ReportKind.HISTORY,
    version: REPORT_VERSION[ReportKind.HISTORY],
    generatedAt: new Date(options.nowMs).toISOString(),
    fromMs: starts.length === 0 ? null : Math.min(...starts),
    toMs: starts.length === 0 ? null : Math.max(...starts) + 60_000,
    cycles: cycles.length,
    targets,
  };
}

function targetHistory(
  seen: readonly { at: number; target: CycleTargetV1 }[],
  sinceMs: number,
): TargetHistory {
  const last = seen[seen.length - 1];
  if (last === undefined) throw new RangeError('a target history needs at least one cycle');
  const configs = seen.map(({ at, target }) => ({ at, config: minuteConfig(target) }));
  const rows = new Map<number, IntervalMetricsV1>();
  for (const { target } of seen) {
    const observation = target.observation;
    if (observation === null || 'error' in observation) continue;
    for (const m of observation.recentMinutes) if (m.startMs >= sinceMs) rows.set(m.startMs, m);
  }
  const minutes = [...rows.values()]
    .sort((a, b) => a.startMs - b.startMs)
    .map((m) => historyMinute(m, configAt(configs, m.startMs + m.periodSec * 1000)));
  const windows = scoreWindows(minutes, last.target.sloP99Ms);
  const parts = sumCostParts(minutes.map((m) => m.cost));
  const totalUsd = costTotal(parts);
  const hours = minutes.length / 60;
  const decisions = seen.filter(({ at }) => at >= sinceMs).map(decisionOf);
  const lastPlan = last.target.plan;
  return {
    key: last.target.key,
    label: last.target.label,
    sloP99Ms: last.target.sloP99Ms,
    latencySource: lastLatencySource(seen),
    minutes,
    windows,
    errorBudget: errorBudget(windows),
    cost: { totalUsd, hours, perDayUsd: hours === 0 ? null : (totalUsd / hours) * 24, parts },
    toolCostUsd: null,
    decisions,
    lastDecision:
      lastPlan.status === 'planned'
        ? {
            atMs: last.at,
            chosen: lastPlan.prediction === null ? null : candidateOf(lastPlan.prediction),
            alternatives: lastPlan.alternatives.map(candidateOf),
          }
        : null,
  };
}

function minuteConfig(target: CycleTargetV1): MinuteConfig {
  const state = target.state !== null && !('error' in target.state) ? target.state : null;
  const current = target.plan.current;
  return {
    memoryMb: state?.memoryMb ?? current?.memoryMb ?? null,
    pcRequested: state
      ? (state.provisioned?.requested ?? 0)
      : (current?.provisionedConcurrency ?? null),
    pcReady: state ? (state.provisioned?.available ?? 0) : null,
    region: state?.region ?? target.plan.target.region,
    architecture: (state?.architecture ?? 'x86_64') as Architecture,
  };
}

/** The configuration of the latest cycle at or before `ms`, else the first cycle's. */
function configAt(configs: readonly { at: number; config: MinuteConfig }[], ms: number) {
  let chosen = configs[0]?.config;
  for (const c of configs) if (c.at <= ms) chosen = c.config;
  if (chosen === undefined) throw new RangeError('no configuration to price a minute with');
  return chosen;
}

function historyMinute(m: IntervalMetricsV1, config: MinuteConfig): HistoryMinute {
  return {
    startMs: m.startMs,
    requests: m.invocations + m.throttles,
    throttles: m.throttles,
    coldStarts: m.coldStarts,
    e2eP99Ms: m.e2eP99Ms,
    concurrencyMax: m.concurrencyMax,
    spillover: m.spillover,
    memoryMb: config.memoryMb,
    pcRequested: config.pcRequested,
    pcReady: config.pcReady,
    cost: minuteCost(m, config),
  };
}

function decisionOf({ at, target }: { at: number; target: CycleTargetV1 }): HistoryDecision {
  const plan = target.plan;
  return {
    atMs: at,
    status: plan.status,
    summary: plan.summary,
    current: plan.current,
    planned: plan.planned,
    predictedP99Ms: plan.prediction?.predictedP99Ms ?? null,
    predictedCostPerHourUsd: plan.prediction?.costPerHourUsd ?? null,
    actions: plan.actions.map((action, i) => {
      const result = target.results[i];
      return {
        kind: action.kind,
        from: action.from,
        to: action.to,
        reason: action.reason,
        status: result?.status ?? 'skipped',
        detail: result?.detail ?? 'no result recorded',
      };
    }),
  };
}

function candidateOf(c: {
  readonly config: HistoryCandidate['config'];
  readonly predictedP99Ms: number | null;
  readonly costPerHourUsd: number;
  readonly missProbability: number;
}): HistoryCandidate {
  return {
    config: c.config,
    predictedP99Ms: c.predictedP99Ms,
    costPerHourUsd: c.costPerHourUsd,
    missProbability: c.missProbability,
  };
}

function lastLatencySource(seen: readonly { target: CycleTargetV1 }[]) {
  for (let i = seen.length - 1; i >= 0; i--) {
    const o = seen[i]?.target.observation;
    if (o !== null && o !== undefined && !('error' in o)) return o.latencySource;
  }
  return null;
}
