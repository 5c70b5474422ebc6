import { describe, expect, it } from 'vitest';
import { forecastDemand } from '../../../tuner/core/forecast/demandForecast.ts';
import type { TargetObservation } from '../../../tuner/core/ports.ts';
import { historyWindows } from '../../../tuner/cycle/historyWindows.ts';
import { stitchHistory } from '../../../tuner/cycle/stitchHistory.ts';
import { quietMinute } from './support/fakePorts.ts';

const NOW = Date.parse('2026-11-27T12:00:00Z');
const MINUTE_MS = 60_000;
const ref = { functionName: 'ocr', qualifier: 'live' };

function observation(
  startMs: number,
  minutes: number,
  invocations: (startMs: number) => number,
  within?: number,
): TargetObservation {
  const metrics = Array.from({ length: minutes }, (_, i) => {
    const t = startMs + i * MINUTE_MS;
    return { ...quietMinute(t), invocations: invocations(t) };
  });
  return {
    target: ref,
    metrics,
    latencySource: 'sdk',
    notes: [`from ${new Date(startMs).toISOString()}`],
    ...(within === undefined ? {} : { withinSloPercent: metrics.map(() => within) }),
  };
}

describe('stitchHistory', () => {
  it('joins yesterday and the recent window minute by minute, the gap filled with empty minutes', () => {
    // Prepare
    const { recent, yesterday } = historyWindows(NOW);
    const then = observation(yesterday.startMs, 60, () => 5, 90);
    const now = observation(recent.startMs, 180, () => 7, 99);

    // Act
    const history = stitchHistory(then, now);

    // Assess
    // From yesterday's slice (now − 24.5 h) to the newest complete minute (now − 2 min)
    expect(history.metrics).toHaveLength(1468);
    history.metrics.forEach((m, i) => {
      expect(m.startMs).toBe(yesterday.startMs + i * MINUTE_MS);
    });
    expect(history.metrics[59]?.invocations).toBe(5);
    expect(history.metrics[60]).toEqual(quietMinute(yesterday.startMs + 60 * MINUTE_MS));
    expect(history.metrics.at(-1)?.invocations).toBe(7);
    expect(history.withinSloPercent?.[0]).toBe(90);
    expect(history.withinSloPercent?.[60]).toBeNull();
    expect(history.withinSloPercent).toHaveLength(1468);
    expect(history.notes).toEqual(now.notes);
  });

  it('gives the planner its same-time-yesterday signal: a rise yesterday raises the forecast', () => {
    // Prepare: today flat at 10/min; yesterday 10/min until 12:00, then 30/min
    const { recent, yesterday } = historyWindows(NOW);
    const rising = (t: number) => (t >= NOW - 1440 * MINUTE_MS ? 30 : 10);
    const history = stitchHistory(
      observation(yesterday.startMs, 60, rising),
      observation(recent.startMs, 180, () => 10),
    );

    // Act
    const withYesterday = forecastDemand(history.metrics, NOW, 10);
    const recentOnly = forecastDemand(history.metrics.slice(-180), NOW, 10);

    // Assess
    expect(withYesterday.basis).toBe('recent+daily');
    expect(withYesterday.levelPerMinute).toBeCloseTo(30);
    expect(recentOnly.basis).toBe('recent');
    expect(recentOnly.levelPerMinute).toBeCloseTo(10);
  });

  it('keeps the recent window as it is when yesterday has no rows', () => {
    // Prepare
    const { recent } = historyWindows(NOW);
    const now = observation(recent.startMs, 180, () => 7);

    // Act & Assess
    expect(stitchHistory({ ...now, metrics: [] }, now)).toBe(now);
  });
});
