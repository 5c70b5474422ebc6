import type { ReportSink } from '../core/ports.ts';
import { buildHistory } from './history/buildHistory.ts';
import { renderHistoryHtml } from './html/renderHistoryHtml.ts';
import { parseHistoryReport } from './read/parseReport.ts';
import type { ReportSource } from './read/reportSource.ts';
import type { CycleReportV1 } from './schema/cycleReportSchema.ts';
import type { HistoryReport } from './schema/historyReportSchema.ts';

/** The rolling history beside the reports, and its page. */
export const ROLLING_HISTORY_NAMES = { json: 'history.json', html: 'index.html' } as const;

/** How far back the rolling history reaches. */
export const ROLLING_HISTORY_MS = 24 * 3_600_000;

/** What publishing the rolling history did. */
export interface RollingHistoryOutcome {
  readonly written: readonly string[];
  /** Why the previous history was not used, or a write failed (one line each). */
  readonly notes: readonly string[];
}

/**
 * Extends the rolling history of the last 24 hours with this cycle's report and writes it as
 * `history.json` and `index.html` beside the reports, so one URL shows the last day. Per cycle
 * it reads one object (the previous `history.json`, at most a day of compacted minutes) and
 * writes two: its cost does not grow with the number of reports. A missing, unreadable or
 * unknown-version history starts anew from this cycle (said in `notes`); failures never throw.
 *
 * @example
 * ```ts
 * const { written, notes } = await publishRollingHistory(report, source, sink, Date.now());
 * ```
 */
export async function publishRollingHistory(
  report: CycleReportV1,
  source: ReportSource,
  sink: ReportSink,
  nowMs: number,
): Promise<RollingHistoryOutcome> {
  const notes: string[] = [];
  let previous: HistoryReport | undefined;
  const where = `${source.location}${ROLLING_HISTORY_NAMES.json}`;
  try {
    const text = await source.read(ROLLING_HISTORY_NAMES.json);
    if (text !== null) previous = parseHistoryReport(text, where);
  } catch (error) {
    const e = error as Error;
    notes.push(`history restarted from this cycle: ${e.name}: ${e.message}`);
  }
  const history = buildHistory([report], { nowMs, sinceMs: nowMs - ROLLING_HISTORY_MS }, previous);
  const written: string[] = [];
  const files = [
    [ROLLING_HISTORY_NAMES.json, `${JSON.stringify(history)}\n`, 'application/json'],
    [ROLLING_HISTORY_NAMES.html, renderHistoryHtml(history), 'text/html; charset=utf-8'],
  ] as const;
  for (const [name, body, type] of files) {
    try {
      written.push(await sink.write(name, body, type));
    } catch (error) {
      const e = error as Error;
      notes.push(`${name} not written (${e.name}: ${e.message})`);
    }
  }
  return { written, notes };
}
