/**
 * Charts as server-rendered SVG (see docs/decisions/0020-server-rendered-svg-charts.md): d3-scale
 * picks the axes' domains and ticks, d3-shape writes the paths, and the page needs no script to
 * show them. Every chart carries a title and a text alternative; every series is named in a
 * legend and differs by dash or marker shape as well as colour.
 */
import { scaleLinear, scaleUtc } from 'd3-scale';
import { area, line } from 'd3-shape';
import { escapeHtml } from './escapeHtml.ts';

/** A point of a line; `y` null leaves a gap. */
export type LinePoint = readonly [x: number, y: number | null];

/** Marker shapes: one per meaning, so charts read without colour. */
export type MarkerShape = 'circle' | 'square' | 'triangle' | 'diamond' | 'tick';

/** One thing drawn on a chart. */
export type ChartSeries =
  | {
      readonly kind: 'line';
      readonly name: string;
      readonly colour: string;
      readonly dash?: string;
      readonly points: readonly LinePoint[];
    }
  | {
      /** Layers stacked bottom up; every layer has one value per `x`. */
      readonly kind: 'stack';
      readonly x: readonly number[];
      readonly layers: readonly {
        readonly name: string;
        readonly colour: string;
        readonly values: readonly number[];
      }[];
    }
  | {
      readonly kind: 'markers';
      readonly name: string;
      readonly colour: string;
      readonly shape: MarkerShape;
      /** `y` null puts the marker on the x axis (a rug). */
      readonly points: readonly {
        readonly x: number;
        readonly y: number | null;
        readonly label: string;
      }[];
      /** Marker size, px; default 4. */
      readonly size?: number;
      /** Writes each label beside its marker, not only on hover. */
      readonly showLabels?: boolean;
    }
  | {
      /** Shaded spans of x (e.g. missed windows). */
      readonly kind: 'bands';
      readonly name: string;
      readonly colour: string;
      readonly spans: readonly {
        readonly from: number;
        readonly to: number;
        readonly label: string;
      }[];
    }
  | {
      /** A horizontal reference line (e.g. the SLO, the floor). */
      readonly kind: 'rule';
      readonly name: string;
      readonly colour: string;
      readonly y: number;
      readonly dash?: string;
    };

/** An axis: its label, kind and how ticks read. */
export interface ChartAxis {
  readonly label: string;
  /** `time`: epoch ms shown as UTC clock times. */
  readonly kind: 'time' | 'linear';
  readonly format?: (value: number) => string;
  /** Force the domain (else from the data, with 0 included for linear y axes). */
  readonly domain?: readonly [number, number];
}

/** A chart to draw. */
export interface ChartSpec {
  /** Stable id: the test hooks and the anchor use it. */
  readonly id: string;
  readonly title: string;
  /** The text alternative: what the chart shows, in words and numbers. */
  readonly description: string;
  readonly x: ChartAxis;
  readonly y: ChartAxis;
  readonly series: readonly ChartSeries[];
  readonly width?: number;
  readonly height?: number;
}

const MARGIN = { top: 12, right: 30, bottom: 40, left: 64 } as const;

/**
 * One chart as an SVG element inside a `<figure>` with its caption. Each drawn series is a
 * `<g data-series="…" data-points="N">` (N: the values it carries), so a test can count them.
 *
 * @example
 * ```ts
 * const html = svgChart({ id: 'p99', title: 'p99', description: 'p99 per minute', x, y, series });
 * ```
 */
export function svgChart(spec: ChartSpec): string {
  const width = spec.width ?? 720;
  const height = spec.height ?? 220;
  const innerW = width - MARGIN.left - MARGIN.right;
  const innerH = height - MARGIN.top - MARGIN.bottom;
  const xDomain = spec.x.domain ?? paddedDomain(xValues(spec.series), spec.x.kind === 'linear');
  const yDomain = spec.y.domain ?? paddedDomain(yValues(spec.series), true, true);
  const x =
    spec.x.kind === 'time'
      ? scaleUtc().domain(xDomain).range([0, innerW])
      : scaleLinear().domain(xDomain).range([0, innerW]).nice();
  const y = scaleLinear().domain(yDomain).range([innerH, 0]).nice();
  const xFormat = spec.x.format ?? (spec.x.kind === 'time' ? clockTime : String);
  const yFormat = spec.y.format ?? String;
  const titleId = `${spec.id}-title`;
  const descId = `${spec.id}-desc`;

  const body = spec.series.map((s) => drawSeries(s, x, y, innerW, innerH)).join('');
  const xTicks = x
    .ticks(6)
    .map((t) => {
      const v = typeof t === 'number' ? t : t.getTime();
      const px = x(v);
      return `<g transform="translate(${r(px)},${innerH})"><line y2="5" stroke="#444"/><text y="18" text-anchor="middle">${escapeHtml(xFormat(v))}</text></g>`;
    })
    .join('');
  const yTicks = y
    .ticks(5)
    .map(
      (t) =>
        `<g transform="translate(0,${r(y(t))})"><line x2="${innerW}" stroke="#e3e3e3"/><text x="-6" dy="0.32em" text-anchor="end">${escapeHtml(yFormat(t))}</text></g>`,
    )
    .join('');
  const legend = spec.series.flatMap(legendEntries).map(legendItem).join('');
  return (
    `<figure class="chart" id="${escapeHtml(spec.id)}">` +
    `<figcaption>${escapeHtml(spec.title)}</figcaption>` +
    `<svg data-chart="${escapeHtml(spec.id)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${titleId} ${descId}" font-size="11" font-family="system-ui, sans-serif">` +
    `<title id="${titleId}">${escapeHtml(spec.title)}</title><desc id="${descId}">${escapeHtml(spec.description)}</desc>` +
    `<g transform="translate(${MARGIN.left},${MARGIN.top})">` +
    `<g class="y-axis">${yTicks}</g>` +
    `<g class="plot">${body}</g>` +
    `<line y1="${innerH}" y2="${innerH}" x2="${innerW}" stroke="#444"/>` +
    `<g class="x-axis">${xTicks}</g>` +
    `<text x="${innerW / 2}" y="${innerH + 34}" text-anchor="middle">${escapeHtml(spec.x.label)}</text>` +
    `<text transform="rotate(-90)" x="${-innerH / 2}" y="-50" text-anchor="middle">${escapeHtml(spec.y.label)}</text>` +
    '</g></svg>' +
    `<ul class="legend">${legend}</ul>` +
    `<p class="alt">${escapeHtml(spec.description)}</p>` +
    '</figure>'
  );
}

type Scale = (value: number) => number;

function drawSeries(s: ChartSeries, x: Scale, y: Scale, innerW: number, innerH: number): string {
  switch (s.kind) {
    case 'line': {
      const path = line<LinePoint>()
        .defined((p) => p[1] !== null)
        .x((p) => x(p[0]))
        .y((p) => y(p[1] ?? 0))
        .digits(1)(s.points);
      const count = s.points.filter((p) => p[1] !== null).length;
      return `<g data-series="${escapeHtml(s.name)}" data-points="${count}"><path d="${path ?? ''}" fill="none" stroke="${s.colour}" stroke-width="1.5"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/></g>`;
    }
    case 'stack': {
      const base = new Array<number>(s.x.length).fill(0);
      return s.layers
        .map((layer) => {
          const lower = [...base];
          layer.values.forEach((v, i) => {
            base[i] = (base[i] ?? 0) + v;
          });
          const upper = [...base];
          const path = area<number>()
            .x((i) => x(s.x[i] ?? 0))
            .y0((i) => y(lower[i] ?? 0))
            .y1((i) => y(upper[i] ?? 0))
            .digits(1)(s.x.map((_, i) => i));
          return `<g data-series="${escapeHtml(layer.name)}" data-points="${layer.values.length}"><path d="${path ?? ''}" fill="${layer.colour}" fill-opacity="0.85" stroke="${layer.colour}" stroke-width="0.5"/></g>`;
        })
        .join('');
    }
    case 'markers': {
      const size = s.size ?? 4;
      const items = s.points
        .map((p) => {
          const cx = x(p.x);
          const cy = p.y === null ? innerH - size : y(p.y);
          // Labels near the right edge go to the marker's left, so they stay inside the plot.
          const left = cx > innerW * 0.75;
          const label = s.showLabels
            ? `<text x="${r(left ? cx - size - 3 : cx + size + 3)}" y="${r(cy)}" dy="0.32em"${left ? ' text-anchor="end"' : ''}>${escapeHtml(p.label)}</text>`
            : '';
          return `<g class="marker">${marker(s.shape, cx, cy, size, s.colour)}<title>${escapeHtml(p.label)}</title>${label}</g>`;
        })
        .join('');
      return `<g data-series="${escapeHtml(s.name)}" data-points="${s.points.length}">${items}</g>`;
    }
    case 'bands': {
      const items = s.spans
        .map(
          (b) =>
            `<rect x="${r(x(b.from))}" y="0" width="${r(Math.max(3, x(b.to) - x(b.from)))}" height="${innerH}" fill="${s.colour}" fill-opacity="0.25"><title>${escapeHtml(b.label)}</title></rect>`,
        )
        .join('');
      return `<g data-series="${escapeHtml(s.name)}" data-points="${s.spans.length}">${items}</g>`;
    }
    case 'rule':
      return `<g data-series="${escapeHtml(s.name)}" data-points="1"><line x1="0" x2="${innerW}" y1="${r(y(s.y))}" y2="${r(y(s.y))}" stroke="${s.colour}" stroke-width="1.5" stroke-dasharray="${s.dash ?? '6 3'}"/></g>`;
  }
}

function marker(shape: MarkerShape, cx: number, cy: number, size: number, colour: string): string {
  const [a, b, s] = [r(cx), r(cy), size];
  switch (shape) {
    case 'circle':
      return `<circle cx="${a}" cy="${b}" r="${s}" fill="${colour}"/>`;
    case 'square':
      return `<rect x="${r(cx - s)}" y="${r(cy - s)}" width="${2 * s}" height="${2 * s}" fill="${colour}"/>`;
    case 'triangle':
      return `<path d="M${a},${r(cy - s)}L${r(cx + s)},${r(cy + s)}L${r(cx - s)},${r(cy + s)}Z" fill="${colour}"/>`;
    case 'diamond':
      return `<path d="M${a},${r(cy - s - 1)}L${r(cx + s + 1)},${b}L${a},${r(cy + s + 1)}L${r(cx - s - 1)},${b}Z" fill="${colour}" stroke="#000" stroke-width="0.8"/>`;
    case 'tick':
      return `<line x1="${a}" x2="${a}" y1="${r(cy - s)}" y2="${r(cy + s)}" stroke="${colour}" stroke-width="1.5"/>`;
  }
}

function legendEntries(s: ChartSeries): { name: string; colour: string; swatch: string }[] {
  switch (s.kind) {
    case 'stack':
      return s.layers.map((l) => ({ name: l.name, colour: l.colour, swatch: 'block' }));
    case 'line':
      return [{ name: s.name, colour: s.colour, swatch: s.dash ? 'dashed' : 'solid' }];
    case 'rule':
      return [{ name: s.name, colour: s.colour, swatch: 'dashed' }];
    case 'markers':
      return [{ name: s.name, colour: s.colour, swatch: s.shape }];
    case 'bands':
      return [{ name: s.name, colour: s.colour, swatch: 'band' }];
  }
}

function legendItem(e: { name: string; colour: string; swatch: string }): string {
  return `<li><span class="swatch swatch-${e.swatch}" style="--c:${e.colour}"></span>${escapeHtml(e.name)}</li>`;
}

function xValues(series: readonly ChartSeries[]): number[] {
  return series.flatMap(xValuesOf);
}

function xValuesOf(s: ChartSeries): number[] {
  switch (s.kind) {
    case 'line':
      return s.points.map((p) => p[0]);
    case 'stack':
      return [...s.x];
    case 'markers':
      return s.points.map((p) => p.x);
    case 'bands':
      return s.spans.flatMap((b) => [b.from, b.to]);
    case 'rule':
      return [];
  }
}

function yValues(series: readonly ChartSeries[]): number[] {
  return series.flatMap(yValuesOf);
}

function yValuesOf(s: ChartSeries): number[] {
  switch (s.kind) {
    case 'line':
      return s.points.flatMap((p) => (p[1] === null ? [] : [p[1]]));
    case 'stack':
      return s.x.map((_, i) => s.layers.reduce((sum, l) => sum + (l.values[i] ?? 0), 0));
    case 'markers':
      return s.points.flatMap((p) => (p.y === null ? [] : [p.y]));
    case 'bands':
      return [];
    case 'rule':
      return [s.y];
  }
}

function paddedDomain(
  values: readonly number[],
  includeZero: boolean,
  headroom = false,
): [number, number] {
  const finite = values.filter(Number.isFinite);
  let lo = finite.length === 0 ? 0 : Math.min(...finite);
  let hi = finite.length === 0 ? 1 : Math.max(...finite);
  if (includeZero) lo = Math.min(0, lo);
  if (headroom) hi += (hi - lo) * 0.08;
  if (hi === lo) hi = lo + 1;
  return [lo, hi];
}

function clockTime(ms: number): string {
  return new Date(ms).toISOString().slice(11, 16);
}

function r(value: number): number {
  return Math.round(value * 10) / 10;
}
