import type { ErrorBudget } from '../../core/slo/errorBudget.ts';
import type { FleetCost } from '../../sim/index.ts';

/** How one policy did on one trace: the backtest's scores. */
export interface PolicyScore {
  /** Requests in the trace (served + throttled). */
  readonly requests: number;
  /** Requests that ran (AWS/Lambda `Invocations`: throttled ones are not counted). */
  readonly invocations: number;
  /** Requests refused (concurrency ceiling or scale-up rate). */
  readonly throttles: number;
  /** SLO windows in which at least one request arrived (windows without traffic, and the warm-up windows, are not scored). */
  readonly windowsWithTraffic: number;
  /** Of those, the windows whose p99 (throttles as infinite latency) was ≤ the target. */
  readonly windowsMeetingSlo: number;
  /** `windowsMeetingSlo / windowsWithTraffic`; null without traffic. */
  readonly attainment: number | null;
  /** Requests of the scored windows (the warm-up windows left out), throttled ones included. */
  readonly requestsScored: number;
  /**
   * Of those, the good ones: served within the latency threshold (`tuner/core/slo/requestSli.ts`),
   * what a request-based SLO counts.
   */
  readonly goodRequests: number;
  /** `goodRequests / requestsScored`; null without requests. */
  readonly goodRequestShare: number | null;
  /**
   * The SLO's error budget at the end of the trace — periods or requests, by the SLO's kind —
   * over its interval, with the burn rate of the last hour; null when scored without an SLO.
   */
  readonly errorBudget: ErrorBudget | null;
  /** Whole-trace nearest-rank p99 end-to-end latency, ms; `Infinity` when > 1% was throttled. */
  readonly p99Ms: number | null;
  /** User-facing cold starts. */
  readonly coldStarts: number;
  /** `coldStarts / invocations`; null without invocations. */
  readonly coldStartRate: number | null;
  /** The bill, USD, by part. */
  readonly cost: FleetCost;
  /** `cost.total`, USD. */
  readonly costUsd: number;
  /** Cost per million requests of the trace, USD; null without requests. */
  readonly costPerMillionUsd: number | null;
}
