import { describe, expect, it } from 'vitest';
import { svgChart } from '../../../tuner/report/html/svgChart.ts';

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
