/**
 * One cycle's report from its shards' reports: the targets in shard order, the counts added up,
 * the worst status, and every shard's notes; a shard that did not report this cycle is named in
 * the notes and counted as an API error (so the tuner's alarm on API errors fires). Pure.
 */
import type { AccountState } from '../../core/ports.ts';
import {
  type CycleReport,
  CycleStatus,
  cycleTotals,
  type ReadOutcome,
} from '../../cycle/cycleReport.ts';

/** One shard as the reconcile step found it: its report, or why there is none. */
export type ShardOutcome =
  | { readonly shard: number; readonly report: CycleReport }
  | { readonly shard: number; readonly missing: string };

/** Worst first: the status of a merged cycle is the worst of its shards'. */
const STATUS_ORDER: readonly CycleStatus[] = [
  CycleStatus.OBSERVE_FAILED,
  CycleStatus.STATE_READ_FAILED,
  CycleStatus.MEMORY_UNAVAILABLE,
  CycleStatus.DEADLINE_PASSED,
  CycleStatus.COMPLETED,
];

/**
 * Raised when no shard reported: there is no cycle to publish.
 *
 * @example
 * ```ts
 * throw new NoShardReportedError('no shard reported this cycle: shard 1: timed out');
 * ```
 */
export class NoShardReportedError extends Error {
  override readonly name = 'NoShardReportedError';
}

/**
 * Merges the shards' reports into the cycle's.
 *
 * @throws NoShardReportedError when no shard has a report.
 * @example
 * ```ts
 * const report = mergeShardReports(outcomes, { account, memoryLocation: 's3://b/p/shards/', notes: [] });
 * ```
 */
export function mergeShardReports(
  outcomes: readonly ShardOutcome[],
  context: {
    /** The account after the shards, as the state machine read it. */
    readonly account: ReadOutcome<AccountState>;
    /** Where the shards' memories live. */
    readonly memoryLocation: string;
    /** The reconcile step's own remarks. */
    readonly notes: readonly string[];
  },
): CycleReport {
  const reported = outcomes.flatMap((o) => ('report' in o ? [o] : []));
  const missing = outcomes.flatMap((o) => ('missing' in o ? [o] : []));
  const first = [...reported].sort((a, b) => a.report.generatedAtMs - b.report.generatedAtMs)[0];
  if (first === undefined)
    throw new NoShardReportedError(
      `no shard reported this cycle: ${missing.map((m) => `shard ${m.shard}: ${m.missing}`).join('; ')}`,
    );
  const label = (shard: number) => `shard ${shard}`;
  const worst = [...reported].sort(
    (a, b) => STATUS_ORDER.indexOf(a.report.status) - STATUS_ORDER.indexOf(b.report.status),
  )[0] as (typeof reported)[number];
  const targets = reported.flatMap((o) => o.report.targets);
  // Each shard's cycle-wide errors (account, memory, report writes) are what its targets do not carry.
  const cycleErrors = reported.reduce(
    (n, o) => n + o.report.totals.apiErrors - o.report.targets.reduce((m, t) => m + t.apiErrors, 0),
    missing.length,
  );
  const notes = [
    ...missing.map((m) => `${label(m.shard)} did not report this cycle: ${m.missing}`),
    ...reported.flatMap((o) => o.report.notes.map((note) => `${label(o.shard)}: ${note}`)),
    ...context.notes,
  ];
  const { report } = first;
  return {
    kind: 'lambda-thermostat.cycle',
    version: 1,
    generatedAt: report.generatedAt,
    generatedAtMs: report.generatedAtMs,
    mode: report.mode,
    dryRun: report.dryRun,
    status: worst.report.status,
    ...(worst.report.error === undefined ? {} : { error: worst.report.error }),
    windows: report.windows,
    account: context.account,
    memory: {
      location: context.memoryLocation,
      source: reported.every((o) => o.report.memory.source === 'stored') ? 'stored' : 'fresh',
      saved: missing.length === 0 && reported.every((o) => o.report.memory.saved),
      notes: reported.flatMap((o) => o.report.memory.notes.map((n) => `${label(o.shard)}: ${n}`)),
    },
    targets,
    totals: cycleTotals(targets, cycleErrors),
    notes,
  };
}
