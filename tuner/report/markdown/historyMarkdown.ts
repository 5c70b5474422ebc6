import { describeErrorBudget } from '../../core/slo/errorBudgetText.ts';
import { describeSlo } from '../../core/slo/serviceLevelObjective.ts';
import {
  formatMemory,
  formatMs,
  formatPercent,
  formatTime,
  formatUsd,
  plural,
} from '../format/humanNumbers.ts';
import { COST_PART_STYLES } from '../format/palette.ts';
import { historyHeadline } from '../headline.ts';
import { NO_SAVINGS_NOTE, SAVINGS_BASIS, savingsPhrases } from '../savingsText.ts';
import type { HistoryReport } from '../schema/historyReportSchema.ts';

/**
 * The history as Markdown: per target the headline, the cost by part and every action with its
 * reason (the charts are in `index.html`).
 *
 * @example
 * ```ts
 * await writeFile('report.md', historyMarkdown(history));
 * ```
 */
export function historyMarkdown(history: HistoryReport): string {
  const period =
    history.fromMs === null || history.toMs === null
      ? 'no minutes observed'
      : `${formatTime(history.fromMs)} – ${formatTime(history.toMs)}`;
  const lines = [
    '# lambda-thermostat: tuning report',
    '',
    `${period} · ${plural(history.cycles, 'cycle')} · ${plural(history.targets.length, 'target')}`,
    '',
  ];
  for (const t of history.targets) {
    lines.push(
      `## ${t.label}`,
      '',
      `**${historyHeadline(t)
        .map((p) => p.text)
        .join(' · ')}**`,
      '',
    );
    lines.push(
      `- SLO: p99 ≤ ${formatMs(t.sloP99Ms)} per ${t.windows.minutes}-minute window; error budget ${formatPercent(t.errorBudget.objective, 0)} of windows.`,
      ...(t.slo === undefined
        ? []
        : [
            `- ${describeSlo(t.slo)}${t.sloBudget == null ? '' : `: ${describeErrorBudget(t.sloBudget)}`}.`,
          ]),
      `- Cost by part: ${COST_PART_STYLES.map((s) => `${s.label} ${formatUsd(t.cost.parts[s.part])}`).join(', ')} (estimated from the metrics and the configuration).`,
    );
    const money = savingsPhrases(t);
    lines.push(
      money === null ? `- ${NO_SAVINGS_NOTE}` : `- Money: ${money.join(' · ')}. ${SAVINGS_BASIS}`,
    );
    if (t.windows.missedStartMs.length > 0)
      lines.push(`- Missed windows: ${t.windows.missedStartMs.map(formatTime).join(', ')}.`);
    lines.push('');
    const actions = t.decisions.flatMap((d) => d.actions.map((a) => ({ at: d.atMs, ...a })));
    if (actions.length === 0) lines.push('No action in the period.', '');
    else {
      lines.push('| time | action | status | reason |', '| --- | --- | --- | --- |');
      for (const a of actions) {
        const value = (v: number | null) =>
          v === null ? 'none' : a.kind === 'setMemory' ? formatMemory(v) : String(v);
        lines.push(
          `| ${formatTime(a.at)} | ${a.kind.replace(/^set/, '')} ${value(a.from)} → ${value(a.to)} | ${a.status} | ${a.reason.replaceAll('|', '\\|')} |`,
        );
      }
      lines.push('');
    }
  }
  return `${lines.join('\n')}\n`;
}
