import type {
  ArrivalTrace,
  FleetCost,
  IntervalMetrics,
  Profile,
  SimulationResult,
} from '../../../tuner/sim/index.ts';
import { emptyIntervalMetrics } from '../../../tuner/sim/intervalMetrics.ts';

const MINUTE_MS = 60_000;

/**
 * A small profile with hand-checkable times: 100–120 ms warm, 800 ms init at 1,024 MB, mostly
 * CPU-bound, single-threaded.
 */
export function smallProfile(overrides: Partial<Profile> = {}): Profile {
  return {
    name: 'fixture',
    memoryMb: 1024,
    initMs: [800],
    serviceMs: [100, 110, 120],
    cpuBoundFraction: 0.8,
    maxThreads: 1,
    ...overrides,
  };
}

/** A per-minute trace starting at 0. */
export function perMinute(counts: readonly number[]): ArrivalTrace {
  return { kind: 'perMinute', startMs: 0, counts };
}

/** A per-minute trace of `minutes` minutes with `pattern(m)` requests in minute `m`. */
export function repeated(minutes: number, pattern: (minute: number) => number): ArrivalTrace {
  return perMinute(Array.from({ length: minutes }, (_, m) => pattern(m)));
}

/** One minute of metrics with every optional value absent. */
export function emptyMinute(
  index: number,
  overrides: Partial<IntervalMetrics> = {},
): IntervalMetrics {
  return { ...emptyIntervalMetrics(index * MINUTE_MS), ...overrides };
}

/** A hand-made simulation result: served requests (arrival, latency) and throttles per minute. */
export function handMadeResult(options: {
  readonly minutes: number;
  readonly served: readonly (readonly [arrivalMs: number, e2eMs: number])[];
  readonly throttlesByMinute?: Readonly<Record<number, number>>;
  readonly coldStarts?: number;
  readonly cost?: FleetCost;
}): SimulationResult {
  const throttles = options.throttlesByMinute ?? {};
  const throttled = Object.values(throttles).reduce((sum, n) => sum + n, 0);
  const cost = options.cost ?? {
    requests: 1,
    duration: 2,
    init: 3,
    provisioned: 4,
    provisionedDuration: 5,
    total: 15,
  };
  return {
    startMs: 0,
    endMs: options.minutes * MINUTE_MS,
    policy: null,
    metrics: Array.from({ length: options.minutes }, (_, m) =>
      emptyMinute(m, { throttles: throttles[m] ?? 0 }),
    ),
    configTimeline: [],
    capacityTimeline: [],
    totals: {
      arrivals: options.served.length + throttled,
      served: options.served.length,
      throttled,
      coldStarts: options.coldStarts ?? 0,
      spillover: 0,
    },
    cost,
    invocations: {
      arrivalMs: Float64Array.from(options.served.map(([arrival]) => arrival)),
      e2eMs: Float64Array.from(options.served.map(([, e2e]) => e2e)),
    },
  };
}
