import { describeSlo } from '../../core/slo/serviceLevelObjective.ts';
import { formatCount, formatMs, formatPercent, formatUsd } from '../format/humanNumbers.ts';
import { Palette } from '../format/palette.ts';
import { backtestHeadline } from '../headline.ts';
import type { BacktestJson } from '../schema/backtestReportSchema.ts';
import { escapeHtml } from './escapeHtml.ts';
import { headlineHtml } from './headlineHtml.ts';
import { htmlTable } from './htmlTable.ts';
import { svgChart } from './svgChart.ts';

/** What a backtest section shows besides the JSON: a heading and a line on why. */
export interface BacktestSectionText {
  readonly heading: string;
  readonly why?: string;
}

/**
 * One backtest: the thermostat's headline, cost against attainment with a point per policy (the
 * oracle marked as the floor), and the per-policy table.
 *
 * @example
 * ```ts
 * backtestSection(backtestJson(result), { heading: 'busy: e80f0c2ac8' }, 0);
 * ```
 */
export function backtestSection(b: BacktestJson, text: BacktestSectionText, index: number): string {
  const id = `backtest-${index}`;
  const headline = backtestHeadline(b);
  const scored = b.policies.filter((p) => p.attainment !== null);
  const oracle = b.policies.find((p) => p.policy === 'oracle');
  const perDay = (usd: number) => (b.traceMinutes > 0 ? (usd * 1440) / b.traceMinutes : usd);
  const low = Math.min(...scored.map((p) => p.attainment ?? 1));
  const chart = svgChart({
    id: `${id}-policies`,
    title: 'Cost against attainment, per policy',
    description:
      scored
        .map(
          (p) =>
            `${p.policy}: ${formatPercent(p.attainment)} of windows, ${formatUsd(perDay(p.costUsd))}/day`,
        )
        .join('; ') + (oracle ? '. The oracle is the floor on cost.' : '.'),
    x: {
      kind: 'linear',
      label: 'windows meeting the SLO',
      format: (v) => formatPercent(v, 0),
      domain: [Math.max(0, Math.floor((low - 0.02) * 20) / 20), 1],
    },
    y: { kind: 'linear', label: 'cost (USD per day)', format: formatUsd },
    width: 640,
    height: 300,
    series: [
      ...(oracle
        ? [
            {
              kind: 'rule' as const,
              name: `floor: the oracle, ${formatUsd(perDay(oracle.costUsd))}/day`,
              colour: Palette.GREEN,
              y: perDay(oracle.costUsd),
            },
          ]
        : []),
      {
        kind: 'markers',
        name: 'policy',
        colour: Palette.BLUE,
        shape: 'circle',
        showLabels: true,
        points: scored
          .filter((p) => p.policy !== 'thermostat')
          .map((p) => ({ x: p.attainment ?? 0, y: perDay(p.costUsd), label: p.policy })),
      },
      {
        kind: 'markers',
        name: 'thermostat',
        colour: Palette.ORANGE,
        shape: 'diamond',
        size: 7,
        showLabels: true,
        points: scored
          .filter((p) => p.policy === 'thermostat')
          .map((p) => ({ x: p.attainment ?? 0, y: perDay(p.costUsd), label: p.policy })),
      },
    ],
  });
  const requestBased = b.slo?.kind === 'request';
  const table = htmlTable({
    id: `${id}-table`,
    caption: `Policies on ${b.function}`,
    columns: [
      { label: 'policy' },
      ...(requestBased
        ? [
            { label: 'good requests', numeric: true },
            { label: 'error budget left', numeric: true },
          ]
        : []),
      { label: 'windows ok', numeric: true },
      { label: 'attainment', numeric: true },
      { label: 'p99', numeric: true },
      { label: 'cold starts', numeric: true },
      { label: 'throttles', numeric: true },
      { label: 'cost per day', numeric: true },
      { label: 'per million requests', numeric: true },
      { label: 'vs oracle', numeric: true },
    ],
    rows: b.policies.map((p) => [
      p.policy,
      ...(requestBased ? [goodShare(p), budgetLeft(p)] : []),
      `${formatCount(p.windowsMeetingSlo)}/${formatCount(p.windowsWithTraffic)}`,
      formatPercent(p.attainment),
      p.p99Ms === null ? '∞' : formatMs(p.p99Ms),
      formatCount(p.coldStarts),
      formatCount(p.throttles),
      formatUsd(perDay(p.costUsd)),
      p.costPerMillionUsd === null ? '—' : formatUsd(p.costPerMillionUsd),
      p.costVsOracle === null ? '—' : `${p.costVsOracle.toFixed(2)}×`,
    ]),
    rowClasses: b.policies.map((p) => (p.policy === 'thermostat' ? 'chosen' : undefined)),
  });
  return `<section class="backtest" id="${id}" data-backtest="${escapeHtml(b.function)}">
<h2>${escapeHtml(text.heading)}</h2>
${headline === null ? '<p class="note">The thermostat was not among the policies.</p>' : headlineHtml(headline)}
<ul class="facts"><li>${formatCount(b.invocations)} requests over ${(b.traceMinutes / 60).toFixed(1)} hours</li><li>SLO: ${escapeHtml((b.slo === undefined ? undefined : describeSlo(b.slo)) ?? `p99 ≤ ${formatMs(b.sloP99Ms)} per ${b.windowMinutes}-minute window`)}</li>${text.why ? `<li>${escapeHtml(text.why)}</li>` : ''}</ul>
<div class="charts">${chart}</div>
${table}
</section>`;
}

type BacktestPolicy = BacktestJson['policies'][number];

function goodShare(p: BacktestPolicy): string {
  return p.goodRequestShare === null || p.goodRequestShare === undefined
    ? '—'
    : `${(p.goodRequestShare * 100).toFixed(3)}%`;
}

function budgetLeft(p: BacktestPolicy): string {
  const percent = p.errorBudget?.remainingPercent;
  return percent === null || percent === undefined ? '—' : `${percent.toFixed(0)}%`;
}
