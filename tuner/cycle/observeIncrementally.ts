/**
 * The cycle's observation from its own kept minutes (docs/decisions/0055-incremental-observation.md):
 * each target's new minutes (and a late-data margin) are read with the statistics the planner
 * reads every cycle, the slow ones hourly, idle targets' demand alone — one call per distinct
 * read, every target in it — and the planner gets the same view the full observation gives.
 */
import { asError } from '../core/errorSummary.ts';
import {
  emptyObservationHistory,
  type ObservationHistory,
} from '../core/observe/observationHistory.ts';
import type { TunerMemory } from '../core/plan/tunerMemory.ts';
import {
  type FunctionState,
  type MetricsSource,
  type TargetObservation,
  type TargetQuery,
  targetKey,
} from '../core/ports.ts';
import { historyView } from './historyView.ts';
import { historyWindows } from './historyWindows.ts';
import { mergeObservedMinutes } from './mergeObservedMinutes.ts';
import { OBSERVATION_CADENCE, type ObservationCadence } from './observationCadence.ts';
import type { ObservedHistory } from './observeHistory.ts';
import { type ObservationRead, planObservationReads } from './planObservationReads.ts';

/** The observation, and the kept minutes to remember. */
export interface IncrementalObservation extends ObservedHistory {
  /** By `targetKey`, for every target whose recent read worked (the others keep theirs). */
  readonly histories: Readonly<Record<string, ObservationHistory>>;
}

/**
 * Observes every target incrementally.
 *
 * A read that fails fails the targets it carried (their kept minutes stay as they were).
 * @example
 * ```ts
 * const { observations, histories } = await observeIncrementally(source, queries, Date.now(), memory);
 * ```
 */
export async function observeIncrementally(
  source: MetricsSource,
  queries: readonly TargetQuery[],
  nowMs: number,
  memory: TunerMemory,
  cadence: ObservationCadence = OBSERVATION_CADENCE,
): Promise<IncrementalObservation> {
  const targets = queries.map((query) => {
    const key = targetKey(query.ref);
    const kept = memory.observed?.[key];
    const reads = planObservationReads(
      kept,
      nowMs,
      cadence,
      memory.targets[key]?.memorySince?.sinceMs,
    );
    return { key, query, kept: kept ?? emptyObservationHistory(), reads };
  });
  const backfills = readAll(
    source,
    targets.flatMap((t) =>
      t.reads.backfill === null ? [] : [{ query: t.query, read: t.reads.backfill }],
    ),
  );
  const main = await readAll(
    source,
    targets.map((t) => ({ query: t.query, read: t.reads.main })),
  );
  // An idle target with requests in what its probe read wakes: its minutes are read in full now.
  const woken = targets.filter((t) => {
    const probed = main.get(t.key);
    return (
      t.reads.idle &&
      probed !== undefined &&
      !(probed instanceof Error) &&
      probed.metrics.some((m) => m.invocations + m.throttles > 0)
    );
  });
  const [wakes, backfilled] = await Promise.all([
    readAll(
      source,
      woken.map((t) => ({ query: t.query, read: t.reads.wake })),
    ),
    backfills,
  ]);

  const observations = new Map<string, TargetObservation | Error>();
  const histories: Record<string, ObservationHistory> = {};
  for (const target of targets) {
    const { key, reads } = target;
    const woke = wakes.get(key);
    const recent = woke ?? main.get(key);
    const read = woke === undefined ? reads.main : reads.wake;
    if (recent === undefined || recent instanceof Error) {
      observations.set(key, recent ?? new Error(`the metrics source returned nothing for ${key}`));
      continue;
    }
    const bounds = { recentStartMs: reads.recentStartMs, demandFromMs: reads.demandFromMs };
    let history = target.kept;
    const notes: string[] = [];
    const back = backfilled.get(key);
    if (back instanceof Error)
      notes.push(
        `same hour yesterday unreadable (${back.name}: ${back.message}): the forecast uses recent traffic only`,
      );
    else if (back !== undefined && reads.backfill !== null)
      history = mergeObservedMinutes(history, back, reads.backfill, bounds, nowMs, 'backfill');
    history = mergeObservedMinutes(history, recent, read, bounds, nowMs);
    histories[key] = history;
    const view = historyView(
      target.query.ref,
      history,
      reads,
      [...new Set([...recent.notes, ...notes])],
      memory.targets[key]?.memorySince?.sinceMs,
    );
    observations.set(key, { ...view, readFromMs: Math.max(read.startMs, reads.recentStartMs) });
  }
  return { windows: historyWindows(nowMs), observations, histories };
}

/**
 * Remembers which targets run with provisioned concurrency (one without, and without requests,
 * can go idle).
 *
 * @example
 * ```ts
 * const kept = withProvisioned(histories, read.targets);
 * ```
 */
export function withProvisioned(
  histories: Readonly<Record<string, ObservationHistory>>,
  states: ReadonlyMap<string, FunctionState | Error>,
): Record<string, ObservationHistory> {
  const next: Record<string, ObservationHistory> = {};
  for (const [key, history] of Object.entries(histories)) {
    const state = states.get(key);
    next[key] =
      state === undefined || state instanceof Error
        ? { ...history, provisioned: true }
        : { ...history, provisioned: (state.provisioned?.requested ?? 0) > 0 };
  }
  return next;
}

/** The reads, one call per distinct read (its targets together); results by `targetKey`. */
async function readAll(
  source: MetricsSource,
  reads: readonly { readonly query: TargetQuery; readonly read: ObservationRead }[],
): Promise<Map<string, TargetObservation | Error>> {
  const groups = new Map<string, { read: ObservationRead; queries: TargetQuery[] }>();
  for (const { query, read } of reads) {
    if (read.endMs <= read.startMs) continue;
    const id = `${read.startMs}|${read.endMs}|${read.fields.join(',')}`;
    const group = groups.get(id) ?? { read, queries: [] };
    group.queries.push(query);
    groups.set(id, group);
  }
  const results = new Map<string, TargetObservation | Error>();
  await Promise.all(
    [...groups.values()].map(async ({ read, queries }) => {
      const result = await source
        .observe(queries, { startMs: read.startMs, endMs: read.endMs, periodSec: 60 }, read.fields)
        .catch(asError);
      for (const query of queries) {
        const key = targetKey(query.ref);
        results.set(
          key,
          result instanceof Error
            ? result
            : (result.get(key) ?? new Error(`the metrics source returned nothing for ${key}`)),
        );
      }
    }),
  );
  return results;
}
