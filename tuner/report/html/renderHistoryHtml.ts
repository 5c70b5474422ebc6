import { formatTime, plural } from '../format/humanNumbers.ts';
import type { HistoryReport } from '../schema/historyReportSchema.ts';
import { targetHistorySection } from './historySection.ts';
import { htmlPage } from './htmlPage.ts';

/**
 * The history report as one self-contained HTML page: a section per target, the report's JSON
 * embedded.
 *
 * @example
 * ```ts
 * await writeFile('index.html', renderHistoryHtml(buildHistory(reports, { nowMs: Date.now() })));
 * ```
 */
export function renderHistoryHtml(history: HistoryReport): string {
  const period =
    history.fromMs === null || history.toMs === null
      ? 'no minutes observed'
      : `${formatTime(history.fromMs)} – ${formatTime(history.toMs)}`;
  const body =
    history.targets.length === 0
      ? '<p class="note">The cycle reports name no target.</p>'
      : history.targets.map((t, i) => targetHistorySection(t, i, history)).join('\n');
  return htmlPage({
    title: 'lambda-thermostat: tuning report',
    subtitle: `${period} · ${plural(history.cycles, 'cycle')} · ${plural(history.targets.length, 'target')} · made ${formatTime(Date.parse(history.generatedAt))}`,
    body,
    data: history,
  });
}
