import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { buildHistory } from '../../../tuner/report/history/buildHistory.ts';
import { minuteCost } from '../../../tuner/report/history/minuteCost.ts';
import { periodSavings } from '../../../tuner/report/history/periodSavings.ts';
import {
  errorBudget,
  scoreWindows,
  slowRequestsOfMinute,
} from '../../../tuner/report/history/windowScores.ts';
import { parseCycleReport } from '../../../tuner/report/read/parseReport.ts';
import type { CycleReportV1 } from '../../../tuner/report/schema/cycleReportSchema.ts';
import type {
  HistoryDecision,
  HistoryMinute,
} from '../../../tuner/report/schema/historyReportSchema.ts';
import { emptyIntervalMetrics } from '../../../tuner/sim/intervalMetrics.ts';

const MINUTE_MS = 60_000;

async function fixtureCycle(): Promise<CycleReportV1> {
  return parseCycleReport(
    await readFile('test/tuner/report/fixtures/cycle.v1.json', 'utf8'),
    'cycle.v1.json',
  );
}

/** The fixture's cycle moved to `atMs`, its minutes with it, each minute's p99 from `p99`. */
function cycleAt(
  base: CycleReportV1,
  atMs: number,
  p99: (startMs: number) => number,
): CycleReportV1 {
  const [target] = base.targets;
  if (target === undefined || target.observation === null || 'error' in target.observation)
    throw new Error('the fixture has no observation');
  const minutes = Array.from({ length: 15 }, (_, i) => {
    const startMs = atMs - (15 - i) * MINUTE_MS;
    return { ...emptyIntervalMetrics(startMs), invocations: 10, e2eP99Ms: p99(startMs) };
  });
  return {
    ...base,
    generatedAtMs: atMs,
    generatedAt: new Date(atMs).toISOString(),
    targets: [{ ...target, observation: { ...target.observation, recentMinutes: minutes } }],
  };
}

function minute(startMs: number, over: Partial<HistoryMinute> = {}): HistoryMinute {
  return {
    startMs,
    requests: 10,
    throttles: 0,
    coldStarts: 0,
    e2eP99Ms: 100,
    concurrencyMax: 1,
    spillover: 0,
    memoryMb: 1024,
    pcRequested: 0,
    pcReady: 0,
    cost: { requests: 0, duration: 0, init: 0, provisioned: 0, provisionedDuration: 0 },
    ...over,
  };
}

describe('scoreWindows', () => {
  it('without the minutes’ slow requests, scores clock-aligned windows on an upper bound: a slow minute or throttles above 1% miss', () => {
    // Prepare: window 0 met, window 1 one slow minute, window 2 throttled, window 3 idle
    const minutes = [
      ...[0, 1, 2, 3, 4].map((i) => minute(i * MINUTE_MS)),
      ...[5, 6, 7, 8, 9].map((i) => minute(i * MINUTE_MS, { e2eP99Ms: i === 7 ? 250 : 100 })),
      ...[10, 11, 12, 13, 14].map((i) => minute(i * MINUTE_MS, { throttles: i === 10 ? 1 : 0 })),
      ...[15, 16].map((i) => minute(i * MINUTE_MS, { requests: 0, e2eP99Ms: null })),
    ];

    // Act
    const windows = scoreWindows(minutes, 200);

    // Assess
    expect(windows).toEqual({
      minutes: 5,
      scored: 3,
      met: 1,
      exact: 0,
      incomplete: 0,
      missedStartMs: [5 * MINUTE_MS, 10 * MINUTE_MS],
    });
    expect(errorBudget(windows)).toEqual({
      objective: 0.99,
      allowedMisses: 3 * 0.01,
      misses: 2,
      spent: 2 / (3 * 0.01),
    });
  });

  it('with each minute’s slow requests, judges a window exactly by the one rule, whatever its minutes’ p99s', () => {
    // Prepare: 5 minutes of 100 requests (500: 5 slow allowed), every minute's p99 above the
    // target; window 0 has 5 slow requests, window 1 has 6, window 2 lacks one minute's count
    const slowMinute = (i: number, slowRequests?: number) =>
      minute(i * MINUTE_MS, {
        requests: 100,
        e2eP99Ms: 450,
        ...(slowRequests === undefined ? {} : { slowRequests }),
      });
    const minutes = [
      ...[0, 1, 2, 3, 4].map((i) => slowMinute(i, 1)),
      ...[5, 6, 7, 8, 9].map((i) => slowMinute(i, i === 9 ? 2 : 1)),
      ...[10, 11, 12, 13, 14].map((i) => slowMinute(i, i === 12 ? undefined : 1)),
    ];

    // Act
    const windows = scoreWindows(minutes, 200);

    // Assess: the bound (all 100 of a slow minute) would miss all three
    expect(windows).toEqual({
      minutes: 5,
      scored: 3,
      met: 1,
      exact: 2,
      incomplete: 0,
      missedStartMs: [5 * MINUTE_MS, 10 * MINUTE_MS],
    });
  });

  it('leaves out a window with traffic whose minutes the history does not all hold', () => {
    // Prepare: a full window, then the first 3 minutes of the next (the newest, until the next cycle)
    const minutes = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => minute(i * MINUTE_MS, { slowRequests: 0 }));

    // Act
    const windows = scoreWindows(minutes, 200);

    // Assess
    expect(windows).toMatchObject({ scored: 1, met: 1, exact: 1, incomplete: 1 });
  });
});

describe('slowRequestsOfMinute', () => {
  it('counts the throttles and the invocations PR(:slo) puts above the target', () => {
    // Act / Assess: 137 of 140 within (97.857…%), one throttle
    expect(
      slowRequestsOfMinute({ invocations: 140, throttles: 1, withinSloPercent: (137 / 140) * 100 }),
    ).toBe(4);
    expect(slowRequestsOfMinute({ invocations: 0, throttles: 2, withinSloPercent: null })).toBe(2);
    expect(
      slowRequestsOfMinute({ invocations: 140, throttles: 0, withinSloPercent: null }),
    ).toBeUndefined();
    expect(slowRequestsOfMinute({ invocations: 140, throttles: 0 })).toBeUndefined();
  });
});

describe('errorBudget', () => {
  it('is the SLO’s 1% of windows: 4 misses of 287 spend 139% of it', () => {
    // Act
    const budget = errorBudget({ minutes: 5, scored: 287, met: 283, missedStartMs: [] });

    // Assess
    expect(budget.allowedMisses).toBeCloseTo(2.87, 12);
    expect(budget.spent).toBeCloseTo(4 / 2.87, 12);
    expect(budget.objective).toBe(0.99);
  });
});

describe('minuteCost', () => {
  it('prices a minute by part with the SDK’s us-east-1 rates', () => {
    // Prepare: 100 invocations of 100 ms at 1,024 MB, 90 on 2 ready PC environments, 2 cold starts
    const m = {
      ...emptyIntervalMetrics(0),
      invocations: 100,
      spillover: 10,
      coldStarts: 2,
      initP50Ms: 500,
      invokeLatencyAvgMs: 100,
    };

    // Act
    const cost = minuteCost(m, {
      memoryMb: 1024,
      pcRequested: 2,
      pcReady: 2,
      architecture: 'x86_64',
    });

    // Assess
    expect(cost.requests).toBeCloseTo(100 * 0.2e-6, 12);
    expect(cost.duration).toBeCloseTo(10 * 0.1 * 0.0000166667, 12);
    expect(cost.init).toBeCloseTo(2 * 0.5 * 0.0000166667, 12);
    expect(cost.provisioned).toBeCloseTo(2 * 60 * 0.0000041667, 12);
    expect(cost.provisionedDuration).toBeCloseTo(90 * 0.1 * 0.0000097222, 12);
  });
});

describe('buildHistory', () => {
  it('keeps one row per minute (the latest cycle’s), every decision, and the last alternatives', async () => {
    // Prepare: three cycles five minutes apart, each seeing 15 minutes; the last sees 12:00 slower
    const base = await fixtureCycle();
    const t0 = Date.parse('2026-11-27T12:00:00Z');
    const cycles = [0, 1, 2].map((k) =>
      cycleAt(base, t0 + k * 5 * MINUTE_MS, (s) => (k === 2 && s === t0 ? 260 : 120)),
    );

    // Act
    const history = buildHistory(cycles, { nowMs: t0 + 10 * MINUTE_MS });

    // Assess
    const [t] = history.targets;
    expect(history).toMatchObject({ kind: 'lambda-thermostat.history', version: 1, cycles: 3 });
    expect(t?.minutes).toHaveLength(25);
    expect(t?.minutes.find((m) => m.startMs === t0)?.e2eP99Ms).toBe(260);
    expect(t?.windows.missedStartMs).toEqual([t0]);
    expect(t?.decisions.map((d) => d.atMs)).toEqual(cycles.map((c) => c.generatedAtMs));
    expect(t?.lastDecision?.alternatives.length).toBe(base.targets[0]?.plan.alternatives.length);
  });

  it('starts at the window of the first minute with requests or cost: a first cycle’s look-back before the function existed is left out', async () => {
    // Prepare: one cycle at 12:00 whose 15 minutes have requests from 11:52 only
    const base = await fixtureCycle();
    const t0 = Date.parse('2026-11-27T12:00:00Z');
    const cycle = cycleAt(base, t0, () => 120);
    const [target] = cycle.targets;
    if (
      target?.observation === null ||
      target?.observation === undefined ||
      'error' in target.observation
    )
      throw new Error('no observation');
    const minutes = target.observation.recentMinutes.map((m) =>
      m.startMs < t0 - 8 * MINUTE_MS ? { ...emptyIntervalMetrics(m.startMs) } : m,
    );
    const late = {
      ...cycle,
      targets: [{ ...target, observation: { ...target.observation, recentMinutes: minutes } }],
    };

    // Act
    const history = buildHistory([late], { nowMs: t0 });

    // Assess: from 11:50, the window of 11:52; the cost per day over those 10 minutes only
    const [t] = history.targets;
    expect(t?.minutes[0]?.startMs).toBe(t0 - 10 * MINUTE_MS);
    expect(t?.minutes).toHaveLength(10);
    expect(t?.windows).toMatchObject({ scored: 2, incomplete: 0 });
    expect(t?.cost.hours).toBeCloseTo(10 / 60, 12);
  });

  it('extended cycle by cycle, is the history built at once; older minutes drop out', async () => {
    // Prepare
    const base = await fixtureCycle();
    const t0 = Date.parse('2026-11-27T12:00:00Z');
    const cycles = Array.from({ length: 8 }, (_, k) =>
      cycleAt(base, t0 + k * 5 * MINUTE_MS, (s) => 100 + ((s / MINUTE_MS) % 13) * 10),
    );
    const nowMs = t0 + 7 * 5 * MINUTE_MS;
    const sinceMs = nowMs - 30 * MINUTE_MS;

    // Act
    const atOnce = buildHistory(cycles, { nowMs, sinceMs });
    const rolled = cycles.reduce(
      (previous, cycle) => buildHistory([cycle], { nowMs: cycle.generatedAtMs, sinceMs }, previous),
      buildHistory([], { nowMs: t0 }),
    );

    // Assess
    const [a] = atOnce.targets;
    const [b] = rolled.targets;
    expect(b?.minutes.map((m) => [m.startMs, m.e2eP99Ms])).toEqual(
      a?.minutes.map((m) => [m.startMs, m.e2eP99Ms]),
    );
    expect(b?.windows).toEqual(a?.windows);
    expect(b?.decisions.map((d) => d.atMs)).toEqual(a?.decisions.map((d) => d.atMs));
    expect(Math.min(...(b?.minutes.map((m) => m.startMs) ?? []))).toBeGreaterThanOrEqual(sinceMs);
    expect(rolled.cycles).toBe(8);
  });
});

describe('periodSavings', () => {
  it('weights each cycle’s monthly figures by the time its plan held, savings over planned cycles only', () => {
    // Prepare: two planned 5-minute cycles and one unplanned 10-minute cycle
    const decision = (costs: HistoryDecision['costs']): HistoryDecision => ({
      atMs: 0,
      status: 'planned',
      summary: '',
      current: null,
      planned: null,
      predictedP99Ms: null,
      predictedCostPerHourUsd: null,
      actions: [],
      ...(costs === undefined ? {} : { costs }),
    });
    const planned = (tool: number, lambda: number, onDemand: number, current: number) =>
      decision({
        cycleMinutes: 5,
        lambdaMonthlyUsd: lambda,
        toolMonthlyUsd: tool,
        savedVsOnDemandMonthlyUsd: onDemand,
        savedVsCurrentMonthlyUsd: current,
      });
    const decisions = [
      planned(6, 30, 10, 0),
      planned(4, 20, -2, 1),
      decision({
        cycleMinutes: 10,
        lambdaMonthlyUsd: null,
        toolMonthlyUsd: 2,
        savedVsOnDemandMonthlyUsd: null,
        savedVsCurrentMonthlyUsd: null,
      }),
      decision(undefined),
    ];

    // Act
    const { toolCostUsd, savings } = periodSavings(decisions);

    // Assess: by hand, 20 minutes priced, 10 of them planned
    const hours = 20 / 60;
    const toolUsd = (6 * 5 + 4 * 5 + 2 * 10) / 60 / 730;
    expect(toolCostUsd).toBeCloseTo(toolUsd, 12);
    expect(savings?.hours).toBeCloseTo(hours, 12);
    expect(savings?.plannedHours).toBeCloseTo(10 / 60, 12);
    expect(savings?.toolMonthlyUsd).toBeCloseTo((toolUsd / hours) * 730, 10);
    expect(savings?.toolMonthlyUsd).toBeCloseTo(3.5, 10);
    expect(savings?.lambdaMonthlyUsd).toBeCloseTo(25, 10);
    expect(savings?.savedVsOnDemandMonthlyUsd).toBeCloseTo(4, 10);
    expect(savings?.savedVsCurrentMonthlyUsd).toBeCloseTo(0.5, 10);
  });

  it('is null when no cycle report carried costs', () => {
    // Act / Assess
    expect(periodSavings([])).toEqual({ toolCostUsd: null, savings: null });
  });
});
