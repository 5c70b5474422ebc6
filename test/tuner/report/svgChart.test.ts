import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { Palette } from '../../../tuner/report/format/palette.ts';
import { renderHistoryHtml } from '../../../tuner/report/html/renderHistoryHtml.ts';
import { svgChart } from '../../../tuner/report/html/svgChart.ts';
import { parseHistoryReport } from '../../../tuner/report/read/parseReport.ts';

describe('svgChart', () => {
  it('draws one vertex per value, leaves gaps for missing ones, and says what it shows in words', () => {
    // Prepare
    const html = svgChart({
      id: 'c',
      title: 'p99 <& SLO',
      description: 'p99 per minute, worst 443 ms',
      x: { kind: 'time', label: 'time (UTC)' },
      y: { kind: 'linear', label: 'ms' },
      series: [
        {
          kind: 'line',
          name: 'p99',
          colour: '#0072B2',
          points: [
            [0, 100],
            [60_000, null],
            [120_000, 140],
            [180_000, 150],
          ],
        },
        {
          kind: 'markers',
          name: 'cold "starts"',
          colour: '#CC79A7',
          shape: 'tick',
          points: [{ x: 0, y: null, label: '00:00: 2 cold starts' }],
        },
      ],
    });

    // Act
    const path = /data-series="p99" data-points="(\d+)"><path d="([^"]+)"/.exec(html);

    // Assess
    expect(path?.[1]).toBe('3');
    expect(path?.[2]?.match(/[ML]/g)).toEqual(['M', 'M', 'L']);
    expect(html).toContain('role="img"');
    expect(html).toContain('<desc id="c-desc">p99 per minute, worst 443 ms</desc>');
    expect(html).toContain('<title id="c-title">p99 &lt;&amp; SLO</title>');
    expect(html).toContain('data-series="cold &quot;starts&quot;" data-points="1"');
    expect(html).toContain('<title>00:00: 2 cold starts</title>');
    expect(html).not.toMatch(/<script/);
  });
});

describe('the charts’ colours', () => {
  it('are the Okabe–Ito palette’s or greys, on every chart of a day’s history', async () => {
    // Prepare
    const history = parseHistoryReport(
      await readFile('test/tuner/report/fixtures/history-day.v1.json', 'utf8'),
      'history-day.v1.json',
    );
    const html = renderHistoryHtml(history);
    const charts = [...html.matchAll(/<figure class="chart"[\s\S]*?<\/figure>/g)].map((m) => m[0]);

    // Act
    const colours = new Set(
      charts.flatMap((c) =>
        [...c.matchAll(/#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b/g)].map((m) => m[0].toUpperCase()),
      ),
    );

    // Assess
    const palette = new Set<string>(Object.values(Palette).map((c) => c.toUpperCase()));
    const grey = (c: string) => {
      const hex = c.length === 4 ? [...c.slice(1)].map((d) => d + d).join('') : c.slice(1);
      return hex.slice(0, 2) === hex.slice(2, 4) && hex.slice(2, 4) === hex.slice(4, 6);
    };
    expect(charts).toHaveLength(6);
    expect([...colours].filter((c) => !palette.has(c) && !grey(c))).toEqual([]);
    expect([...colours].filter((c) => palette.has(c) && !grey(c)).length).toBeGreaterThan(4);
  });
});
