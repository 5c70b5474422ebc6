import type { IntervalMetrics } from '../intervalMetrics.ts';
import { nearestRankIndex, selectInPlace } from '../percentile.ts';

const MINUTE_MS = 60_000;

/**
 * Accumulates one minute of metrics and closes it into an `IntervalMetrics`. Per-invocation
 * values go into typed buffers that are reused minute after minute (no per-invocation garbage);
 * percentiles are taken by quickselect when the minute closes. Every invocation counts in the
 * minute it arrived in, as its EMF line would.
 */
export class MinuteRecorder {
  readonly #cpuBoundFraction: number | null;

  // Public counters: the engine bumps them directly on its hot path.
  invocations = 0;
  throttles = 0;
  spillover = 0;
  coldStarts = 0;
  concurrencyMax = 0;
  serviceSumMs = 0;
  durations = new Float64Array(1024);
  e2e = new Float64Array(1024);

  #inits = new Float64Array(64);
  #initCount = 0;

  // Provisioned-concurrency utilisation: time integral of busy/allocated while allocated > 0.
  #pcLastMs = 0;
  #pcRatio = -1;
  #pcRatioIntegral = 0;
  #pcAllocatedMs = 0;
  #pcRatioMax = -1;

  constructor(cpuBoundFraction: number | null) {
    this.#cpuBoundFraction = cpuBoundFraction;
  }

  /** Starts a minute at `startMs` (relative) with what is in flight and allocated at that instant. */
  open(startMs: number, concurrency: number, pcBusy: number, pcAllocated: number): void {
    this.invocations = 0;
    this.throttles = 0;
    this.spillover = 0;
    this.coldStarts = 0;
    this.concurrencyMax = concurrency;
    this.serviceSumMs = 0;
    this.#initCount = 0;
    this.#pcLastMs = startMs;
    this.#pcRatioIntegral = 0;
    this.#pcAllocatedMs = 0;
    this.#pcRatio = -1;
    this.#pcRatioMax = -1;
    this.pcState(startMs, pcBusy, pcAllocated);
  }

  /** Makes room for `invocations` values this minute. */
  reserve(invocations: number): void {
    if (invocations > this.durations.length) {
      const size = Math.max(invocations, this.durations.length * 2);
      this.durations = new Float64Array(size);
      this.e2e = new Float64Array(size);
    }
  }

  /** A cold start's init duration. */
  recordInit(initMs: number): void {
    if (this.#initCount === this.#inits.length) {
      const next = new Float64Array(this.#inits.length * 2);
      next.set(this.#inits);
      this.#inits = next;
    }
    this.#inits[this.#initCount++] = initMs;
    this.coldStarts++;
  }

  /** Provisioned environments busy and allocated from `atMs` on (relative ms). */
  pcState(atMs: number, pcBusy: number, pcAllocated: number): void {
    if (this.#pcRatio >= 0) {
      const dt = atMs - this.#pcLastMs;
      this.#pcRatioIntegral += this.#pcRatio * dt;
      this.#pcAllocatedMs += dt;
    }
    this.#pcLastMs = atMs;
    this.#pcRatio = pcAllocated > 0 ? pcBusy / pcAllocated : -1;
    if (this.#pcRatio > this.#pcRatioMax) this.#pcRatioMax = this.#pcRatio;
  }

  /** Closes the minute that started at `startMs` (relative); `epochStartMs` is its epoch time. */
  close(startMs: number, epochStartMs: number): IntervalMetrics {
    this.pcState(startMs + MINUTE_MS, 0, 0);
    const n = this.invocations;
    const hasPc = this.#pcRatioMax >= 0;
    const durationP50Ms = percentile(this.durations, n, 50);
    const durationP99Ms = percentile99After50(this.durations, n);
    // Without a cold start, end-to-end latency is the handler duration: skip the second selection.
    const e2eP50Ms = this.coldStarts === 0 ? durationP50Ms : percentile(this.e2e, n, 50);
    const e2eP99Ms = this.coldStarts === 0 ? durationP99Ms : percentile99After50(this.e2e, n);
    return {
      startMs: epochStartMs,
      periodSec: 60,
      invocations: n,
      throttles: this.throttles,
      errors: 0,
      durationP50Ms,
      durationP99Ms,
      concurrencyMax: n > 0 || this.concurrencyMax > 0 ? this.concurrencyMax : null,
      pcUtilizationMax: hasPc ? this.#pcRatioMax : null,
      pcUtilizationAvg:
        hasPc && this.#pcAllocatedMs > 0 ? this.#pcRatioIntegral / this.#pcAllocatedMs : null,
      spillover: this.spillover,
      e2eP50Ms,
      e2eP99Ms,
      coldStarts: this.coldStarts,
      initP50Ms: percentile(this.#inits, this.#initCount, 50),
      cpuTimeAvgMs:
        n > 0 && this.#cpuBoundFraction !== null
          ? (this.serviceSumMs / n) * this.#cpuBoundFraction
          : null,
      invokeLatencyAvgMs: n > 0 ? this.serviceSumMs / n : null,
    };
  }
}

function percentile(values: Float64Array, n: number, p: number): number | null {
  return n === 0 ? null : selectInPlace(values, 0, n - 1, nearestRankIndex(n, p));
}

/**
 * The p99, called right after `percentile(values, n, 50)`: that selection left everything above
 * the median in the upper part, so only that part is searched.
 */
function percentile99After50(values: Float64Array, n: number): number | null {
  if (n === 0) return null;
  return selectInPlace(values, nearestRankIndex(n, 50), n - 1, nearestRankIndex(n, 99));
}
