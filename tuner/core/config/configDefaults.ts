import { DEFAULT_NAMESPACE } from '@lambda-thermostat/sdk/emf';
import { LambdaLimits } from './lambdaLimits.ts';

/**
 * Every default of the SLO config, with why it is what it is. A config only needs `targets`
 * (each with `function`, `alias` and `slo.p99Ms`); everything else falls back to these.
 */
export const CONFIG_DEFAULTS = {
  /** Recommend first: a new install changes nothing until someone opts into `apply`. */
  mode: 'recommend',
  /** Matches CloudWatch's 1-minute Lambda metrics with enough samples per cycle to see a p99. */
  schedule: 'rate(5 minutes)',
  /** The SDK's EMF namespace (docs/architecture.md, "The telemetry contract"). */
  namespace: DEFAULT_NAMESPACE,
  bounds: {
    /** Anything Lambda allows. */
    memoryMb: [LambdaLimits.MEMORY_MIN_MB, LambdaLimits.MEMORY_MAX_MB],
    /**
     * Up to 100 warm environments (a tenth of the default account limit of 1,000), and never
     * above the reserved-concurrency maximum when one is set: PC costs money while idle.
     */
    provisionedConcurrencyMax: 100,
    /** Reservation optional and unbounded: the account guardrail limits it. */
    reservedConcurrency: [null, null],
  },
  /** All three knobs. */
  tune: ['provisionedConcurrency', 'memory', 'reservedConcurrency'],
  allowZeroReserved: false,
  paused: false,
  guardrails: {
    cooldownMinutes: {
      /**
       * Up after 5 minutes (one cycle: a spike must be answered fast); down after 15 (PC bills in
       * 5-minute minimums and takes a minute or two to allocate, so flapping costs twice).
       */
      provisionedConcurrency: { up: 5, down: 15 },
      /**
       * Each memory change publishes a version and cold-starts a new fleet; the model needs about
       * an hour of traffic at the new size to refit. Up after 30 minutes, down after 2 hours.
       */
      memory: { up: 30, down: 120 },
      /** Reservations change instantly and cost nothing, but lowering one can throttle: 5 / 30. */
      reservedConcurrency: { up: 5, down: 30 },
    },
    /** A step down removes at most a quarter of the current value (at least 1 unit / 1 MB). */
    scaleDownMaxStep: { provisionedConcurrency: 0.25, memory: 0.25, reservedConcurrency: 0.25 },
    safetyMargin: {
      /** Plan for p99 ≤ 90% of the target until the model has a track record. */
      initial: 0.1,
      min: 0.05,
      max: 0.5,
      /** A miss grows the margin by half at once ... */
      growOnMiss: 1.5,
      /** ... and each hit shrinks it by 2%: about 35 good cycles (~3 h at 5 min) to halve it. */
      shrinkOnHit: 0.98,
    },
    /** Lambda's own floor; raise it to keep room for functions the tuner does not manage. */
    minUnreservedConcurrency: LambdaLimits.MIN_UNRESERVED_CONCURRENCY,
    /**
     * Allocation starts after a minute or two, then a burst and ~500 environments a minute
     * (Lambda developer guide, "Optimizing latency with provisioned concurrency"): 10 minutes
     * covers a few hundred with room to spare.
     */
    pcAllocationTimeoutSec: 600,
    /** A memory update usually finishes in seconds; five minutes means something is wrong. */
    functionUpdateTimeoutSec: 300,
    rollback: {
      enabled: true,
      /** Three cycles of data after the change. */
      watchMinutes: 15,
      /** One more failed request in a hundred. */
      maxErrorRateIncrease: 0.01,
      /** One more throttled request in a hundred. */
      maxThrottleRateIncrease: 0.01,
    },
  },
} as const;
