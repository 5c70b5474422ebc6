import { windowLatenciesMeetSlo, windowP99Ms } from '../../core/slo/windowSlo.ts';
import {
  type FleetConfig,
  memoryScaleFactor,
  nearestRankPercentile,
  type Profile,
  type ServiceModel,
  type SimulationResult,
  simulateFleet,
} from '../../sim/index.ts';
import type { BacktestSimulationSettings } from '../backtestOptions.ts';
import type { PricingRates } from '../pricingRates.ts';
import type { ArrivalTape } from './arrivalTape.ts';
import type { CandidateWindowEvaluator, WindowEvaluation } from './candidateWindowEvaluator.ts';
import { costLowerBound } from './costLowerBound.ts';
import { windowSchedulePolicy } from './windowSchedulePolicy.ts';

const MINUTE_MS = 60_000;

/** What the evaluator needs. */
export interface WindowEvaluatorOptions {
  readonly tape: ArrivalTape;
  readonly windowMinutes: number;
  readonly profile: Profile;
  readonly serviceModel: ServiceModel;
  readonly seed: number;
  readonly sloP99Ms: number;
  /** Shared fleet settings; the evaluator sets both delays to 0 itself. */
  readonly simulation: BacktestSimulationSettings;
  /** Whole windows simulated before the evaluated one to carry its warm state in. */
  readonly prefixWindows: number;
}

/**
 * Simulates candidate configurations for one window at a time, the windows before it replayed
 * with the configurations already chosen for them (a warm-up prefix of `prefixWindows` windows,
 * long enough for the keep-alive to have settled which environments are warm), changes taking
 * effect at window starts with no delay. Results are cached per window until `commit`.
 *
 * @example
 * ```ts
 * const evaluator = new WindowEvaluator({ tape, windowMinutes: 5, profile, serviceModel, seed: 1,
 *   sloP99Ms: 200, simulation: {}, prefixWindows: 2 });
 * evaluator.evaluate(0, 1769, 1).meets; // does PC 1 at 1,769 MB meet the SLO in window 0?
 * evaluator.commit(0, { memoryMb: 1769, provisionedConcurrency: 1, reservedConcurrency: null });
 * ```
 */
export class WindowEvaluator implements CandidateWindowEvaluator {
  readonly #options: WindowEvaluatorOptions;
  readonly #windowMs: number;
  readonly #first: Uint32Array;
  readonly #chosen: FleetConfig[] = [];
  readonly #factors = new Map<number, number>();
  #cache = new Map<string, WindowEvaluation>();
  #prefixCost: number | null = null;
  #simulations = 0;

  constructor(options: WindowEvaluatorOptions) {
    this.#options = options;
    this.#windowMs = options.windowMinutes * MINUTE_MS;
    const { tape } = options;
    const windows = Math.ceil((tape.endMs - tape.startMs) / this.#windowMs);
    this.#first = new Uint32Array(windows + 1);
    for (let w = 1; w < windows; w++) {
      this.#first[w] = this.#firstAtOrAfter(tape.startMs + w * this.#windowMs);
    }
    this.#first[windows] = tape.arrivalMs.length;
  }

  /** Windows in the trace. */
  get windowCount(): number {
    return this.#first.length - 1;
  }

  /** Simulations run so far (for the report). */
  get simulations(): number {
    return this.#simulations;
  }

  /** Requests arriving in window `w`. */
  requests(w: number): number {
    return (this.#first[w + 1] as number) - (this.#first[w] as number);
  }

  /** Service times (at the profile's memory) of the requests arriving in window `w`. */
  serviceMs(w: number): Float64Array {
    return this.#options.tape.serviceMs.subarray(this.#first[w], this.#first[w + 1]);
  }

  /** The nearest-rank p99 of window `w`'s warm service times at the profile's memory, ms (0 if empty). */
  warmP99Ms(w: number): number {
    return nearestRankPercentile(this.serviceMs(w), 99) ?? 0;
  }

  /** A lower bound on what window `w`'s requests cost at `memoryMb` (see `costLowerBound`), USD. */
  windowCostLowerBound(w: number, memoryMb: number, rates: PricingRates): number {
    return costLowerBound(this.serviceMs(w), this.scaleFactor(memoryMb), memoryMb, rates);
  }

  /** The factor service and init times are multiplied by at `memoryMb`. */
  scaleFactor(memoryMb: number): number {
    let factor = this.#factors.get(memoryMb);
    if (factor === undefined) {
      const { profile } = this.#options;
      factor = memoryScaleFactor({
        fromMemoryMb: profile.memoryMb,
        toMemoryMb: memoryMb,
        cpuBoundFraction: profile.cpuBoundFraction,
        maxThreads: profile.maxThreads,
      });
      this.#factors.set(memoryMb, factor);
    }
    return factor;
  }

  /** Cost of the warm-up prefix of window `w` (the next window to choose), USD. */
  prefixCost(w: number): number {
    this.#checkNext(w);
    if (this.#prefixCost === null) {
      const lo = this.#prefixStart(w);
      this.#prefixCost = lo === w ? 0 : this.#simulate(lo, w, this.#chosen.slice(lo, w)).cost.total;
    }
    return this.#prefixCost;
  }

  /** Simulates window `w` (the next window to choose) with a candidate configuration. */
  evaluate(w: number, memoryMb: number, provisionedConcurrency: number): WindowEvaluation {
    this.#checkNext(w);
    const key = `${memoryMb}/${provisionedConcurrency}`;
    const cached = this.#cache.get(key);
    if (cached !== undefined) return cached;
    const lo = this.#prefixStart(w);
    const candidate: FleetConfig = { memoryMb, provisionedConcurrency, reservedConcurrency: null };
    const result = this.#simulate(lo, w + 1, [...this.#chosen.slice(lo, w), candidate]);
    const evaluation = this.#windowOutcome(result, w, candidate);
    this.#cache.set(key, evaluation);
    return evaluation;
  }

  /** Every candidate of window `w` simulated so far. */
  evaluated(w: number): WindowEvaluation[] {
    this.#checkNext(w);
    return [...this.#cache.values()];
  }

  /** Fixes window `w`'s configuration; the next window can then be evaluated. */
  commit(w: number, config: FleetConfig): void {
    this.#checkNext(w);
    this.#chosen.push(config);
    this.#cache = new Map();
    this.#prefixCost = null;
  }

  #checkNext(w: number): void {
    if (w !== this.#chosen.length) {
      throw new RangeError(`window ${w} is not the next one to choose (${this.#chosen.length})`);
    }
  }

  #prefixStart(w: number): number {
    return Math.max(0, w - this.#options.prefixWindows);
  }

  /** Index of the first arrival at or after `timeMs` (binary search). */
  #firstAtOrAfter(timeMs: number): number {
    const { arrivalMs } = this.#options.tape;
    let lo = 0;
    let hi = arrivalMs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((arrivalMs[mid] as number) < timeMs) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Replays windows `lo..hi-1` with one configuration each, from an empty fleet. */
  #simulate(lo: number, hi: number, configs: readonly FleetConfig[]): SimulationResult {
    const { tape, serviceModel, seed, simulation } = this.#options;
    const a = this.#first[lo] as number;
    const b = this.#first[hi] as number;
    const durations = new Float64Array(b - a);
    for (let w = lo; w < hi; w++) {
      const factor = this.scaleFactor((configs[w - lo] as FleetConfig).memoryMb);
      for (let i = this.#first[w] as number; i < (this.#first[w + 1] as number); i++) {
        durations[i - a] = (tape.serviceMs[i] as number) * factor;
      }
    }
    const startMs = tape.startMs + lo * this.#windowMs;
    const endMs = Math.min(tape.startMs + hi * this.#windowMs, tape.endMs);
    this.#simulations++;
    return simulateFleet({
      ...simulation,
      trace: {
        kind: 'timestamps',
        timestampsMs: tape.arrivalMs.subarray(a, b),
        durationsMs: durations,
        startMs,
        endMs,
      },
      useTraceDurations: true,
      serviceModel,
      seed,
      config: configs[0] as FleetConfig,
      ...(hi - lo > 1
        ? { policy: windowSchedulePolicy('oracle-window', startMs, this.#windowMs, configs) }
        : {}),
      controlIntervalSec: this.#windowMs / 1000,
      provisionedAllocationDelaySec: 0,
      memoryChangeDelaySec: 0,
      recordInvocations: true,
    });
  }

  #windowOutcome(result: SimulationResult, w: number, candidate: FleetConfig): WindowEvaluation {
    const windowStartMs = this.#options.tape.startMs + w * this.#windowMs;
    let throttles = 0;
    let spillover = 0;
    for (const minute of result.metrics) {
      if (minute.startMs < windowStartMs) continue;
      throttles += minute.throttles;
      spillover += minute.spillover;
    }
    const recorded = result.invocations as NonNullable<SimulationResult['invocations']>;
    let first = recorded.arrivalMs.length;
    while (first > 0 && (recorded.arrivalMs[first - 1] as number) >= windowStartMs) first--;
    const e2eMs = recorded.e2eMs.subarray(first);
    return {
      memoryMb: candidate.memoryMb,
      provisionedConcurrency: candidate.provisionedConcurrency,
      p99Ms: windowP99Ms(e2eMs, throttles),
      meets: windowLatenciesMeetSlo(e2eMs, throttles, this.#options.sloP99Ms),
      spanCostUsd: result.cost.total,
      spillover,
      throttles,
    };
  }
}
