import { Xoshiro128 } from '../../../tuner/sim/index.ts';

/**
 * Per-minute counts of a Poisson process of `perMinute` mean rate: the number of exponential gaps
 * that fit in each minute, so that with the simulator's uniform placement inside a minute the
 * arrivals are exactly a Poisson process.
 */
export function poissonMinuteCounts(perMinute: number, minutes: number, seed: number): Uint32Array {
  const rng = new Xoshiro128(seed, 99);
  const counts = new Uint32Array(minutes);
  let t = -Math.log(1 - rng.next()) / perMinute;
  for (let m = 0; m < minutes; m++) {
    let n = 0;
    while (t < m + 1) {
      n++;
      t += -Math.log(1 - rng.next()) / perMinute;
    }
    counts[m] = n;
  }
  return counts;
}

/** Erlang's loss formula B(c, a): the blocking probability of M/G/c/c at offered load a. */
export function erlangB(servers: number, offeredLoad: number): number {
  let b = 1;
  for (let k = 1; k <= servers; k++) b = (offeredLoad * b) / (k + offeredLoad * b);
  return b;
}

/** The Poisson probability P(K = k) for mean `mean`. */
export function poissonPmf(k: number, mean: number): number {
  let logP = -mean + k * Math.log(mean);
  for (let i = 2; i <= k; i++) logP -= Math.log(i);
  return Math.exp(logP);
}

/**
 * How many earlier invocations are still running when each one arrives, from the recorded
 * arrival times and end-to-end latencies (arrival order): i − #(ends ≤ arrival i).
 */
export function busySeenByArrivals(arrivalMs: Float64Array, e2eMs: Float64Array): Int32Array {
  const n = arrivalMs.length;
  const ends = new Float64Array(n);
  for (let i = 0; i < n; i++) ends[i] = (arrivalMs[i] as number) + (e2eMs[i] as number);
  ends.sort();
  const busy = new Int32Array(n);
  let ended = 0;
  for (let i = 0; i < n; i++) {
    const t = arrivalMs[i] as number;
    while (ended < n && (ends[ended] as number) <= t) ended++;
    busy[i] = i - ended;
  }
  return busy;
}
