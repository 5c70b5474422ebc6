import { asError } from '../core/errorSummary.ts';
import {
  type MetricsSource,
  type TargetObservation,
  type TargetQuery,
  targetKey,
} from '../core/ports.ts';
import { type HistoryWindows, historyWindows } from './historyWindows.ts';
import { stitchHistory } from './stitchHistory.ts';

/** Every target's history, and the windows it was read over. */
export interface ObservedHistory {
  readonly windows: HistoryWindows;
  /** By `targetKey`; a target whose recent metrics could not be read maps to its Error. */
  readonly observations: Map<string, TargetObservation | Error>;
}

/**
 * Observes every target at once over the recent window and the same hour yesterday (two
 * `observe` calls, in parallel) and stitches each target's two into one history. Yesterday is an
 * extra: when it cannot be read the target keeps its recent window, with a note.
 *
 * @throws whatever the metrics source throws for the recent window (nothing could be observed).
 * @example
 * ```ts
 * const { observations } = await observeHistory(new CloudWatchMetricsSource(), queries, Date.now());
 * ```
 */
export async function observeHistory(
  source: MetricsSource,
  queries: readonly TargetQuery[],
  nowMs: number,
): Promise<ObservedHistory> {
  const windows = historyWindows(nowMs);
  const [recent, yesterday] = await Promise.all([
    source.observe(queries, windows.recent),
    source.observe(queries, windows.yesterday).catch(asError),
  ]);
  const observations = new Map<string, TargetObservation | Error>();
  for (const query of queries) {
    const key = targetKey(query.ref);
    const now = recent.get(key) ?? new Error(`the metrics source returned nothing for ${key}`);
    const then = yesterday instanceof Error ? yesterday : yesterday.get(key);
    if (now instanceof Error || then === undefined) observations.set(key, now);
    else if (then instanceof Error)
      observations.set(key, {
        ...now,
        notes: [
          ...now.notes,
          `same hour yesterday unreadable (${then.name}: ${then.message}): the forecast uses recent traffic only`,
        ],
      });
    else observations.set(key, stitchHistory(then, now));
  }
  return { windows, observations };
}
