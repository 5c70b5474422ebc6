import { windowLatenciesMeetSlo, windowP99Ms } from '../../core/slo/windowSlo.ts';
import type { SimulationResult } from '../../sim/index.ts';
import type { PolicyScore } from './policyScore.ts';
import { ScoringInputError } from './scoringInputError.ts';

const MINUTE_MS = 60_000;

/** What a window must achieve. */
export interface ScoringCriteria {
  /** p99 end-to-end latency target, ms. */
  readonly sloP99Ms: number;
  /** Window length, whole minutes; windows start at the trace's start. */
  readonly windowMinutes: number;
  /**
   * Windows at the start of the trace left out of the attainment (their cost still counts).
   * Policies do not start equally warm (target tracking holds one provisioned environment from
   * the first instant, a tuner starts on-demand with no history): leaving the first window out for
   * every policy makes the comparison fair. Default 0.
   */
  readonly warmUpWindows?: number;
}

/**
 * Scores one simulation run. A window meets the SLO when the nearest-rank p99 of the end-to-end
 * latencies of the requests that ARRIVED in it is ≤ the target, a throttled request counting as
 * an infinitely slow one (`tuner/core/slo/windowSlo.ts`); windows where nothing arrived are left out.
 * The run must have been simulated with `recordInvocations: true`; throws `ScoringInputError`
 * otherwise.
 *
 * @example
 * ```ts
 * const result = simulateFleet({ trace, serviceModel, config, recordInvocations: true });
 * const score = scoreSimulation(result, { sloP99Ms: 200, windowMinutes: 5 });
 * score.attainment; // e.g. 0.97
 * ```
 */
export function scoreSimulation(result: SimulationResult, criteria: ScoringCriteria): PolicyScore {
  const recorded = result.invocations;
  if (recorded === null) {
    throw new ScoringInputError(
      'scoreSimulation: the simulation must record invocations (recordInvocations: true)',
    );
  }
  const { arrivalMs, e2eMs } = recorded;
  const minutes = result.metrics.length;
  const perWindow = criteria.windowMinutes;
  const windows = Math.ceil(minutes / perWindow);
  let withTraffic = 0;
  let meeting = 0;
  let next = 0;
  const warmUp = criteria.warmUpWindows ?? 0;
  for (let w = 0; w < windows; w++) {
    const firstMinute = w * perWindow;
    const endMinute = Math.min(firstMinute + perWindow, minutes);
    let throttles = 0;
    for (let m = firstMinute; m < endMinute; m++) throttles += result.metrics[m]?.throttles ?? 0;
    const endMs = result.startMs + endMinute * MINUTE_MS;
    const first = next;
    while (next < arrivalMs.length && (arrivalMs[next] as number) < endMs) next++;
    if (next === first && throttles === 0) continue;
    if (w < warmUp) continue;
    withTraffic++;
    if (windowLatenciesMeetSlo(e2eMs.subarray(first, next), throttles, criteria.sloP99Ms)) {
      meeting++;
    }
  }
  const { served, throttled, arrivals, coldStarts } = result.totals;
  return {
    requests: arrivals,
    invocations: served,
    throttles: throttled,
    windowsWithTraffic: withTraffic,
    windowsMeetingSlo: meeting,
    attainment: withTraffic > 0 ? meeting / withTraffic : null,
    p99Ms: windowP99Ms(e2eMs, throttled),
    coldStarts,
    coldStartRate: served > 0 ? coldStarts / served : null,
    cost: result.cost,
    costUsd: result.cost.total,
    costPerMillionUsd: arrivals > 0 ? (result.cost.total / arrivals) * 1e6 : null,
  };
}
