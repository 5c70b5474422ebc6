/**
 * The charts of one target's history, as chart specs: p99 against the SLO, concurrency, memory,
 * cost per hour by part, the action timeline and the last decision's alternatives.
 */
import {
  formatCount,
  formatMemory,
  formatMs,
  formatPercent,
  formatTime,
  formatUsd,
} from '../format/humanNumbers.ts';
import { COST_PART_STYLES, Palette } from '../format/palette.ts';
import { costTotal, sumCostParts } from '../history/minuteCost.ts';
import type { TargetHistory } from '../schema/historyReportSchema.ts';
import type { ChartSpec } from './svgChart.ts';

const KNOB_LANES = {
  setMemory: 1,
  setProvisionedConcurrency: 2,
  setReservedConcurrency: 3,
} as const;
const LANE_NAMES: Record<number, string> = { 1: 'memory', 2: 'PC', 3: 'reserved' };

/**
 * The p99 chart: end-to-end p99 per minute, the SLO, missed windows shaded, cold starts as ticks.
 *
 * @example
 * ```ts
 * svgChart(p99Chart(target, 't0'));
 * ```
 */
export function p99Chart(t: TargetHistory, id: string): ChartSpec {
  const coldMinutes = t.minutes.filter((m) => m.coldStarts > 0);
  const worst = Math.max(0, ...t.minutes.map((m) => m.e2eP99Ms ?? 0));
  const windowMs = t.windows.minutes * 60_000;
  return {
    id: `${id}-p99`,
    title: 'End-to-end p99 against the SLO',
    description:
      `p99 per minute, worst ${formatMs(worst)}, against the SLO of ${formatMs(t.sloP99Ms)}; ` +
      `${t.windows.scored - t.windows.met} of ${formatCount(t.windows.scored)} windows missed; ` +
      `${formatCount(coldMinutes.reduce((n, m) => n + m.coldStarts, 0))} cold starts in ${formatCount(coldMinutes.length)} minutes.`,
    x: { kind: 'time', label: 'time (UTC)' },
    y: { kind: 'linear', label: 'p99 (ms)', format: (v) => formatCount(v) },
    series: [
      {
        kind: 'bands',
        name: 'missed window',
        colour: Palette.VERMILLION,
        spans: t.windows.missedStartMs.map((start) => ({
          from: start,
          to: start + windowMs,
          label: `${formatTime(start)}: window missed the SLO`,
        })),
      },
      {
        kind: 'line',
        name: 'p99 per minute',
        colour: Palette.BLUE,
        points: t.minutes.map((m) => [m.startMs, m.e2eP99Ms] as const),
      },
      { kind: 'rule', name: `SLO ${formatMs(t.sloP99Ms)}`, colour: Palette.BLACK, y: t.sloP99Ms },
      {
        kind: 'markers',
        name: 'cold starts',
        colour: Palette.PURPLE,
        shape: 'tick',
        size: 6,
        points: coldMinutes.map((m) => ({
          x: m.startMs,
          y: null,
          label: `${formatTime(m.startMs)}: ${formatCount(m.coldStarts)} cold start${m.coldStarts === 1 ? '' : 's'}`,
        })),
      },
    ],
  };
}

/**
 * Concurrency, provisioned concurrency requested and ready, and minutes with spill-over.
 *
 * @example
 * ```ts
 * svgChart(concurrencyChart(target, 't0'));
 * ```
 */
export function concurrencyChart(t: TargetHistory, id: string): ChartSpec {
  const spilled = t.minutes.filter((m) => m.spillover > 0);
  const peak = Math.max(0, ...t.minutes.map((m) => m.concurrencyMax ?? 0));
  return {
    id: `${id}-concurrency`,
    title: 'Concurrency, provisioned concurrency and spill-over',
    description:
      `Peak concurrency ${formatCount(peak)}; provisioned concurrency requested up to ` +
      `${formatCount(Math.max(0, ...t.minutes.map((m) => m.pcRequested ?? 0)))}; ` +
      `spill-over in ${formatCount(spilled.length)} minutes ` +
      `(${formatCount(spilled.reduce((n, m) => n + m.spillover, 0))} invocations).`,
    x: { kind: 'time', label: 'time (UTC)' },
    y: { kind: 'linear', label: 'environments', format: (v) => formatCount(v) },
    series: [
      {
        kind: 'line',
        name: 'concurrency (max per minute)',
        colour: Palette.BLUE,
        points: t.minutes.map((m) => [m.startMs, m.concurrencyMax] as const),
      },
      {
        kind: 'line',
        name: 'PC requested',
        colour: Palette.ORANGE,
        dash: '6 3',
        points: t.minutes.map((m) => [m.startMs, m.pcRequested] as const),
      },
      {
        kind: 'line',
        name: 'PC ready',
        colour: Palette.GREEN,
        dash: '2 2',
        points: t.minutes.map((m) => [m.startMs, m.pcReady] as const),
      },
      {
        kind: 'markers',
        name: 'spill-over (ran on demand with PC set)',
        colour: Palette.VERMILLION,
        shape: 'triangle',
        points: spilled.map((m) => ({
          x: m.startMs,
          y: m.concurrencyMax,
          label: `${formatTime(m.startMs)}: ${formatCount(m.spillover)} invocations spilled over`,
        })),
      },
    ],
  };
}

/**
 * Memory over time.
 *
 * @example
 * ```ts
 * svgChart(memoryChart(target, 't0'));
 * ```
 */
export function memoryChart(t: TargetHistory, id: string): ChartSpec {
  const sizes = [...new Set(t.minutes.flatMap((m) => (m.memoryMb === null ? [] : [m.memoryMb])))];
  return {
    id: `${id}-memory`,
    title: 'Memory',
    description: `Memory size over time: ${sizes.map(formatMemory).join(', ') || 'unknown'}.`,
    x: { kind: 'time', label: 'time (UTC)' },
    y: { kind: 'linear', label: 'memory (MB)', format: (v) => formatCount(v) },
    height: 160,
    series: [
      {
        kind: 'line',
        name: 'memory',
        colour: Palette.BLUE,
        points: t.minutes.map((m) => [m.startMs, m.memoryMb] as const),
      },
    ],
  };
}

/**
 * Cost per hour, stacked by part of the bill, per SLO window (the rate of each window).
 *
 * @example
 * ```ts
 * svgChart(costChart(target, 't0'));
 * ```
 */
export function costChart(t: TargetHistory, id: string): ChartSpec {
  const windowMs = t.windows.minutes * 60_000;
  const groups = new Map<number, TargetHistory['minutes'][number][]>();
  for (const m of t.minutes) {
    const start = Math.floor(m.startMs / windowMs) * windowMs;
    groups.set(start, [...(groups.get(start) ?? []), m]);
  }
  const starts = [...groups.keys()].sort((a, b) => a - b);
  const perHour = starts.map((start) => {
    const minutes = groups.get(start) ?? [];
    const parts = sumCostParts(minutes.map((m) => m.cost));
    const scale = 60 / Math.max(1, minutes.length);
    return { parts, scale };
  });
  const total = costTotal(t.cost.parts);
  return {
    id: `${id}-cost`,
    title: 'Cost per hour by part',
    description:
      `Estimated cost per hour, per ${t.windows.minutes}-minute window, stacked by part; ` +
      `${formatUsd(total)} over the period: ` +
      COST_PART_STYLES.map((s) => `${s.label} ${formatUsd(t.cost.parts[s.part])}`).join(', ') +
      '.',
    x: { kind: 'time', label: 'time (UTC)' },
    y: { kind: 'linear', label: 'USD per hour', format: formatUsd },
    series: [
      {
        kind: 'stack',
        x: starts,
        layers: COST_PART_STYLES.map((s) => ({
          name: s.label,
          colour: s.colour,
          values: perHour.map((w) => w.parts[s.part] * w.scale),
        })),
      },
    ],
  };
}

/**
 * Every action on a timeline, one lane per knob; hover shows the reason and what came of it.
 *
 * @example
 * ```ts
 * svgChart(actionTimelineChart(target, 't0', [fromMs, toMs]));
 * ```
 */
export function actionTimelineChart(
  t: TargetHistory,
  id: string,
  domain: readonly [number, number],
): ChartSpec {
  const actions = t.decisions.flatMap((d) => d.actions.map((a) => ({ at: d.atMs, ...a })));
  const shapeOf = {
    applied: 'circle',
    skipped: 'square',
    failed: 'triangle',
    unchanged: 'square',
  } as const;
  const colourOf = {
    applied: Palette.GREEN,
    skipped: Palette.GREY,
    failed: Palette.VERMILLION,
    unchanged: Palette.GREY,
  } as const;
  const statuses = ['applied', 'skipped', 'failed'] as const;
  return {
    id: `${id}-actions`,
    title: 'Action timeline',
    description:
      actions.length === 0
        ? 'No action in the period.'
        : `${formatCount(actions.length)} actions: ` +
          statuses.map((s) => `${actions.filter((a) => a.status === s).length} ${s}`).join(', ') +
          '; each is listed with its reason in the table below.',
    x: { kind: 'time', label: 'time (UTC)', domain },
    y: {
      kind: 'linear',
      label: 'knob',
      domain: [0.5, 3.5],
      format: (v) => LANE_NAMES[v] ?? '',
    },
    height: 150,
    series: statuses.map((status) => ({
      kind: 'markers' as const,
      name: status,
      colour: colourOf[status],
      shape: shapeOf[status],
      points: actions
        .filter((a) => a.status === status || (status === 'skipped' && a.status === 'unchanged'))
        .map((a) => ({
          x: a.at,
          y: KNOB_LANES[a.kind],
          label: `${formatTime(a.at)}: ${LANE_NAMES[KNOB_LANES[a.kind]]} ${a.from ?? 'none'} → ${a.to ?? 'none'} (${a.status}): ${a.reason}`,
        })),
    })),
  };
}

/**
 * The last decision's alternatives: predicted p99 against cost per hour, the chosen one marked.
 *
 * @example
 * ```ts
 * const spec = paretoChart(target, 't0'); // null without a planned decision
 * ```
 */
export function paretoChart(t: TargetHistory, id: string): ChartSpec | null {
  const last = t.lastDecision;
  if (last === null || (last.alternatives.length === 0 && last.chosen === null)) return null;
  const label = (c: NonNullable<typeof last.chosen>) =>
    `${formatMemory(c.config.memoryMb)}, PC ${c.config.provisionedConcurrency}: p99 ${formatMs(c.predictedP99Ms)}, ${formatUsd(c.costPerHourUsd)}/h, miss ${formatPercent(c.missProbability)}`;
  const alternatives = last.alternatives.filter((a) => a.predictedP99Ms !== null);
  return {
    id: `${id}-pareto`,
    title: `Alternatives at the last decision (${formatTime(last.atMs)})`,
    description:
      `${alternatives.length} alternatives, predicted p99 against cost per hour` +
      (last.chosen ? `; chosen: ${label(last.chosen)}.` : '; none chosen.'),
    x: { kind: 'linear', label: 'predicted cost (USD per hour)', format: formatUsd },
    y: { kind: 'linear', label: 'predicted p99 (ms)', format: (v) => formatCount(v) },
    width: 520,
    series: [
      { kind: 'rule', name: `SLO ${formatMs(t.sloP99Ms)}`, colour: Palette.BLACK, y: t.sloP99Ms },
      {
        kind: 'markers',
        name: 'alternative',
        colour: Palette.BLUE,
        shape: 'circle',
        points: alternatives.map((a) => ({
          x: a.costPerHourUsd,
          y: a.predictedP99Ms,
          label: label(a),
        })),
      },
      {
        kind: 'markers',
        name: 'chosen',
        colour: Palette.ORANGE,
        shape: 'diamond',
        size: 7,
        showLabels: true,
        points:
          last.chosen === null || last.chosen.predictedP99Ms === null
            ? []
            : [{ x: last.chosen.costPerHourUsd, y: last.chosen.predictedP99Ms, label: 'chosen' }],
      },
    ],
  };
}
