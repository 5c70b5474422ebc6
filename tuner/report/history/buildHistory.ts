import type { Architecture } from '@lambda-thermostat/sdk/cost';
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
import { periodSavings } from './periodSavings.ts';
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
 * Given the `previous` history, the reports extend it (the deployed handler keeps a rolling day
 * this way, reading one object per cycle): its minutes and decisions are kept, the new cycles'
 * minutes replace the ones they saw again (keeping the configuration the earlier cycle priced them
 * with), and everything before `sinceMs` is dropped.
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
  previous?: HistoryReport,
): HistoryReport {
  const cycles = [...reports].sort((a, b) => a.generatedAtMs - b.generatedAtMs);
  const sinceMs = options.sinceMs ?? Number.NEGATIVE_INFINITY;
  const before = new Map((previous?.targets ?? []).map((t) => [t.key, t]));
  const byTarget = new Map<string, { at: number; target: CycleTargetV1 }[]>();
  for (const cycle of cycles) {
    for (const target of cycle.targets) {
      const seen = byTarget.get(target.key) ?? [];
      seen.push({ at: cycle.generatedAtMs, target });
      byTarget.set(target.key, seen);
    }
  }
  const updated = [...byTarget.values()].map((seen) =>
    targetHistory(seen, sinceMs, before.get(seen[0]?.target.key ?? '')),
  );
  const kept = [...before.values()]
    .filter((t) => !byTarget.has(t.key))
    .map((t) => withDerived({ ...t, ...since(t, sinceMs) }));
  const targets = [...kept, ...updated].filter(
    (t) => t.minutes.length > 0 || t.decisions.length > 0,
  );
  const starts = targets.flatMap((t) => t.minutes.map((m) => m.startMs));
  return {
    kind: ReportKind.HISTORY,
    version: REPORT_VERSION[ReportKind.HISTORY],
    generatedAt: new Date(options.nowMs).toISOString(),
    fromMs: starts.length === 0 ? null : Math.min(...starts),
    toMs: starts.length === 0 ? null : Math.max(...starts) + 60_000,
    cycles: (previous?.cycles ?? 0) + cycles.length,
    targets,
  };
}

function targetHistory(
  seen: readonly { at: number; target: CycleTargetV1 }[],
  sinceMs: number,
  previous: TargetHistory | undefined,
): TargetHistory {
  const last = seen[seen.length - 1];
  if (last === undefined) throw new RangeError('a target history needs at least one cycle');
  const configs = seen.map(({ at, target }) => ({ at, config: minuteConfig(target) }));
  const earlier = new Map((previous?.minutes ?? []).map((m) => [m.startMs, m]));
  const rows = new Map<number, IntervalMetricsV1>();
  for (const { target } of seen) {
    const observation = target.observation;
    if (observation === null || 'error' in observation) continue;
    for (const m of observation.recentMinutes) if (m.startMs >= sinceMs) rows.set(m.startMs, m);
  }
  const fresh = [...rows.values()].map((m) => {
    const seenBefore = earlier.get(m.startMs);
    const nearest = configAt(configs, m.startMs + m.periodSec * 1000);
    const config = seenBefore === undefined ? nearest : { ...nearest, ...pricedWith(seenBefore) };
    return historyMinute(m, config);
  });
  const minutes = [...earlier.values(), ...fresh].reduce(
    (byStart, m) => byStart.set(m.startMs, m),
    new Map<number, HistoryMinute>(),
  );
  const known = new Set((previous?.decisions ?? []).map((d) => d.atMs));
  const decisions = [
    ...(previous?.decisions ?? []),
    ...seen.filter(({ at }) => !known.has(at)).map(decisionOf),
  ];
  const lastPlan = last.target.plan;
  const budgeted = [...seen].reverse().find(({ target }) => target.errorBudget != null)?.target;
  const slo = last.target.slo ?? previous?.slo;
  const sloBudget = budgeted?.errorBudget ?? previous?.sloBudget;
  return withDerived({
    key: last.target.key,
    label: last.target.label,
    sloP99Ms: last.target.sloP99Ms,
    ...(slo === undefined ? {} : { slo }),
    ...(sloBudget === undefined ? {} : { sloBudget }),
    latencySource: lastLatencySource(seen) ?? previous?.latencySource ?? null,
    ...since(
      {
        minutes: [...minutes.values()].sort((a, b) => a.startMs - b.startMs),
        decisions: decisions.sort((a, b) => a.atMs - b.atMs),
      },
      sinceMs,
    ),
    lastDecision:
      lastPlan.status === 'planned'
        ? {
            atMs: last.at,
            chosen: lastPlan.prediction === null ? null : candidateOf(lastPlan.prediction),
            alternatives: lastPlan.alternatives.map(candidateOf),
          }
        : (previous?.lastDecision ?? null),
  });
}

/** The minutes and decisions from `sinceMs` on. */
function since(
  t: Pick<TargetHistory, 'minutes' | 'decisions'>,
  sinceMs: number,
): Pick<TargetHistory, 'minutes' | 'decisions'> {
  return {
    minutes: t.minutes.filter((m) => m.startMs >= sinceMs),
    decisions: t.decisions.filter((d) => d.atMs >= sinceMs),
  };
}

/** Windows, error budget and cost, recomputed from the minutes; the tool's bill and the savings from the decisions. */
function withDerived(
  t: Omit<TargetHistory, 'windows' | 'errorBudget' | 'cost' | 'toolCostUsd' | 'savings'> &
    Partial<TargetHistory>,
): TargetHistory {
  const windows = scoreWindows(t.minutes, t.sloP99Ms);
  const parts = sumCostParts(t.minutes.map((m) => m.cost));
  const totalUsd = costTotal(parts);
  const hours = t.minutes.length / 60;
  return {
    key: t.key,
    label: t.label,
    sloP99Ms: t.sloP99Ms,
    ...(t.slo === undefined ? {} : { slo: t.slo }),
    ...(t.sloBudget === undefined ? {} : { sloBudget: t.sloBudget }),
    latencySource: t.latencySource,
    minutes: t.minutes,
    windows,
    errorBudget: errorBudget(windows),
    cost: { totalUsd, hours, perDayUsd: hours === 0 ? null : (totalUsd / hours) * 24, parts },
    ...periodSavings(t.decisions),
    decisions: t.decisions,
    lastDecision: t.lastDecision,
  };
}

/** The configuration a minute of an earlier history was priced with. */
function pricedWith(m: HistoryMinute): Pick<MinuteConfig, 'memoryMb' | 'pcRequested' | 'pcReady'> {
  return { memoryMb: m.memoryMb, pcRequested: m.pcRequested, pcReady: m.pcReady };
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
    e2eP99Ms: tenth(m.e2eP99Ms),
    concurrencyMax: m.concurrencyMax,
    spillover: m.spillover,
    memoryMb: config.memoryMb,
    pcRequested: config.pcRequested,
    pcReady: config.pcReady,
    cost: roundedParts(minuteCost(m, config)),
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
    predictedP99Ms: tenth(plan.prediction?.predictedP99Ms ?? null),
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
    ...(target.costs === undefined ? {} : { costs: decisionCosts(target.costs) }),
  };
}

function decisionCosts(
  costs: NonNullable<CycleTargetV1['costs']>,
): NonNullable<HistoryDecision['costs']> {
  const usd = (v: number | null) => (v === null ? null : significant(v));
  return {
    cycleMinutes: costs.cycleMinutes,
    lambdaMonthlyUsd: usd(costs.lambdaMonthlyUsd),
    toolMonthlyUsd: significant(costs.toolMonthlyUsd),
    savedVsOnDemandMonthlyUsd: usd(costs.savedVsOnDemandMonthlyUsd),
    savedVsCurrentMonthlyUsd: usd(costs.savedVsCurrentMonthlyUsd),
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

/** Four significant digits: the estimates are no finer, and a day stays small. */
function significant(v: number): number {
  return v === 0 ? 0 : Number(v.toPrecision(4));
}

function roundedParts(parts: HistoryMinute['cost']): HistoryMinute['cost'] {
  const round = significant;
  return {
    requests: round(parts.requests),
    duration: round(parts.duration),
    init: round(parts.init),
    provisioned: round(parts.provisioned),
    provisionedDuration: round(parts.provisionedDuration),
  };
}

/** Latencies to a tenth of a millisecond: finer is noise, and a day stays small. */
function tenth(ms: number | null): number | null {
  return ms === null ? null : Math.round(ms * 10) / 10;
}
