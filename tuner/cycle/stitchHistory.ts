/**
 * Joins the same-hour-yesterday slice and the recent window into one per-minute history, the gap
 * between them filled with empty rows. The planner indexes its history by minute from the first
 * row (the seasonal forecast looks up "now − 24 h" that way), so the rows must be contiguous;
 * the filler rows carry no weight (the forecast reads only the slice, every other step only the
 * recent window).
 */
import type { TargetObservation } from '../core/ports.ts';
import { emptyIntervalMetrics, type IntervalMetrics } from '../sim/intervalMetrics.ts';

/**
 * One contiguous history: `yesterday`'s rows, empty rows up to `recent`'s first, then `recent`'s.
 * Notes and the latency source are the recent window's (yesterday's only feed the forecast).
 *
 * @example
 * ```ts
 * const history = stitchHistory(yesterdayObservation, recentObservation);
 * history.metrics.length; // 1,470 for a 60-minute slice and a 180-minute window 24 h apart
 * ```
 */
export function stitchHistory(
  yesterday: TargetObservation,
  recent: TargetObservation,
): TargetObservation {
  const first = recent.metrics[0];
  const earlier = yesterday.metrics.filter((m) => first === undefined || m.startMs < first.startMs);
  const last = earlier.at(-1);
  if (first === undefined || last === undefined) return recent;
  const periodMs = first.periodSec * 1000;
  const filler: IntervalMetrics[] = [];
  for (let t = last.startMs + periodMs; t < first.startMs; t += periodMs)
    filler.push(emptyIntervalMetrics(t, first.periodSec));
  const within = (o: TargetObservation, rows: number) =>
    o.withinSloPercent ?? new Array<number | null>(rows).fill(null);
  return {
    ...recent,
    metrics: [...earlier, ...filler, ...recent.metrics],
    ...(recent.withinSloPercent === undefined
      ? {}
      : {
          withinSloPercent: [
            ...within(yesterday, yesterday.metrics.length).slice(0, earlier.length),
            ...new Array<number | null>(filler.length).fill(null),
            ...recent.withinSloPercent,
          ],
        }),
  };
}
