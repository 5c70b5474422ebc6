/**
 * A measured profile of one inference handler: what the profiler writes and the simulator reads.
 * Keep this format stable; it is documented in the README ("Profile format").
 */
export interface Profile {
  /** Name of the profiled handler, e.g. "ocr-detector". */
  readonly name: string;
  /** The Lambda memory size this machine's measurements stand for (see the README). */
  readonly memoryMb: number;
  /** Measured init durations (process start → ready), milliseconds, one per cold start. */
  readonly initMs: readonly number[];
  /** Measured warm service times (handler wall time), milliseconds. */
  readonly serviceMs: readonly number[];
  /** CPU time / wall time of a warm invocation, 0..1 (above 1 with several threads, clamped). */
  readonly cpuBoundFraction: number;
  /** How many threads the work can use at most (the CPU speed-up stops there). */
  readonly maxThreads: number;
  /** Size of the model file the handler loads, bytes, when known (for reports; not simulated). */
  readonly modelBytes?: number;
}

/**
 * What a profile may hold: bounds that keep a hand-edited or corrupted profile from driving the
 * simulator to absurd costs (a `serviceMs` of 1e300) or memory (docs/decisions/0010-bounded-strict-inputs.md).
 */
export const ProfileLimits = {
  /** The longest sample, ms: an invocation stops at 15 minutes, and so does an init. */
  MAX_SAMPLE_MS: 900_000,
  /** The most samples in each of `initMs` and `serviceMs`. */
  MAX_SAMPLES: 1_000_000,
  /** The most threads the work can use (Lambda gives at most 6 vCPUs; more changes nothing). */
  MAX_THREADS: 1024,
  /** The longest name, characters. */
  MAX_NAME_CHARS: 256,
} as const;
