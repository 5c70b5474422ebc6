import type { TargetObservation } from '../core/ports.ts';

/** What the last few minutes looked like, for the report and the tuner's own metrics. */
export interface ObservedSummary {
  /** Minutes summarised: the last whole minutes of the recent window. */
  readonly windowMinutes: number;
  /** Requests that arrived (invocations plus throttles). */
  readonly requests: number;
  /**
   * The worst per-minute p99 of the window, ms: per-minute p99s cannot be merged exactly, and the
   * worst of them bounds the window's p99 from above. Null without latency data.
   */
  readonly p99Ms: number | null;
  /** Share of requests within the SLO (CloudWatch `PR`), request-weighted, 0..100; null unknown. */
  readonly withinSloPercent: number | null;
  readonly coldStarts: number;
  readonly throttles: number;
  readonly errors: number;
  /** Requests in the last 60 minutes. */
  readonly requestsLastHour: number;
  readonly latencySource: TargetObservation['latencySource'];
}

/** The SLO window the summary covers, minutes. */
export const SUMMARY_WINDOW_MINUTES = 5;

/**
 * Summarises the last {@link SUMMARY_WINDOW_MINUTES} minutes of an observation.
 *
 * @example
 * ```ts
 * summariseObservation(observation).p99Ms; // e.g. 412
 * ```
 */
export function summariseObservation(observation: TargetObservation): ObservedSummary {
  const rows = observation.metrics.length;
  const from = Math.max(0, rows - SUMMARY_WINDOW_MINUTES);
  const window = observation.metrics.slice(from);
  const within = observation.withinSloPercent?.slice(from) ?? [];
  let p99Ms: number | null = null;
  let weighted = 0;
  let weight = 0;
  window.forEach((m, i) => {
    if (m.e2eP99Ms !== null) p99Ms = Math.max(p99Ms ?? 0, m.e2eP99Ms);
    const share = within[i];
    if (share !== null && share !== undefined && m.invocations > 0) {
      weighted += share * m.invocations;
      weight += m.invocations;
    }
  });
  const sum = (pick: (m: (typeof window)[number]) => number, rowsOf = window) =>
    rowsOf.reduce((total, m) => total + pick(m), 0);
  return {
    windowMinutes: window.length,
    requests: sum((m) => m.invocations + m.throttles),
    p99Ms,
    withinSloPercent: weight === 0 ? null : weighted / weight,
    coldStarts: sum((m) => m.coldStarts),
    throttles: sum((m) => m.throttles),
    errors: sum((m) => m.errors),
    requestsLastHour: sum((m) => m.invocations + m.throttles, observation.metrics.slice(-60)),
    latencySource: observation.latencySource,
  };
}
