import { describe, expect, it } from 'vitest';
import { recordArrivalTape, scoreSimulation } from '../../../tuner/backtest/index.ts';
import { WindowEvaluator } from '../../../tuner/backtest/oracle/windowEvaluator.ts';
import { observeWindow } from '../../../tuner/core/plan/observedWindow.ts';
import { badRequestCount } from '../../../tuner/core/slo/requestSli.ts';
import {
  slowRequestsAllowed,
  windowLatenciesMeetSlo,
  windowMeetsSlo,
  windowP99Ms,
} from '../../../tuner/core/slo/windowSlo.ts';
import { scoreWindows } from '../../../tuner/report/history/windowScores.ts';
import type { HistoryMinute } from '../../../tuner/report/schema/historyReportSchema.ts';
import {
  fixedServiceModel,
  serviceModelFromProfile,
  simulateFleet,
} from '../../../tuner/sim/index.ts';
import { emptyIntervalMetrics } from '../../../tuner/sim/intervalMetrics.ts';
import { Xoshiro128 } from '../../../tuner/sim/random/xoshiro128.ts';
import { handMadeResult, smallProfile } from '../../backtest/support/backtestFixtures.ts';

const MINUTE_MS = 60_000;
const SLO_MS = 200;

/** A window of requests: served latencies (some above the target) and throttles. */
interface TestWindow {
  readonly servedMs: number[];
  readonly throttles: number;
}

/** Seeded windows of 1..400 requests, a few percent slow, sometimes throttled. */
function randomWindows(count: number, seed: number): TestWindow[] {
  const random = new Xoshiro128(seed, 7);
  const windows: TestWindow[] = [];
  for (let w = 0; w < count; w++) {
    const served = Math.floor(random.next() * 400);
    const slowShare = random.next() * 0.03;
    const servedMs = Array.from({ length: served }, () =>
      random.next() < slowShare ? SLO_MS + 1 + random.next() * 500 : random.next() * SLO_MS,
    );
    const throttles = random.next() < 0.3 ? Math.floor(random.next() * 5) : 0;
    windows.push({ servedMs, throttles: served === 0 && throttles === 0 ? 1 : throttles });
  }
  return windows;
}

describe('the window SLO rule', () => {
  it.each([
    [0, 0],
    [1, 0],
    [99, 0],
    [100, 1],
    [199, 1],
    [200, 2],
    [250, 2],
    [1000, 10],
  ])('%d requests allow %d slow ones (n − ⌈0.99 n⌉)', (requests, allowed) => {
    // Prepare / Act / Assess
    expect(slowRequestsAllowed(requests)).toBe(allowed);
  });

  it.each([
    ['three values: the largest', [10, 20, 30], 0, 30],
    ['100 values: the 99th smallest (nearest rank)', [...new Array(99).fill(10), 500], 0, 10],
    ['one throttle in 100: rank 99 is still served', new Array(99).fill(10), 1, 10],
    ['two throttles in 100: rank 99 is a throttle', new Array(98).fill(10), 2, Infinity],
    ['only throttles', [], 3, Infinity],
    ['no requests', [], 0, null],
  ])('p99 of %s', (_label, served, throttles, expected) => {
    // Prepare / Act
    const p99 = windowP99Ms(Float64Array.from(served), throttles);

    // Assess
    expect(p99).toBe(expected);
  });

  it('counts a throttle as slow and a request exactly at the target as within it', () => {
    // Prepare
    const atTarget = new Array(100).fill(SLO_MS);

    // Act / Assess
    expect(badRequestCount(atTarget, 0, SLO_MS)).toBe(0);
    expect(badRequestCount([SLO_MS + 0.001], 2, SLO_MS)).toBe(3);
    expect(windowLatenciesMeetSlo(atTarget, 1, SLO_MS)).toBe(true); // 1 slow of 101 allowed
    expect(windowLatenciesMeetSlo(atTarget, 2, SLO_MS)).toBe(false); // 2 slow of 102: 1 allowed
    expect(windowLatenciesMeetSlo([], 1, SLO_MS)).toBe(false);
    expect(windowLatenciesMeetSlo([], 0, SLO_MS)).toBe(true);
    expect(windowMeetsSlo({ requests: 0, slowRequests: 0 })).toBe(true);
  });

  it('judged by counting slow requests, it says what the p99 says', () => {
    // Prepare
    const windows = randomWindows(500, 1);

    // Act
    const disagreements = windows.filter(
      (w) =>
        windowLatenciesMeetSlo(w.servedMs, w.throttles, SLO_MS) !==
        (windowP99Ms(w.servedMs, w.throttles) as number) <= SLO_MS,
    );

    // Assess: both outcomes occur, and the two forms never differ
    const met = windows.filter((w) => windowLatenciesMeetSlo(w.servedMs, w.throttles, SLO_MS));
    expect(met.length).toBeGreaterThan(50);
    expect(met.length).toBeLessThan(450);
    expect(disagreements).toEqual([]);
  });
});

describe('every site judges windows by that rule', () => {
  it('the backtest scoring counts exactly the windows the rule says meet', () => {
    // Prepare: one 5-minute window per random window, its requests spread over its minutes
    const windows = randomWindows(120, 2);
    const served: [number, number][] = [];
    const throttlesByMinute: Record<number, number> = {};
    windows.forEach((w, i) => {
      const startMs = i * 5 * MINUTE_MS;
      w.servedMs.forEach((ms, j) => {
        served.push([startMs + (j * 5 * MINUTE_MS) / w.servedMs.length, ms]);
      });
      if (w.throttles > 0) throttlesByMinute[i * 5 + 2] = w.throttles;
    });
    const result = handMadeResult({ minutes: windows.length * 5, served, throttlesByMinute });

    // Act
    const score = scoreSimulation(result, { sloP99Ms: SLO_MS, windowMinutes: 5 });

    // Assess
    const expected = windows.filter((w) => windowLatenciesMeetSlo(w.servedMs, w.throttles, SLO_MS));
    expect(score.windowsWithTraffic).toBe(windows.length);
    expect(score.windowsMeetingSlo).toBe(expected.length);
  });

  it('the planner, reading per-minute metrics, misses a window exactly when the rule does if only throttles were slow', () => {
    // Prepare: served requests all within the target; the throttles decide
    const windows = randomWindows(300, 3).map((w) => ({
      servedMs: w.servedMs.map((ms) => Math.min(ms, SLO_MS)),
      throttles: w.throttles,
    }));

    // Act
    const disagreements = windows.filter((w) => {
      const minutes = [0, 1, 2, 3, 4].map((m) => {
        const servedHere = w.servedMs.filter((_, j) => j % 5 === m);
        return {
          ...emptyIntervalMetrics(m * MINUTE_MS),
          invocations: servedHere.length,
          throttles: m === 2 ? w.throttles : 0,
          e2eP99Ms: windowP99Ms(servedHere, 0),
        };
      });
      return (
        observeWindow(minutes, SLO_MS).missed !==
        !windowLatenciesMeetSlo(w.servedMs, w.throttles, SLO_MS)
      );
    });

    // Assess
    expect(windows.some((w) => !windowLatenciesMeetSlo(w.servedMs, w.throttles, SLO_MS))).toBe(
      true,
    );
    expect(disagreements).toEqual([]);
  });

  it('the history report never counts as met a window the rule says missed', () => {
    // Prepare: random windows, and one whose every minute hides 1% of slow requests under a p99
    // within the target while a throttle tips the whole window over
    const hidden = {
      servedMs: Array.from({ length: 1000 }, (_, j) => (j < 10 ? SLO_MS + 50 : SLO_MS - 50)),
      throttles: 1,
    };
    const windows = [...randomWindows(300, 4), hidden];

    // Act
    const unsound = windows.filter((w) => {
      const minutes: HistoryMinute[] = [0, 1, 2, 3, 4].map((m) => {
        const servedHere = w.servedMs.filter((_, j) => j % 5 === m);
        const throttles = m === 2 ? w.throttles : 0;
        return {
          startMs: m * MINUTE_MS,
          requests: servedHere.length + throttles,
          throttles,
          coldStarts: 0,
          e2eP99Ms: windowP99Ms(servedHere, 0),
          concurrencyMax: null,
          spillover: 0,
          memoryMb: null,
          pcRequested: null,
          pcReady: null,
          cost: { requests: 0, duration: 0, init: 0, provisioned: 0, provisionedDuration: 0 },
        };
      });
      return (
        scoreWindows(minutes, SLO_MS).met === 1 &&
        !windowLatenciesMeetSlo(w.servedMs, w.throttles, SLO_MS)
      );
    });

    // Assess
    expect(unsound).toEqual([]);
  });

  it('the oracle judges a window as the scoring of the same simulation does', () => {
    // Prepare: one quiet 5-minute window whose first request is a cold start slower than the
    // target (it misses without provisioned concurrency)
    const profile = smallProfile({ initMs: [400], serviceMs: [100, 110, 120, 150] });
    const serviceModel = serviceModelFromProfile(profile);
    const trace = {
      kind: 'perMinute' as const,
      startMs: 0,
      counts: [3, 3, 3, 3, 3],
    };
    const tape = recordArrivalTape({ trace, serviceModel, seed: 5 }, profile.memoryMb);
    const outcomes: [boolean, boolean][] = [];

    for (const pc of [0, 1, 2, 4]) {
      // Act
      const evaluator = new WindowEvaluator({
        tape,
        windowMinutes: 5,
        profile,
        serviceModel,
        seed: 5,
        sloP99Ms: SLO_MS,
        simulation: {},
        prefixWindows: 0,
      });
      const evaluation = evaluator.evaluate(0, profile.memoryMb, pc);
      const replay = simulateFleet({
        trace: {
          kind: 'timestamps',
          timestampsMs: tape.arrivalMs,
          durationsMs: tape.serviceMs,
          startMs: tape.startMs,
          endMs: tape.endMs,
        },
        useTraceDurations: true,
        serviceModel,
        seed: 5,
        config: {
          memoryMb: profile.memoryMb,
          provisionedConcurrency: pc,
          reservedConcurrency: null,
        },
        controlIntervalSec: 300,
        provisionedAllocationDelaySec: 0,
        memoryChangeDelaySec: 0,
        recordInvocations: true,
      });
      const score = scoreSimulation(replay, { sloP99Ms: SLO_MS, windowMinutes: 5 });

      // Assess
      expect(evaluation.p99Ms).toBe(score.p99Ms);
      outcomes.push([evaluation.meets, score.windowsMeetingSlo === 1]);
    }
    expect(outcomes.every(([oracle, scoring]) => oracle === scoring)).toBe(true);
    expect(new Set(outcomes.map(([oracle]) => oracle)).size).toBe(2);
  });

  it('a fixed service model scores the same way (no hidden second rule for deterministic times)', () => {
    // Prepare: every request at 150 ms, one cold start of 850 ms in 100: exactly 1% slow
    const result = simulateFleet({
      trace: { kind: 'perMinute', startMs: 0, counts: [100, 0, 0, 0, 0] },
      serviceModel: fixedServiceModel({ initMs: 700, serviceMs: 150 }),
      config: { memoryMb: 1024, provisionedConcurrency: 0, reservedConcurrency: 1 },
      recordInvocations: true,
    });
    const recorded = result.invocations;

    // Act
    const score = scoreSimulation(result, { sloP99Ms: SLO_MS, windowMinutes: 5 });

    // Assess
    expect(recorded).not.toBeNull();
    const meets = windowLatenciesMeetSlo(recorded?.e2eMs ?? [], result.totals.throttled, SLO_MS);
    expect(score.windowsMeetingSlo).toBe(meets ? 1 : 0);
  });
});
