/**
 * What one target's incremental observation asks CloudWatch for this cycle: pure, from the kept
 * history, the time and the cadence (docs/decisions/0055-incremental-observation.md).
 */

import { valueAt } from '../core/observe/minuteColumns.ts';
import type { ObservationHistory } from '../core/observe/observationHistory.ts';
import {
  DEMAND_FIELDS,
  FAST_FIELDS,
  type ObservedField,
  SLOW_FIELDS,
} from '../core/observe/observedFields.ts';
import { historyWindows } from './historyWindows.ts';
import type { ObservationCadence } from './observationCadence.ts';

const MINUTE_MS = 60_000;
const floorMinute = (ms: number) => Math.floor(ms / MINUTE_MS) * MINUTE_MS;

/** One read: `fields` over `[startMs, endMs)` at 1-minute periods. */
export interface ObservationRead {
  readonly startMs: number;
  readonly endMs: number;
  readonly fields: readonly ObservedField[];
}

/** A target's reads this cycle, and the bounds of what it keeps. */
export interface TargetReads {
  /** Idle: only its demand is read (`main` reads DEMAND_FIELDS); traffic in it wakes the target. */
  readonly idle: boolean;
  /** The recent read: new minutes (and the late margin), fast fields, slow ones when due. */
  readonly main: ObservationRead;
  /** Whether `main` carries the slow fields. */
  readonly slow: boolean;
  /** Demand of the same hour yesterday not kept yet (a new target): read once, back to it. */
  readonly backfill: ObservationRead | null;
  /** What a woken target reads in the same cycle. */
  readonly wake: ObservationRead;
  /** The recent window (kept in full) and the first minute of demand kept. */
  readonly recentStartMs: number;
  readonly completeEndMs: number;
  readonly demandFromMs: number;
  readonly yesterday: { readonly startMs: number; readonly endMs: number };
}

/**
 * Plans the reads of one target.
 *
 * @example
 * ```ts
 * const reads = planObservationReads(memory.observed?.[key], Date.now(), OBSERVATION_CADENCE);
 * reads.main.fields.length; // 16 the first time, 8 most cycles, 2 when idle
 * ```
 */
export function planObservationReads(
  history: ObservationHistory | undefined,
  nowMs: number,
  cadence: ObservationCadence,
  memorySinceMs?: number,
): TargetReads {
  const windows = historyWindows(nowMs);
  const recentStartMs = floorMinute(windows.recent.startMs);
  const completeEndMs = floorMinute(windows.recent.endMs);
  const yesterday = {
    startMs: floorMinute(windows.yesterday.startMs),
    endMs: floorMinute(windows.yesterday.endMs),
  };
  const margin = cadence.lateMarginMinutes * MINUTE_MS;
  const seen = history !== undefined && history.fastEndMs > recentStartMs;
  const fastFrom = seen ? Math.max(recentStartMs, history.fastEndMs - margin) : recentStartMs;
  const slowSeen = seen && history.slowEndMs > recentStartMs;
  const slow =
    !slowSeen ||
    nowMs - history.slowReadAtMs >= cadence.slowEveryMinutes * MINUTE_MS ||
    (memorySinceMs !== undefined && memorySinceMs > history.slowReadAtMs);
  const slowFrom = slowSeen ? Math.max(recentStartMs, history.slowEndMs - margin) : recentStartMs;
  const idle = seen && !history.provisioned && quietFor(history, cadence.idleAfterMinutes);
  const everything = [...FAST_FIELDS, ...SLOW_FIELDS];
  const main: ObservationRead = idle
    ? { startMs: fastFrom, endMs: completeEndMs, fields: DEMAND_FIELDS }
    : {
        startMs: slow ? Math.min(fastFrom, slowFrom) : fastFrom,
        endMs: completeEndMs,
        fields: slow ? everything : FAST_FIELDS,
      };
  const unknown = firstUnknownDemand(history, yesterday);
  return {
    idle,
    main,
    slow: !idle && slow,
    backfill:
      unknown === null
        ? null
        : { startMs: unknown, endMs: Math.max(unknown, recentStartMs), fields: DEMAND_FIELDS },
    wake: { startMs: Math.min(fastFrom, slowFrom), endMs: completeEndMs, fields: everything },
    recentStartMs,
    completeEndMs,
    demandFromMs: yesterday.startMs,
    yesterday,
  };
}

/** No demand in the kept minutes of the last `minutes` before what was seen (and that many kept). */
function quietFor(history: ObservationHistory, minutes: number): boolean {
  const from = history.fastEndMs - minutes * MINUTE_MS;
  if (history.recent.length === 0 || history.recent.startMs > from) return false;
  for (let t = from; t < history.fastEndMs; t += MINUTE_MS)
    for (const field of DEMAND_FIELDS)
      if ((valueAt(history.recent, field, t) ?? 0) > 0) return false;
  return true;
}

/** The first minute of yesterday's slice whose demand is not kept; null when all of it is. */
function firstUnknownDemand(
  history: ObservationHistory | undefined,
  slice: { startMs: number; endMs: number },
): number | null {
  for (let t = slice.startMs; t < slice.endMs; t += MINUTE_MS) {
    const value = history === undefined ? undefined : valueAt(history.demand, 'invocations', t);
    if (value === undefined || value === null) return t;
  }
  return null;
}
