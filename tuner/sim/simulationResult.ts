import type { FleetConfig } from './fleetConfig.ts';
import type { IntervalMetrics } from './intervalMetrics.ts';

/** What the simulated fleet cost, USD, by the parts of the cost model in docs/architecture.md. */
export interface FleetCost {
  /** Request charge of every served invocation (throttled requests are free). */
  readonly requests: number;
  /** On-demand duration, each invocation rounded up to the millisecond. */
  readonly duration: number;
  /** Billed INIT of every on-demand environment created (at the on-demand duration rate). */
  readonly init: number;
  /** Provisioned-concurrency allocation, each constant period rounded up to 5-minute blocks. */
  readonly provisioned: number;
  /** Duration of invocations served by provisioned environments, at the PC duration rate. */
  readonly provisionedDuration: number;
  /** The sum of the parts. */
  readonly total: number;
}

/** A configuration requested at some instant (by the initial config or a policy). */
export interface ConfigChange {
  /** When it was requested, epoch ms. */
  readonly atMs: number;
  readonly config: FleetConfig;
}

/** The capacity actually in effect from some instant on. */
export interface CapacityChange {
  /** Epoch ms. */
  readonly atMs: number;
  /** Memory size of the version taking traffic. */
  readonly memoryMb: number;
  /** Provisioned environments allocated and ready (busy or idle). */
  readonly provisionedReady: number;
  /** Concurrency ceiling: reserved concurrency, or the account limit without one. */
  readonly concurrencyLimit: number;
}

/** Counts over the whole run. */
export interface SimulationTotals {
  /** Requests in the trace. */
  readonly arrivals: number;
  /** Requests that ran (arrivals − throttled). */
  readonly served: number;
  /** Requests refused: concurrency at its ceiling, or the scale-up rate exhausted. */
  readonly throttled: number;
  /** User-facing cold starts (on-demand environments created for a request). */
  readonly coldStarts: number;
  /** Invocations that ran on-demand while provisioned concurrency was configured. */
  readonly spillover: number;
}

/** Per served invocation, in arrival order (only with `recordInvocations`). */
export interface RecordedInvocations {
  /** Arrival time, epoch ms. */
  readonly arrivalMs: Float64Array;
  /** End-to-end latency, ms (init + service on a cold start, else service). */
  readonly e2eMs: Float64Array;
}

/** Everything a simulation run produces. */
export interface SimulationResult {
  /** The simulated window, epoch ms (end exclusive). */
  readonly startMs: number;
  readonly endMs: number;
  /** The policy's name, or null for a static configuration. */
  readonly policy: string | null;
  /** One entry per minute of the window, CloudWatch-shaped. */
  readonly metrics: readonly IntervalMetrics[];
  /** The initial configuration and every change a policy requested. */
  readonly configTimeline: readonly ConfigChange[];
  /** What was in effect over time (after allocation and publish delays). */
  readonly capacityTimeline: readonly CapacityChange[];
  readonly totals: SimulationTotals;
  readonly cost: FleetCost;
  /** Present when `recordInvocations` was set. */
  readonly invocations: RecordedInvocations | null;
}
