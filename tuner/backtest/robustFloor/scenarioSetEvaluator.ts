import type { FleetConfig } from '../../sim/index.ts';
import type {
  CandidateWindowEvaluator,
  WindowEvaluation,
} from '../oracle/candidateWindowEvaluator.ts';
import type { WindowEvaluator } from '../oracle/windowEvaluator.ts';
import type { PricingRates } from '../pricingRates.ts';

/**
 * Judges a candidate for one window on several scenarios at once — the same per-minute counts,
 * each with its own dice (arrival times within the minute, service and init draws), one
 * `WindowEvaluator` each — and combines them as a policy that knows the traffic volume but not
 * the dice must: the candidate meets the window only if it meets it in every scenario, and costs
 * the scenarios' mean. Each scenario carries its own warm state from the configurations already
 * chosen, so a window's choice is judged on every warm state the schedule can leave. A candidate
 * that misses in one scenario is not simulated on the rest: its p99 and cost are then those of
 * the scenarios simulated (only a window no candidate meets falls back on them).
 *
 * @example
 * ```ts
 * const set = new ScenarioSetEvaluator(seeds.map((seed) => new WindowEvaluator({ ...options, tape: tapes[seed], seed })));
 * set.evaluate(0, 1769, 1).meets; // PC 1 meets window 0 in every scenario
 * ```
 */
export class ScenarioSetEvaluator implements CandidateWindowEvaluator {
  readonly #members: readonly WindowEvaluator[];
  #cache = new Map<string, WindowEvaluation>();

  constructor(members: readonly WindowEvaluator[]) {
    if (members.length === 0) throw new RangeError('ScenarioSetEvaluator: no scenario');
    this.#members = members;
  }

  get windowCount(): number {
    return (this.#members[0] as WindowEvaluator).windowCount;
  }

  get simulations(): number {
    return this.#members.reduce((sum, member) => sum + member.simulations, 0);
  }

  /** The most requests any scenario has in window `w` (timestamp traces: all the same). */
  requests(w: number): number {
    return Math.max(...this.#members.map((member) => member.requests(w)));
  }

  /** The highest warm p99 of the scenarios: a memory too slow in one cannot meet every one. */
  warmP99Ms(w: number): number {
    return Math.max(...this.#members.map((member) => member.warmP99Ms(w)));
  }

  scaleFactor(memoryMb: number): number {
    return (this.#members[0] as WindowEvaluator).scaleFactor(memoryMb);
  }

  /** The mean of the scenarios' bounds: a bound on the mean cost (each bound is one scenario's). */
  windowCostLowerBound(w: number, memoryMb: number, rates: PricingRates): number {
    return this.#mean((member) => member.windowCostLowerBound(w, memoryMb, rates));
  }

  prefixCost(w: number): number {
    return this.#mean((member) => member.prefixCost(w));
  }

  evaluate(w: number, memoryMb: number, provisionedConcurrency: number): WindowEvaluation {
    const key = `${memoryMb}/${provisionedConcurrency}`;
    const cached = this.#cache.get(key);
    if (cached !== undefined) return cached;
    // The first scenario the candidate misses settles it: the search only asks a failing candidate
    // whether more PC could help (`coversWindow`), which that scenario answers for the set.
    const each: WindowEvaluation[] = [];
    for (const member of this.#members) {
      const evaluation = member.evaluate(w, memoryMb, provisionedConcurrency);
      each.push(evaluation);
      if (!evaluation.meets) break;
    }
    let p99Ms: number | null = null;
    for (const evaluation of each) {
      if (evaluation.p99Ms !== null) p99Ms = Math.max(p99Ms ?? 0, evaluation.p99Ms);
    }
    const combined: WindowEvaluation = {
      memoryMb,
      provisionedConcurrency,
      p99Ms,
      meets: each.every((evaluation) => evaluation.meets),
      spanCostUsd: each.reduce((sum, e) => sum + e.spanCostUsd, 0) / each.length,
      spillover: Math.max(...each.map((e) => e.spillover)),
      throttles: Math.max(...each.map((e) => e.throttles)),
    };
    this.#cache.set(key, combined);
    return combined;
  }

  evaluated(_w: number): WindowEvaluation[] {
    return [...this.#cache.values()];
  }

  commit(w: number, config: FleetConfig): void {
    for (const member of this.#members) member.commit(w, config);
    this.#cache = new Map();
  }

  #mean(of: (member: WindowEvaluator) => number): number {
    return this.#members.reduce((sum, member) => sum + of(member), 0) / this.#members.length;
  }
}
