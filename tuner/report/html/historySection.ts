import { describeErrorBudget } from '../../core/slo/errorBudgetText.ts';
import { describeSlo } from '../../core/slo/serviceLevelObjective.ts';
import {
  formatCount,
  formatMemory,
  formatMs,
  formatPercent,
  formatTime,
  formatUsd,
} from '../format/humanNumbers.ts';
import { historyHeadline } from '../headline.ts';
import { NO_SAVINGS_NOTE, SAVINGS_BASIS, savingsPhrases } from '../savingsText.ts';
import type { HistoryReport, TargetHistory } from '../schema/historyReportSchema.ts';
import { escapeHtml } from './escapeHtml.ts';
import { headlineHtml } from './headlineHtml.ts';
import {
  actionTimelineChart,
  concurrencyChart,
  costChart,
  memoryChart,
  p99Chart,
  paretoChart,
} from './historyCharts.ts';
import { htmlTable } from './htmlTable.ts';
import { svgChart } from './svgChart.ts';

/** What a section shows besides the history: another heading, and where its cycles came from. */
export interface HistorySectionText {
  readonly heading?: string;
  readonly source?: string;
}

/**
 * One target's section of a history report: the headline, the facts, every chart, the error
 * budget, and the tables (decisions with their actions and reasons, the last alternatives).
 *
 * @example
 * ```ts
 * const html = history.targets.map((t, i) => targetHistorySection(t, i, history)).join('');
 * ```
 */
export function targetHistorySection(
  t: TargetHistory,
  index: number,
  history: Pick<HistoryReport, 'fromMs' | 'toMs'>,
  text: HistorySectionText = {},
): string {
  const id = `target-${index}`;
  const domain: readonly [number, number] = [
    history.fromMs ?? t.decisions[0]?.atMs ?? 0,
    history.toMs ?? t.decisions.at(-1)?.atMs ?? 1,
  ];
  const charts =
    t.minutes.length === 0
      ? '<p class="note">No minute of metrics in the period: nothing to draw.</p>'
      : [p99Chart(t, id), concurrencyChart(t, id), memoryChart(t, id), costChart(t, id)]
          .map(svgChart)
          .join('');
  const pareto = paretoChart(t, id);
  return `<section class="target" id="${id}" data-target="${escapeHtml(t.key)}">
<h2>${escapeHtml(text.heading ?? t.label)}</h2>
${text.source === undefined ? '' : `<p class="note">${escapeHtml(`${t.label}, ${text.source}`)}</p>`}
${headlineHtml(historyHeadline(t))}
<ul class="facts">
<li>SLO: ${escapeHtml(t.slo === undefined ? `p99 ≤ ${formatMs(t.sloP99Ms)} per ${t.windows.minutes}-minute window` : describeSlo(t.slo))}</li>
${t.sloBudget == null ? '' : `<li data-slo-budget>${escapeHtml(describeErrorBudget(t.sloBudget))}</li>`}
<li>latency from ${t.latencySource === 'aws-lambda-duration' ? 'AWS/Lambda Duration (the SDK’s metrics are absent: cold starts unknown)' : 'the SDK’s EndToEndLatency'}</li>
<li>${formatCount(t.minutes.reduce((n, m) => n + m.requests, 0))} requests over ${escapeHtml(hours(t.cost.hours))}</li>
<li>${formatCount(t.decisions.length)} decisions</li>
</ul>
${savingsHtml(t)}
<div class="charts">${charts}${svgChart(actionTimelineChart(t, id, domain))}${pareto ? svgChart(pareto) : ''}</div>
${errorBudgetHtml(t)}
${decisionsTable(t, id)}
${alternativesTable(t, id)}
</section>`;
}

/** The tool's bill beside the Lambda bill, and the savings. */
function savingsHtml(t: TargetHistory): string {
  const phrases = savingsPhrases(t);
  if (phrases === null) return `<p class="note">${escapeHtml(NO_SAVINGS_NOTE)}</p>`;
  return `<ul class="facts money" data-savings>${phrases.map((p) => `<li>${escapeHtml(p)}</li>`).join('')}</ul>
<p class="note">${escapeHtml(SAVINGS_BASIS)} Over ${escapeHtml(hours(t.savings?.hours ?? 0))} of cycles.</p>`;
}

function errorBudgetHtml(t: TargetHistory): string {
  const b = t.errorBudget;
  if (b.spent === null)
    return '<h3>Error budget</h3><p class="note">No window with traffic yet.</p>';
  const width = Math.min(100, b.spent * 100);
  return `<h3>Error budget</h3>
<div class="budget"><p>${escapeHtml(formatPercent(b.spent, 0))} spent: ${formatCount(b.misses)} missed window${b.misses === 1 ? '' : 's'} of the ${escapeHtml(b.allowedMisses.toFixed(1))} that ${escapeHtml(formatPercent(b.objective, 0))} of ${formatCount(t.windows.scored)} windows allows.</p>
<div class="budget-bar" role="img" aria-label="${escapeHtml(formatPercent(b.spent, 0))} of the error budget spent"><span style="width:${width.toFixed(1)}%"></span></div></div>`;
}

function decisionsTable(t: TargetHistory, id: string): string {
  const rows = t.decisions.flatMap((d) => {
    const config = d.current === null ? '—' : configText(d.current);
    const planned = d.planned === null ? '—' : configText(d.planned);
    const head = [
      formatTime(d.atMs),
      d.status,
      config,
      planned,
      formatMs(d.predictedP99Ms),
      d.predictedCostPerHourUsd === null ? '—' : `${formatUsd(d.predictedCostPerHourUsd)}/h`,
    ];
    if (d.actions.length === 0) return [[...head, 'no change', d.summary]];
    return d.actions.map((a) => [
      ...head,
      `${a.kind.replace(/^set/, '')} ${a.from ?? 'none'} → ${a.to ?? 'none'}: ${a.status}`,
      `${a.reason}. ${a.detail}`,
    ]);
  });
  const changed = rows.filter((r) => r[6] !== 'no change');
  const table = (caption: string, body: typeof rows, tableId: string) =>
    htmlTable({
      id: tableId,
      caption,
      columns: [
        { label: 'time' },
        { label: 'status' },
        { label: 'configuration' },
        { label: 'planned' },
        { label: 'predicted p99', numeric: true },
        { label: 'predicted cost', numeric: true },
        { label: 'action' },
        { label: 'reason' },
      ],
      rows: body,
    });
  return `<h3>Actions</h3>${
    changed.length === 0
      ? '<p class="note">No action in the period.</p>'
      : table('Every action, with its reason and what came of it', changed, `${id}-actions-table`)
  }<details><summary>Every decision (${formatCount(t.decisions.length)})</summary>${table('Every decision', rows, `${id}-decisions-table`)}</details>`;
}

function alternativesTable(t: TargetHistory, id: string): string {
  const last = t.lastDecision;
  if (last === null) return '';
  const all = [...(last.chosen ? [last.chosen] : []), ...last.alternatives];
  return htmlTable({
    id: `${id}-alternatives-table`,
    caption: `Alternatives at ${formatTime(last.atMs)}`,
    columns: [
      { label: 'configuration' },
      { label: 'predicted p99', numeric: true },
      { label: 'cost per hour', numeric: true },
      { label: 'window miss probability', numeric: true },
      { label: '' },
    ],
    rows: all.map((c, i) => [
      configText(c.config),
      formatMs(c.predictedP99Ms),
      formatUsd(c.costPerHourUsd),
      formatPercent(c.missProbability),
      i === 0 && last.chosen ? 'chosen' : '',
    ]),
    rowClasses: all.map((_, i) => (i === 0 && last.chosen ? 'chosen' : undefined)),
  });
}

function configText(c: {
  memoryMb: number;
  provisionedConcurrency: number;
  reservedConcurrency: number | null;
}): string {
  const reserved = c.reservedConcurrency === null ? '' : `, reserved ${c.reservedConcurrency}`;
  return `${formatMemory(c.memoryMb)}, PC ${c.provisionedConcurrency}${reserved}`;
}

function hours(h: number): string {
  return h >= 48 ? `${(h / 24).toFixed(1)} days` : `${h.toFixed(1)} hours`;
}
