import type { IntervalMetrics } from '../../sim/intervalMetrics.ts';

/**
 * How long the function takes, as the tuner knows it from CloudWatch: handler duration quantiles
 * and init at the memory they were observed at, and how CPU-bound the work is (which says how
 * duration moves with memory).
 */
export interface LatencyModel {
  /** The memory size the observations were made at. */
  readonly referenceMemoryMb: number;
  /** Handler duration p50 and p99 at the reference memory, ms. */
  readonly serviceP50Ms: number;
  readonly serviceP99Ms: number;
  /** Init duration p50 at the reference memory, ms. */
  readonly initP50Ms: number;
  /** CPU time / wall time, 0..1: the part of the duration that more memory (CPU) speeds up. */
  readonly cpuBoundFraction: number;
  /** Threads the work can use: the speed-up stops there. */
  readonly maxThreads: number;
  /** Minutes of traffic behind the fit. */
  readonly observedMinutes: number;
  /** What could not be observed and was assumed instead. */
  readonly assumptions: readonly string[];
}

/** Without any cold start observed, an init this many times the median duration is assumed. */
const INIT_PRIOR_MULTIPLE = 4;
const INIT_PRIOR_FLOOR_MS = 500;

/**
 * Fits the latency model from per-minute metrics observed at one memory size (the minutes since
 * the last memory change). Quantiles are invocation-weighted across minutes; the CPU-bound
 * fraction is total CPU time over total wall time. Returns null without any served invocation.
 *
 * @example
 * ```ts
 * const model = fitLatencyModel(history.slice(-60), 1769);
 * model?.serviceP99Ms;
 * ```
 */
export function fitLatencyModel(
  minutes: readonly IntervalMetrics[],
  memoryMb: number,
): LatencyModel | null {
  const p50: Array<[number, number]> = [];
  const p99: Array<[number, number]> = [];
  const init: Array<[number, number]> = [];
  let cpu = 0;
  let wall = 0;
  let observed = 0;
  for (const m of minutes) {
    if (m.invocations <= 0) continue;
    observed++;
    if (m.durationP50Ms !== null) p50.push([m.durationP50Ms, m.invocations]);
    if (m.durationP99Ms !== null) p99.push([m.durationP99Ms, m.invocations]);
    if (m.initP50Ms !== null && m.coldStarts > 0) init.push([m.initP50Ms, m.coldStarts]);
    if (m.cpuTimeAvgMs !== null && m.invokeLatencyAvgMs !== null && m.invokeLatencyAvgMs > 0) {
      cpu += m.cpuTimeAvgMs * m.invocations;
      wall += m.invokeLatencyAvgMs * m.invocations;
    }
  }
  if (p50.length === 0) return null;
  const assumptions: string[] = [];
  const serviceP50Ms = weightedQuantile(p50, 0.5);
  // A minute's p99 from a handful of samples is noisy: take a high quantile of the minutes' p99s,
  // weighted by traffic, which tracks the tail of the pooled distribution without chasing outliers.
  const serviceP99Ms = Math.max(
    serviceP50Ms,
    p99.length > 0 ? weightedQuantile(p99, 0.5) : serviceP50Ms * 1.5,
  );
  let initP50Ms: number;
  if (init.length > 0) {
    initP50Ms = weightedQuantile(init, 0.5);
  } else {
    initP50Ms = Math.max(INIT_PRIOR_FLOOR_MS, INIT_PRIOR_MULTIPLE * serviceP50Ms);
    assumptions.push(`no cold start observed: init assumed ${Math.round(initP50Ms)} ms`);
  }
  let cpuBoundFraction = 1;
  let maxThreads = 1;
  if (wall > 0) {
    const ratio = cpu / wall;
    cpuBoundFraction = Math.min(1, Math.max(0, ratio));
    // CPU time above wall time means several threads at work.
    maxThreads = ratio > 1.1 ? Math.ceil(ratio) : 1;
  } else {
    assumptions.push('no CpuTime metric: the work is assumed fully CPU-bound on one thread');
  }
  return {
    referenceMemoryMb: memoryMb,
    serviceP50Ms,
    serviceP99Ms,
    initP50Ms,
    cpuBoundFraction,
    maxThreads,
    observedMinutes: observed,
    assumptions,
  };
}

/**
 * The value below which `q` of the total weight lies.
 *
 * @example
 * ```ts
 * weightedQuantile([[10, 1], [20, 3]], 0.5); // 20
 * ```
 */
export function weightedQuantile(
  pairs: ReadonlyArray<readonly [number, number]>,
  q: number,
): number {
  const sorted = [...pairs].sort((a, b) => a[0] - b[0]);
  const total = sorted.reduce((s, [, w]) => s + w, 0);
  let acc = 0;
  for (const [value, weight] of sorted) {
    acc += weight;
    if (acc >= q * total) return value;
  }
  return (sorted[sorted.length - 1] as readonly [number, number])[0];
}
