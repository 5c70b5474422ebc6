/**
 * The invocations a simulation replays: either counts per minute (the Azure 2019 shape) or one
 * timestamp per invocation (the Azure 2021 and plain-CSV shapes).
 */

/** The two shapes of an arrival trace. */
export const ArrivalTraceKind = {
  PER_MINUTE: 'perMinute',
  TIMESTAMPS: 'timestamps',
} as const;
export type ArrivalTraceKind = (typeof ArrivalTraceKind)[keyof typeof ArrivalTraceKind];

/**
 * Invocations per minute. Within a minute the simulator places the arrivals as a Poisson process
 * conditioned on the count (uniform order statistics), from its seed.
 */
export interface PerMinuteArrivals {
  readonly kind: typeof ArrivalTraceKind.PER_MINUTE;
  /** Start of the first minute, epoch ms. */
  readonly startMs: number;
  /** Invocations in each minute (non-negative integers). */
  readonly counts: ArrayLike<number>;
}

/** One arrival time per invocation, optionally with the duration each one took. */
export interface TimestampArrivals {
  readonly kind: typeof ArrivalTraceKind.TIMESTAMPS;
  /** Arrival times, epoch ms, sorted ascending. */
  readonly timestampsMs: ArrayLike<number>;
  /** Measured durations, ms, one per timestamp; used only with `useTraceDurations`. */
  readonly durationsMs?: ArrayLike<number>;
  /** Start of the simulated window, epoch ms; defaults to the first arrival's minute. */
  readonly startMs?: number;
  /** End of the simulated window (exclusive), epoch ms; defaults to the end of the last arrival's minute. */
  readonly endMs?: number;
}

/** A trace to replay. */
export type ArrivalTrace = PerMinuteArrivals | TimestampArrivals;

/**
 * How many invocations a trace holds.
 *
 * @example
 * ```ts
 * arrivalCount({ kind: 'perMinute', startMs: 0, counts: [3, 0, 5] }); // 8
 * ```
 */
export function arrivalCount(trace: ArrivalTrace): number {
  if (trace.kind === ArrivalTraceKind.TIMESTAMPS) return trace.timestampsMs.length;
  let total = 0;
  for (let i = 0; i < trace.counts.length; i++) total += trace.counts[i] as number;
  return total;
}
