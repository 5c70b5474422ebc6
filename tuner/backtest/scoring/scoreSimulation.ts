import { BURN_RATE_SPAN_MS, errorBudget } from '../../core/slo/errorBudget.ts';
import { badRequestCount } from '../../core/slo/requestSli.ts';
import { type ServiceLevelObjective, SloKind } from '../../core/slo/serviceLevelObjective.ts';
import { intervalAt } from '../../core/slo/sloInterval.ts';
import { windowMeetsSlo, windowP99Ms } from '../../core/slo/windowSlo.ts';
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
  /**
   * The SLO whose error budget is accounted at the end of the trace (its threshold is
   * `sloP99Ms`); none: no budget.
   */
  readonly objective?: ServiceLevelObjective;
}

/** One scored window: when it started, whether it met the p99 rule, its good and bad requests. */
interface ScoredWindow {
  readonly startMs: number;
  readonly met: boolean;
  readonly requests: number;
  readonly bad: number;
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
  const scored: ScoredWindow[] = [];
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
    const requests = next - first + throttles;
    const bad = badRequestCount(e2eMs.subarray(first, next), throttles, criteria.sloP99Ms);
    scored.push({
      startMs: result.startMs + firstMinute * MINUTE_MS,
      met: windowMeetsSlo({ requests, slowRequests: bad }),
      requests,
      bad,
    });
  }
  const meeting = scored.filter((window) => window.met).length;
  const requestsScored = scored.reduce((sum, window) => sum + window.requests, 0);
  const goodRequests = requestsScored - scored.reduce((sum, window) => sum + window.bad, 0);
  const { served, throttled, arrivals, coldStarts } = result.totals;
  return {
    requests: arrivals,
    invocations: served,
    throttles: throttled,
    windowsWithTraffic: scored.length,
    windowsMeetingSlo: meeting,
    attainment: scored.length > 0 ? meeting / scored.length : null,
    requestsScored,
    goodRequests,
    goodRequestShare: requestsScored > 0 ? goodRequests / requestsScored : null,
    errorBudget:
      criteria.objective === undefined
        ? null
        : budgetAtEnd(scored, criteria.objective, result.endMs),
    p99Ms: windowP99Ms(e2eMs, throttled),
    coldStarts,
    coldStartRate: served > 0 ? coldStarts / served : null,
    cost: result.cost,
    costUsd: result.cost.total,
    costPerMillionUsd: arrivals > 0 ? (result.cost.total / arrivals) * 1e6 : null,
  };
}

/** The error budget at `endMs` from the scored windows within the SLO's interval. */
function budgetAtEnd(
  scored: readonly ScoredWindow[],
  objective: ServiceLevelObjective,
  endMs: number,
) {
  const interval = intervalAt(objective.goal.interval, endMs);
  const tally = (fromMs: number) => {
    let good = 0;
    let bad = 0;
    for (const window of scored) {
      if (window.startMs < fromMs || window.startMs >= endMs) continue;
      if (objective.kind === SloKind.PERIOD) {
        if (window.met) good++;
        else bad++;
      } else {
        good += window.requests - window.bad;
        bad += window.bad;
      }
    }
    return { good, bad };
  };
  return errorBudget({
    slo: objective,
    nowMs: endMs,
    interval: tally(interval.startMs),
    recent: tally(Math.max(interval.startMs, endMs - BURN_RATE_SPAN_MS)),
  });
}
