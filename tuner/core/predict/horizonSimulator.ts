import type { FleetConfig } from '../../sim/fleetConfig.ts';
import { nearestRankPercentile } from '../../sim/percentile.ts';
import { Xoshiro128 } from '../../sim/random/xoshiro128.ts';
import type { ServiceModel } from '../../sim/service/serviceModel.ts';
import { simulateFleet } from '../../sim/simulateFleet.ts';
import type { SimulationPricing } from '../../sim/simulationInput.ts';
import { type DemandForecast, sampleScenario } from '../forecast/demandForecast.ts';
import { badRequestCount } from '../slo/requestSli.ts';
import { slowRequestsAllowed, windowP99Ms } from '../slo/windowSlo.ts';
import type { CandidatePrediction } from './candidatePrediction.ts';

const MINUTE_MS = 60_000;

/** Everything a prediction needs besides the candidate. */
export interface HorizonSetup {
  /** Start of the next minute: the decision takes effect from here. */
  readonly decisionMs: number;
  /** The demand of the last minutes, replayed first so the fleet is as warm as the real one. */
  readonly prefixCounts: readonly number[];
  readonly forecast: DemandForecast;
  readonly horizonMinutes: number;
  readonly windowMinutes: number;
  /** What is in effect now (memory, PC ready, reserved). */
  readonly current: FleetConfig;
  readonly serviceModel: ServiceModel;
  /** A request slower than this counts against the window (the target tightened by the margin). */
  readonly thresholdMs: number;
  readonly sloP99Ms: number;
  readonly replications: number;
  readonly seed: number;
  readonly pricing: SimulationPricing;
  readonly accountConcurrencyLimit: number;
  readonly keepAliveSec?: number;
  readonly provisionedAllocationDelaySec?: number;
}

/**
 * Predicts candidates by simulation: the same scenarios (common random numbers) for every
 * candidate, so differences between candidates are the candidates', not the dice's. Each
 * replication replays the recent minutes under the current configuration, switches to the
 * candidate (with Lambda's real delays), then runs one sampled scenario of the horizon.
 */
export class HorizonSimulator {
  readonly #setup: HorizonSetup;
  readonly #scenarios: number[][];
  readonly #prefixCost: number[];

  constructor(setup: HorizonSetup) {
    this.#setup = setup;
    this.#scenarios = [];
    for (let r = 0; r < setup.replications; r++) {
      this.#scenarios.push(
        sampleScenario(setup.forecast, setup.horizonMinutes, new Xoshiro128(setup.seed, 1000 + r)),
      );
    }
    this.#prefixCost = this.#scenarios.map((_, r) =>
      setup.prefixCounts.length === 0
        ? 0
        : simulateFleet({
            trace: {
              kind: 'perMinute',
              startMs: this.#prefixStartMs(),
              counts: setup.prefixCounts,
            },
            serviceModel: setup.serviceModel,
            config: setup.current,
            seed: setup.seed + r,
            pricing: setup.pricing,
            accountConcurrencyLimit: setup.accountConcurrencyLimit,
            ...this.#delays(),
          }).cost.total,
    );
  }

  /**
   * Simulates one candidate over every scenario.
   *
   * @example
   * ```ts
   * const prediction = new HorizonSimulator(setup).predict({ memoryMb: 1769, provisionedConcurrency: 2, reservedConcurrency: null });
   * ```
   */
  predict(candidate: FleetConfig): CandidatePrediction {
    const s = this.#setup;
    const prefixMinutes = s.prefixCounts.length;
    const windows = Math.max(1, Math.floor(s.horizonMinutes / s.windowMinutes));
    let horizonCost = 0;
    let requests = 0;
    let coldStarts = 0;
    let throttles = 0;
    const windowP99s: number[] = [];
    // Per simulated window: its slow requests and how many a p99 allows.
    const slowByWindow: number[][] = Array.from({ length: windows }, () => []);
    const allowedByWindow: number[][] = Array.from({ length: windows }, () => []);
    for (let r = 0; r < this.#scenarios.length; r++) {
      const counts = [...s.prefixCounts, ...(this.#scenarios[r] as number[])];
      const result = simulateFleet({
        trace: { kind: 'perMinute', startMs: this.#prefixStartMs(), counts },
        serviceModel: s.serviceModel,
        config: s.current,
        // The switch happens at the end of the prefix: the first (and only useful) policy call.
        policy: { name: 'candidate', decide: () => candidate },
        controlIntervalSec: Math.max(1, prefixMinutes) * 60,
        seed: s.seed + r,
        pricing: s.pricing,
        accountConcurrencyLimit: s.accountConcurrencyLimit,
        recordInvocations: true,
        ...this.#delays(),
      });
      horizonCost += result.cost.total - (this.#prefixCost[r] as number);
      const recorded = result.invocations;
      const latencies: number[][] = Array.from({ length: windows }, () => []);
      if (recorded !== null) {
        for (let i = 0; i < recorded.arrivalMs.length; i++) {
          const offset = (recorded.arrivalMs[i] as number) - s.decisionMs;
          if (offset < 0) continue;
          const w = Math.floor(offset / (s.windowMinutes * MINUTE_MS));
          if (w < windows) latencies[w]?.push(recorded.e2eMs[i] as number);
        }
      }
      for (let w = 0; w < windows; w++) {
        let throttled = 0;
        let cold = 0;
        for (let m = 0; m < s.windowMinutes; m++) {
          const minute = result.metrics[prefixMinutes + w * s.windowMinutes + m];
          throttled += minute?.throttles ?? 0;
          cold += minute?.coldStarts ?? 0;
        }
        const served = latencies[w] as number[];
        const n = served.length + throttled;
        if (n === 0) continue;
        requests += n;
        throttles += throttled;
        coldStarts += cold;
        slowByWindow[w]?.push(badRequestCount(served, throttled, s.thresholdMs));
        allowedByWindow[w]?.push(slowRequestsAllowed(n));
        windowP99s.push(windowP99Ms(served, throttled) as number);
      }
    }
    const hours = (this.#scenarios.length * s.horizonMinutes) / 60;
    return {
      config: candidate,
      missProbability: smoothedMissProbability(slowByWindow, allowedByWindow),
      transitionMissProbability: smoothedMissProbability(
        slowByWindow.slice(0, 1),
        allowedByWindow.slice(0, 1),
      ),
      steadyMissProbability: smoothedMissProbability(
        windows > 1 ? slowByWindow.slice(1) : slowByWindow,
        windows > 1 ? allowedByWindow.slice(1) : allowedByWindow,
      ),
      predictedP99Ms: windowP99s.length === 0 ? null : nearestRankPercentile(windowP99s, 90),
      coldStartRate: requests === 0 ? 0 : coldStarts / requests,
      throttleRate: requests === 0 ? 0 : throttles / requests,
      costPerHourUsd: hours > 0 ? Math.max(0, horizonCost) / hours : 0,
    };
  }

  #prefixStartMs(): number {
    return this.#setup.decisionMs - this.#setup.prefixCounts.length * MINUTE_MS;
  }

  #delays(): { keepAliveSec?: number; provisionedAllocationDelaySec?: number } {
    const d: { keepAliveSec?: number; provisionedAllocationDelaySec?: number } = {};
    if (this.#setup.keepAliveSec !== undefined) d.keepAliveSec = this.#setup.keepAliveSec;
    if (this.#setup.provisionedAllocationDelaySec !== undefined) {
      d.provisionedAllocationDelaySec = this.#setup.provisionedAllocationDelaySec;
    }
    return d;
  }
}

/** How many scenarios' worth of weight the Poisson estimate carries against the counted misses. */
const POISSON_PRIOR_WEIGHT = 4;

/**
 * The chance a window misses. Counting the scenarios' misses alone sees probabilities only in
 * steps of 1/scenarios — far too coarse for a 1% goal — and says 0 for risks rarer than that.
 * Treating slow requests as Poisson with the scenarios' mean is smooth but pessimistic: cold
 * starts within a window are anti-correlated (each one leaves a warm environment behind), so two
 * in one window are rarer than Poisson says. The estimate is the counted share, shrunk toward the
 * Poisson one as a prior worth a few scenarios: counted misses dominate, the prior keeps rare
 * risks from reading as zero.
 *
 * @example
 * ```ts
 * smoothedMissProbability([[0, 1, 0, 0]], [[1, 1, 1, 1]]); // (0 + 4 × P(Poisson(0.25) > 1)) / 8 ≈ 0.013
 * ```
 */
export function smoothedMissProbability(
  slowByWindow: readonly (readonly number[])[],
  allowedByWindow: readonly (readonly number[])[],
): number {
  let total = 0;
  let count = 0;
  for (let w = 0; w < slowByWindow.length; w++) {
    const slow = slowByWindow[w] as readonly number[];
    const allowed = allowedByWindow[w] as readonly number[];
    if (slow.length === 0) continue;
    const mean = slow.reduce((a, b) => a + b, 0) / slow.length;
    let poisson = 0;
    let misses = 0;
    for (let i = 0; i < slow.length; i++) {
      const a = allowed[i] as number;
      poisson += poissonTailAbove(mean, a);
      if ((slow[i] as number) > a) misses++;
    }
    poisson /= slow.length;
    total += (misses + POISSON_PRIOR_WEIGHT * poisson) / (slow.length + POISSON_PRIOR_WEIGHT);
    count++;
  }
  return count === 0 ? 0 : total / count;
}

/** P(X > k) for X ~ Poisson(mean). */
function poissonTailAbove(mean: number, k: number): number {
  if (mean <= 0) return 0;
  let term = Math.exp(-mean);
  let cdf = term;
  for (let i = 1; i <= k; i++) {
    term *= mean / i;
    cdf += term;
  }
  return Math.max(0, 1 - cdf);
}
