import type { ReportSink } from '../core/ports.ts';
import { renderHistoryHtml } from './html/renderHistoryHtml.ts';
import { historyMarkdown } from './markdown/historyMarkdown.ts';
import type { HistoryReport } from './schema/historyReportSchema.ts';

/** The files of a history report, by name. */
export const HISTORY_FILES = {
  html: 'index.html',
  markdown: 'report.md',
  json: 'report.json',
} as const;

/**
 * Writes a history as `index.html`, `report.md` and `report.json` through a sink; returns where
 * each went, in that order.
 *
 * @example
 * ```ts
 * const [html] = await writeHistoryFiles(history, new FileReportSink('reports/history'));
 * ```
 */
export async function writeHistoryFiles(
  history: HistoryReport,
  sink: ReportSink,
): Promise<string[]> {
  return [
    await sink.write(HISTORY_FILES.html, renderHistoryHtml(history), 'text/html; charset=utf-8'),
    await sink.write(
      HISTORY_FILES.markdown,
      historyMarkdown(history),
      'text/markdown; charset=utf-8',
    ),
    await sink.write(HISTORY_FILES.json, `${JSON.stringify(history)}\n`, 'application/json'),
  ];
}
