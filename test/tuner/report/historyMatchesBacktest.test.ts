/**
 * The history's windows against the backtest's, for the same run: the thermostat's simulated
 * cycles write their reports, the history is built from them (as `thermostat report` and the
 * demo do), and the run itself is scored as the backtest scores it (tuner/backtest/scoring/
 * scoreSimulation.ts). With each minute's PR(:slo) in the cycle reports the history judges its
 * windows exactly, so both say the same of every window the history holds in full.
 */
import { describe, expect, it } from 'vitest';
import { scoreSimulation } from '../../../tuner/backtest/scoring/scoreSimulation.ts';
import { windowLatenciesMeetSlo } from '../../../tuner/core/slo/windowSlo.ts';
import { buildHistory } from '../../../tuner/report/history/buildHistory.ts';
import type { SimulationResult } from '../../../tuner/sim/index.ts';
import { simulatedDay } from './support/simulatedCycleReports.ts';

const MINUTE_MS = 60_000;

/** The busy function of the bundled trace (about 135 requests a minute). */
const BUSY = 'e80f0c2ac8a3aa86f69484d86e060cf594ea9da5887b9c5f9b739ef6c9e7804b';

/** Each window's verdict from the simulated requests themselves, by the one rule. */
function windowVerdicts(result: SimulationResult, sloP99Ms: number, windowMinutes: number) {
  const recorded = result.invocations;
  if (recorded === null) throw new Error('the run recorded no invocations');
  const verdicts = new Map<number, boolean>();
  const windowMs = windowMinutes * MINUTE_MS;
  let next = 0;
  for (let start = result.startMs; start < result.endMs; start += windowMs) {
    const first = next;
    while (
      next < recorded.arrivalMs.length &&
      (recorded.arrivalMs[next] as number) < start + windowMs
    )
      next++;
    const firstMinute = (start - result.startMs) / MINUTE_MS;
    let throttles = 0;
    for (let m = firstMinute; m < firstMinute + windowMinutes; m++)
      throttles += result.metrics[m]?.throttles ?? 0;
    if (next === first && throttles === 0) continue;
    verdicts.set(
      start,
      windowLatenciesMeetSlo(recorded.e2eMs.subarray(first, next), throttles, sloP99Ms),
    );
  }
  return verdicts;
}

describe('the history of a run against its backtest score', () => {
  it('judges every window it holds as the backtest does, and says which it cannot hold yet', async () => {
    // Prepare: three hours of the busy function under the thermostat, at an SLO just under the
    // profile's slowest warm request (147 ms): some windows meet it, most miss it, and nearly
    // every minute's p99 is above it
    const sloP99Ms = 140;
    const day = await simulatedDay({ functionId: BUSY, sloP99Ms, minutes: 180 });
    const last = day.reports.at(-1);

    // Act: the history, and the run scored as the backtest scores it (its first window left out)
    const history = buildHistory(day.reports, { nowMs: last?.generatedAtMs ?? 0 });
    const backtest = scoreSimulation(day.simulation, {
      sloP99Ms,
      windowMinutes: day.windowMinutes,
      warmUpWindows: 1,
    });

    // Assess: the requests' own verdicts are the backtest's (its first window left out)...
    const target = history.targets[0];
    if (target === undefined) throw new Error('no target in the history');
    const verdicts = new Map(windowVerdicts(day.simulation, sloP99Ms, day.windowMinutes));
    const metAmong = (starts: readonly number[]) => starts.filter((s) => verdicts.get(s)).length;
    const starts = [...verdicts.keys()];
    expect(starts.length - 1).toBe(backtest.windowsWithTraffic);
    expect(metAmong(starts.slice(1))).toBe(backtest.windowsMeetingSlo);
    expect(backtest.windowsMeetingSlo).toBeGreaterThan(0);
    expect(backtest.windowsMeetingSlo).toBeLessThan(backtest.windowsWithTraffic);
    // ...the history holds the first window (the first cycle reads back) and judges every window
    // it holds exactly as the requests say...
    const windowMs = day.windowMinutes * MINUTE_MS;
    expect(target.minutes[0]?.startMs).toBe(starts[0]);
    const endMs = (target.minutes.at(-1)?.startMs ?? 0) + MINUTE_MS;
    const scored = starts.filter((start) => start + windowMs <= endMs);
    expect(target.windows.scored).toBe(scored.length);
    expect(target.windows.exact).toBe(scored.length);
    expect(target.windows.met).toBe(metAmong(scored));
    expect(target.windows.missedStartMs).toEqual(scored.filter((s) => !verdicts.get(s)));
    // ...and lacks the end of the trace: the windows after the newest minute the last cycle saw
    // complete (one of them partly). So the two counts differ by exactly those windows.
    const tail = starts.slice(scored.length);
    expect(tail.length).toBe(2);
    expect(tail.every((s) => s + windowMs > (last?.generatedAtMs ?? 0) - 3 * MINUTE_MS)).toBe(true);
    expect(target.windows.incomplete).toBe(1);
    expect(target.windows.scored - 1 + tail.length).toBe(backtest.windowsWithTraffic);
    expect(target.windows.met - metAmong(starts.slice(0, 1)) + metAmong(tail)).toBe(
      backtest.windowsMeetingSlo,
    );
    // The windows the bound misses: without the exact counts the history would not agree.
    const bound = buildHistory(
      day.reports.map((r) => ({
        ...r,
        targets: r.targets.map((t) =>
          t.observation === null || 'error' in t.observation
            ? t
            : {
                ...t,
                observation: {
                  ...t.observation,
                  recentMinutes: t.observation.recentMinutes.map(
                    ({ withinSloPercent: _, ...m }) => m,
                  ),
                },
              },
        ),
      })),
      { nowMs: last?.generatedAtMs ?? 0 },
    ).targets[0];
    expect(bound?.windows.exact).toBe(0);
    expect(bound?.windows.met).toBeLessThan(target.windows.met);
  }, 300_000);
});
