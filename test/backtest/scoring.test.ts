import { describe, expect, it } from 'vitest';
import { ScoringInputError, scoreSimulation } from '../../tuner/backtest/index.ts';
import { fixedServiceModel, simulateFleet } from '../../tuner/sim/index.ts';
import { handMadeResult } from './support/backtestFixtures.ts';

const MINUTE_MS = 60_000;

describe('scoreSimulation', () => {
  it('scores windows by hand: nearest rank, throttles as misses, empty windows left out', () => {
    // Prepare: 15 minutes, 5-minute windows, SLO 200 ms.
    // Window 0: 99 requests at 10 ms and one at 500 ms: rank 99 of 100 is 10 ms → meets.
    // Window 1: nothing arrives → not scored.
    // Window 2: 3 requests at 50 ms and one throttled in minute 12: rank 4 of 4 is ∞ → misses.
    const served: [number, number][] = [];
    for (let i = 0; i < 99; i++) served.push([i * 1000, 10]);
    served.push([200_000, 500]);
    for (let i = 0; i < 3; i++) served.push([10 * MINUTE_MS + i * 1000, 50]);
    const result = handMadeResult({
      minutes: 15,
      served,
      throttlesByMinute: { 12: 1 },
      coldStarts: 2,
    });

    // Act
    const score = scoreSimulation(result, { sloP99Ms: 200, windowMinutes: 5 });

    // Assess: whole trace = 103 served + 1 throttled; rank ⌈0.99 × 104⌉ = 103 → 500 ms.
    expect(score).toMatchObject({
      requests: 104,
      invocations: 103,
      throttles: 1,
      windowsWithTraffic: 2,
      windowsMeetingSlo: 1,
      attainment: 0.5,
      p99Ms: 500,
      coldStarts: 2,
      coldStartRate: 2 / 103,
      costUsd: 15,
      costPerMillionUsd: (15 / 104) * 1e6,
    });
    expect(score.cost).toEqual(result.cost);
  });

  it('counts a window where every request was throttled as traffic that misses', () => {
    // Prepare: one served request in window 0, two throttled ones in window 1.
    const result = handMadeResult({
      minutes: 10,
      served: [[1000, 10]],
      throttlesByMinute: { 7: 2 },
    });

    // Act
    const score = scoreSimulation(result, { sloP99Ms: 200, windowMinutes: 5 });

    // Assess
    expect(score.windowsWithTraffic).toBe(2);
    expect(score.windowsMeetingSlo).toBe(1);
    expect(score.p99Ms).toBe(Infinity);
  });

  it('puts a request exactly on a window boundary in the later window', () => {
    // Prepare: a slow request at 0 ms and a fast one at exactly 5:00.
    const result = handMadeResult({
      minutes: 10,
      served: [
        [0, 900],
        [5 * MINUTE_MS, 10],
      ],
    });

    // Act
    const score = scoreSimulation(result, { sloP99Ms: 200, windowMinutes: 5 });

    // Assess
    expect(score.windowsWithTraffic).toBe(2);
    expect(score.windowsMeetingSlo).toBe(1);
  });

  it('leaves the warm-up windows out of the attainment, but not out of the bill', () => {
    // Prepare: window 0 misses (a 900 ms request), windows 1 and 2 meet.
    const result = handMadeResult({
      minutes: 15,
      served: [
        [0, 900],
        [5 * MINUTE_MS, 10],
        [10 * MINUTE_MS, 10],
      ],
    });

    // Act
    const all = scoreSimulation(result, { sloP99Ms: 200, windowMinutes: 5 });
    const warm = scoreSimulation(result, { sloP99Ms: 200, windowMinutes: 5, warmUpWindows: 1 });

    // Assess
    expect([all.windowsMeetingSlo, all.windowsWithTraffic]).toEqual([2, 3]);
    expect([warm.windowsMeetingSlo, warm.windowsWithTraffic]).toEqual([2, 2]);
    expect(warm.attainment).toBe(1);
    expect(warm.costUsd).toBe(all.costUsd);
    expect(warm.requests).toBe(all.requests);
  });

  it('agrees with the simulator’s own per-minute p99 for one-minute windows', () => {
    // Prepare: bursts that force cold starts in some minutes and not in others.
    const result = simulateFleet({
      trace: {
        kind: 'perMinute',
        startMs: 0,
        counts: Array.from({ length: 60 }, (_, m) => (m % 9 === 0 ? 40 : m % 3)),
      },
      serviceModel: fixedServiceModel({ initMs: 700, serviceMs: 150 }),
      config: { memoryMb: 1024, provisionedConcurrency: 0, reservedConcurrency: null },
      keepAliveSec: 60,
      recordInvocations: true,
    });
    const expected = result.metrics.filter((m) => m.e2eP99Ms !== null && m.e2eP99Ms <= 300);

    // Act
    const score = scoreSimulation(result, { sloP99Ms: 300, windowMinutes: 1 });

    // Assess
    expect(score.windowsWithTraffic).toBe(result.metrics.filter((m) => m.invocations > 0).length);
    expect(score.windowsMeetingSlo).toBe(expected.length);
    expect(score.windowsMeetingSlo).toBeLessThan(score.windowsWithTraffic);
  });

  it('refuses a run that did not record its invocations', () => {
    // Prepare
    const result = { ...handMadeResult({ minutes: 1, served: [] }), invocations: null };

    // Act / Assess
    expect(() => scoreSimulation(result, { sloP99Ms: 200, windowMinutes: 5 })).toThrow(
      ScoringInputError,
    );
  });
});
