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

    // Act
    const history = buildHistory(day.reports, { nowMs: last?.generatedAtMs ?? 0 });
    const backtest = scoreSimulation(day.simulation, {
      sloP99Ms,
      windowMinutes: day.windowMinutes,
    });

    // Assess: the backtest's windows and the history's, window by window
    const target = history.targets[0];
    if (target === undefined) throw new Error('no target in the history');
    const verdicts = windowVerdicts(day.simulation, sloP99Ms, day.windowMinutes);
    expect(verdicts.size).toBe(backtest.windowsWithTraffic);
    expect(backtest.windowsMeetingSlo).toBeGreaterThan(0);
    expect(backtest.windowsMeetingSlo).toBeLessThan(backtest.windowsWithTraffic);
    expect([...verdicts.values()].filter(Boolean).length).toBe(backtest.windowsMeetingSlo);
    const windowMs = day.windowMinutes * MINUTE_MS;
    const held = new Set(target.minutes.map((m) => Math.floor(m.startMs / windowMs) * windowMs));
    const complete = [...verdicts.keys()].filter((start) =>
      Array.from({ length: day.windowMinutes }, (_, i) => start + i * MINUTE_MS).every((ms) =>
        target.minutes.some((m) => m.startMs === ms),
      ),
    );
    expect(target.windows.scored).toBe(complete.length);
    expect(target.windows.exact).toBe(complete.length);
    expect(target.windows.met).toBe(complete.filter((start) => verdicts.get(start)).length);
    expect(target.windows.missedStartMs).toEqual(complete.filter((start) => !verdicts.get(start)));
    // What the history cannot hold: the windows after the last cycle's newest complete minute.
    const unheld = [...verdicts.keys()].filter((start) => !complete.includes(start));
    expect(unheld.every((start) => start >= (last?.generatedAtMs ?? 0) - 2 * windowMs)).toBe(true);
    expect(unheld.length).toBeLessThanOrEqual(2);
    expect(target.windows.incomplete).toBe(unheld.filter((start) => held.has(start)).length);
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
