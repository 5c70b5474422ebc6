/**
 * Writes what a read returned into a target's kept history: late data overwrites, the fields not
 * read keep their values, and what is kept stays bounded (the recent window in full, demand back
 * to the same hour yesterday). Pure.
 */
import { keepFrom, type MinuteValues, writeMinutes } from '../core/observe/minuteColumns.ts';
import type { ObservationHistory } from '../core/observe/observationHistory.ts';
import { DEMAND_FIELDS, SLOW_FIELDS } from '../core/observe/observedFields.ts';
import type { TargetObservation } from '../core/ports.ts';
import type { ObservationRead } from './planObservationReads.ts';

/** Where the kept minutes start after the merge. */
export interface KeptBounds {
  /** The first minute of the recent window (every field kept from here). */
  readonly recentStartMs: number;
  /** The first minute of demand kept. */
  readonly demandFromMs: number;
}

/**
 * The history after `read` returned `observation`, at cycle time `nowMs`. A `recent` read
 * advances what is known of the fields it carried up to its end (an idle target's demand-only
 * read too: its minutes without requests have nothing else); a `backfill` only adds demand.
 *
 * @example
 * ```ts
 * const next = mergeObservedMinutes(history, observation, reads.main, reads, Date.now());
 * ```
 */
export function mergeObservedMinutes(
  history: ObservationHistory,
  observation: TargetObservation,
  read: ObservationRead,
  bounds: KeptBounds,
  nowMs: number,
  kind: 'recent' | 'backfill' = 'recent',
): ObservationHistory {
  const minutes = observation.metrics.map((m, i) => ({
    startMs: m.startMs,
    values: {
      ...(m as unknown as MinuteValues),
      withinSloPercent: observation.withinSloPercent?.[i] ?? null,
    } as MinuteValues,
  }));
  const recentMinutes = minutes.filter((m) => m.startMs >= bounds.recentStartMs);
  const demandFields = DEMAND_FIELDS.filter((field) => read.fields.includes(field));
  const demand = keepFrom(writeMinutes(history.demand, minutes, demandFields), bounds.demandFromMs);
  // A backfill (yesterday's demand) only adds demand: the recent window stays as it was.
  if (kind === 'backfill') return { ...history, demand };
  const hasLatency = observation.metrics.some((m) => m.e2eP99Ms !== null || m.e2eP50Ms !== null);
  return {
    ...history,
    recent: keepFrom(
      writeMinutes(history.recent, recentMinutes, read.fields),
      bounds.recentStartMs,
    ),
    demand,
    fastEndMs: Math.max(history.fastEndMs, read.endMs),
    ...(SLOW_FIELDS.some((field) => read.fields.includes(field))
      ? { slowEndMs: Math.max(history.slowEndMs, read.endMs), slowReadAtMs: nowMs }
      : {}),
    latencySource: hasLatency ? observation.latencySource : history.latencySource,
  };
}
