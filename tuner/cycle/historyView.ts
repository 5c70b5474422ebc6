/**
 * The planner's view of a target from its kept minutes: the same shape the full observation
 * gives (./observeHistory.ts: the same hour yesterday, empty rows, the recent window), so the
 * planner cannot tell how it was read. Pure.
 */

import { weightedQuantile } from '../core/model/latencyModel.ts';
import { type MinuteColumns, valueAt } from '../core/observe/minuteColumns.ts';
import { NEVER_MS, type ObservationHistory } from '../core/observe/observationHistory.ts';
import {
  ALL_OBSERVED_FIELDS,
  isCountField,
  type SLOW_MODEL_FIELDS,
} from '../core/observe/observedFields.ts';
import type { TargetRef } from '../core/plan.ts';
import type { TargetObservation } from '../core/ports.ts';
import { emptyIntervalMetrics, type IntervalMetrics } from '../sim/intervalMetrics.ts';
import { stitchHistory } from './stitchHistory.ts';

const MINUTE_MS = 60_000;
/** The slow inputs of the minutes not read yet stand in from this many minutes before. */
const ESTIMATE_FROM_MINUTES = 60;

/** The ranges of the view. */
export interface ViewRanges {
  readonly recentStartMs: number;
  readonly completeEndMs: number;
  readonly yesterday: { readonly startMs: number; readonly endMs: number };
}

/**
 * The planner's observation of one target. The slow model inputs (init duration, CPU time and
 * handler time, read hourly) of the minutes after the last slow read are the values of the hour
 * before it — init p50 weighted by cold starts, the others by invocations — where those minutes
 * had cold starts or invocations; the next slow read replaces them with what CloudWatch says.
 * Only minutes at the current memory size (from `memorySinceMs`) stand in: init and CPU time
 * move with memory, and the latency fit keeps sizes apart for the same reason
 * (tuner/core/model/latencyObservations.ts).
 *
 * @example
 * ```ts
 * const observation = historyView(ref, history, reads, notes);
 * observation.metrics.length; // 60 + filler + 180 rows, like the full observation
 * ```
 */
export function historyView(
  target: TargetRef,
  history: ObservationHistory,
  ranges: ViewRanges,
  notes: readonly string[],
  memorySinceMs?: number,
): TargetObservation {
  const estimate = slowEstimate(history, memorySinceMs);
  const metrics: IntervalMetrics[] = [];
  const withinSloPercent: (number | null)[] = [];
  let estimated = 0;
  for (let t = ranges.recentStartMs; t < ranges.completeEndMs; t += MINUTE_MS) {
    const row = rowAt(history.recent, t);
    if (t >= history.slowEndMs && estimate !== null) {
      const filled = withEstimate(row, estimate);
      if (filled !== row) estimated++;
      metrics.push(filled);
    } else metrics.push(row);
    withinSloPercent.push(valueAt(history.recent, 'withinSloPercent', t) ?? null);
  }
  const recent: TargetObservation = {
    target,
    metrics,
    latencySource: history.latencySource,
    withinSloPercent,
    notes:
      estimated === 0
        ? notes
        : [
            ...notes,
            `init duration and CPU time of the last ${estimated} minute(s) with traffic stand in from the hour before ${new Date(history.slowEndMs).toISOString()} (read at most hourly)`,
          ],
  };
  const yesterday: IntervalMetrics[] = [];
  for (let t = ranges.yesterday.startMs; t < ranges.yesterday.endMs; t += MINUTE_MS)
    yesterday.push({
      ...emptyIntervalMetrics(t),
      invocations: valueAt(history.demand, 'invocations', t) ?? 0,
      throttles: valueAt(history.demand, 'throttles', t) ?? 0,
    });
  return stitchHistory(
    { target, metrics: yesterday, latencySource: history.latencySource, notes: [] },
    recent,
  );
}

function rowAt(columns: MinuteColumns, startMs: number): IntervalMetrics {
  const row: Record<string, number | null> = { startMs, periodSec: 60 };
  for (const field of ALL_OBSERVED_FIELDS) {
    if (field === 'withinSloPercent') continue;
    const value = valueAt(columns, field, startMs) ?? null;
    row[field] = value === null && isCountField(field) ? 0 : value;
  }
  return row as unknown as IntervalMetrics;
}

interface SlowEstimate {
  readonly initP50Ms: number | null;
  readonly cpuTimeAvgMs: number | null;
  readonly invokeLatencyAvgMs: number | null;
}

/**
 * The slow inputs of the hour before the last slow read, at the current memory size; null when
 * nothing was read yet.
 */
function slowEstimate(history: ObservationHistory, memorySinceMs = NEVER_MS): SlowEstimate | null {
  if (history.slowEndMs === NEVER_MS) return null;
  const init: Array<[number, number]> = [];
  let cpu = 0;
  let wall = 0;
  let weight = 0;
  for (
    let t = Math.max(history.slowEndMs - ESTIMATE_FROM_MINUTES * MINUTE_MS, memorySinceMs);
    t < history.slowEndMs;
    t += MINUTE_MS
  ) {
    const row = rowAt(history.recent, t);
    if (row.initP50Ms !== null && row.coldStarts > 0) init.push([row.initP50Ms, row.coldStarts]);
    if (row.cpuTimeAvgMs !== null && row.invokeLatencyAvgMs !== null && row.invocations > 0) {
      cpu += row.cpuTimeAvgMs * row.invocations;
      wall += row.invokeLatencyAvgMs * row.invocations;
      weight += row.invocations;
    }
  }
  return {
    initP50Ms: init.length === 0 ? null : weightedQuantile(init, 0.5),
    cpuTimeAvgMs: weight === 0 ? null : cpu / weight,
    invokeLatencyAvgMs: weight === 0 ? null : wall / weight,
  };
}

/** The row with its missing slow inputs filled in where it had the traffic they describe. */
function withEstimate(row: IntervalMetrics, estimate: SlowEstimate): IntervalMetrics {
  const fill: Partial<Record<(typeof SLOW_MODEL_FIELDS)[number], number>> = {};
  if (row.initP50Ms === null && row.coldStarts > 0 && estimate.initP50Ms !== null)
    fill.initP50Ms = estimate.initP50Ms;
  if (row.invocations > 0) {
    if (row.cpuTimeAvgMs === null && estimate.cpuTimeAvgMs !== null)
      fill.cpuTimeAvgMs = estimate.cpuTimeAvgMs;
    if (row.invokeLatencyAvgMs === null && estimate.invokeLatencyAvgMs !== null)
      fill.invokeLatencyAvgMs = estimate.invokeLatencyAvgMs;
  }
  return Object.keys(fill).length === 0 ? row : { ...row, ...fill };
}
