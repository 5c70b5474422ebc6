import type { FleetConfig } from '../../sim/index.ts';
import type { PricingRates } from '../pricingRates.ts';
import type { CandidateWindowEvaluator, WindowEvaluation } from './candidateWindowEvaluator.ts';

/** The oracle's schedule: one configuration per window, and which windows could not be met. */
export interface OracleSchedule {
  readonly configs: readonly FleetConfig[];
  /** Windows with traffic where no candidate met the SLO (the best p99 was bought instead). */
  readonly unattainable: readonly number[];
  /** Candidate simulations run. */
  readonly simulations: number;
}

/** What the search needs besides the evaluator. */
export interface OracleSearchOptions {
  readonly evaluator: CandidateWindowEvaluator;
  /** Memory candidates, ascending; each faster than the one before (see `oracleMemoryCandidates`). */
  readonly memories: readonly number[];
  readonly sloP99Ms: number;
  readonly rates: PricingRates;
  /** Memory of empty windows before any traffic. */
  readonly initialMemoryMb: number;
  /** Most provisioned concurrency a window may get (the concurrency ceiling). */
  readonly maxProvisionedConcurrency: number;
  /**
   * Windows at the start that are not scored (`ScoringCriteria.warmUpWindows`): each gets the
   * cheapest configuration without PC, met or not, so the floor never pays for a window no policy
   * is judged on. Default 0.
   */
  readonly unscoredWindows?: number;
  /** Called after each window with the share of windows done; awaited (it may yield). */
  readonly onWindow?: (fraction: number) => Promise<void>;
}

// Costs closer than this (relative) are a tie, broken towards fewer changes.
const TIE = 1e-9;

/**
 * Chooses, window after window, the cheapest configuration whose window p99 meets the SLO given
 * the warm state the chosen earlier windows leave (see `oraclePolicy` for the method and why it
 * is a floor). Per window:
 * - no traffic: no PC, memory unchanged (a change would only drop warm environments);
 * - memories whose warm service times alone miss the target are skipped (nothing can fix them);
 * - the others in order of a cost lower bound; a memory whose bound is above the best cost found
 *   is skipped with all that follow;
 * - at one memory: PC 0 if it meets the SLO, else the least PC that does (doubling, then
 *   bisection: the window p99 falls as PC rises), then more PC while that is cheaper (PC duration
 *   plus allocation undercut on-demand duration at high utilisation);
 * - if nothing meets it: the lowest p99 found, cheapest among equals; the window is flagged.
 *
 * @example
 * ```ts
 * const schedule = await searchOracleSchedule({ evaluator, memories: [1024, 1769], sloP99Ms: 200,
 *   rates: pricingRates(undefined), initialMemoryMb: 1769, maxProvisionedConcurrency: 1000 });
 * schedule.configs[0]; // e.g. { memoryMb: 1769, provisionedConcurrency: 1, reservedConcurrency: null }
 * ```
 */
export async function searchOracleSchedule(options: OracleSearchOptions): Promise<OracleSchedule> {
  const { evaluator } = options;
  const configs: FleetConfig[] = [];
  const unattainable: number[] = [];
  let previous: FleetConfig | null = null;
  for (let w = 0; w < evaluator.windowCount; w++) {
    const choice = chooseWindow(options, w, previous);
    if (!choice.meets) unattainable.push(w);
    const config: FleetConfig = {
      memoryMb: choice.memoryMb,
      provisionedConcurrency: choice.provisionedConcurrency,
      reservedConcurrency: null,
    };
    evaluator.commit(w, config);
    configs.push(config);
    previous = config;
    await options.onWindow?.((w + 1) / evaluator.windowCount);
  }
  return { configs, unattainable, simulations: evaluator.simulations };
}

interface Choice {
  readonly memoryMb: number;
  readonly provisionedConcurrency: number;
  readonly meets: boolean;
}

function chooseWindow(
  options: OracleSearchOptions,
  w: number,
  previous: FleetConfig | null,
): Choice {
  const { evaluator, sloP99Ms } = options;
  const previousMemory = previous?.memoryMb ?? options.initialMemoryMb;
  if (evaluator.requests(w) === 0) {
    return { memoryMb: previousMemory, provisionedConcurrency: 0, meets: true };
  }
  if (w < (options.unscoredWindows ?? 0)) {
    const cheapest = options.memories
      .map((memoryMb) => evaluator.evaluate(w, memoryMb, 0))
      .reduce((a, b) => (b.spanCostUsd < a.spanCostUsd ? b : a));
    return { memoryMb: cheapest.memoryMb, provisionedConcurrency: 0, meets: true };
  }
  const warmP99 = evaluator.warmP99Ms(w);
  const feasible = options.memories.filter(
    (memoryMb) => warmP99 * evaluator.scaleFactor(memoryMb) <= sloP99Ms,
  );
  const prefixCost = evaluator.prefixCost(w);
  const bounds = new Map(
    feasible.map((memoryMb) => [
      memoryMb,
      prefixCost + evaluator.windowCostLowerBound(w, memoryMb, options.rates),
    ]),
  );
  const ordered = [...feasible].sort(
    (a, b) => (bounds.get(a) as number) - (bounds.get(b) as number),
  );
  let best: WindowEvaluation | null = null;
  for (const memoryMb of ordered) {
    if (best !== null && (bounds.get(memoryMb) as number) >= best.spanCostUsd) break;
    const found = cheapestAtMemory(options, w, memoryMb);
    if (found !== null && (best === null || better(found, best, previousMemory))) best = found;
  }
  if (best !== null) {
    return {
      memoryMb: best.memoryMb,
      provisionedConcurrency: best.provisionedConcurrency,
      meets: true,
    };
  }
  // Unattainable: buy the best p99 on offer. The fastest memory with PC covering every request
  // is the best there is; make sure it was tried.
  const fastest = options.memories[options.memories.length - 1] as number;
  if (feasible.length === 0) cheapestAtMemory(options, w, fastest);
  const fallback = evaluator
    .evaluated(w)
    .reduce((a, b) => (lowerP99(b, a) ? b : a)) as WindowEvaluation;
  return {
    memoryMb: fallback.memoryMb,
    provisionedConcurrency: fallback.provisionedConcurrency,
    meets: false,
  };
}

/**
 * The cheapest evaluation meeting the SLO at one memory, or null if no PC does. Assumes the
 * window's p99 does not rise with PC (more warm environments never add a cold start).
 */
function cheapestAtMemory(
  options: OracleSearchOptions,
  w: number,
  memoryMb: number,
): WindowEvaluation | null {
  const { evaluator } = options;
  const cap = options.maxProvisionedConcurrency;
  const at = (pc: number) => evaluator.evaluate(w, memoryMb, pc);
  let current = at(0);
  if (!current.meets) {
    let infeasible = 0;
    let pc = 1;
    for (;;) {
      pc = Math.min(pc, cap);
      if (pc === 0) return null;
      const evaluation = at(pc);
      if (evaluation.meets) break;
      // Every request already ran on PC (or the ceiling is reached): more PC cannot help.
      if (coversWindow(evaluation) || pc === cap) return null;
      infeasible = pc;
      pc *= 2;
    }
    let feasible = pc;
    while (feasible - infeasible > 1) {
      const mid = (feasible + infeasible) >>> 1;
      if (at(mid).meets) feasible = mid;
      else infeasible = mid;
    }
    current = at(feasible);
  }
  while (current.provisionedConcurrency < cap && !coversWindow(current)) {
    const next = at(current.provisionedConcurrency + 1);
    if (!next.meets || next.spanCostUsd >= current.spanCostUsd * (1 - TIE)) break;
    current = next;
  }
  return current;
}

/** PC served every request of the window: more PC would only add allocation cost. */
function coversWindow(evaluation: WindowEvaluation): boolean {
  return (
    evaluation.provisionedConcurrency > 0 &&
    evaluation.spillover === 0 &&
    evaluation.throttles === 0
  );
}

/** Cheaper; on a tie, keep the previous memory (a change drops warm environments), then less PC. */
function better(a: WindowEvaluation, b: WindowEvaluation, previousMemory: number): boolean {
  const scale = Math.max(Math.abs(a.spanCostUsd), Math.abs(b.spanCostUsd), 1e-15);
  if (Math.abs(a.spanCostUsd - b.spanCostUsd) > TIE * scale) return a.spanCostUsd < b.spanCostUsd;
  if ((a.memoryMb === previousMemory) !== (b.memoryMb === previousMemory)) {
    return a.memoryMb === previousMemory;
  }
  if (a.provisionedConcurrency !== b.provisionedConcurrency) {
    return a.provisionedConcurrency < b.provisionedConcurrency;
  }
  return a.memoryMb < b.memoryMb;
}

/** Lower p99, then cheaper. */
function lowerP99(a: WindowEvaluation, b: WindowEvaluation): boolean {
  const pa = a.p99Ms ?? 0;
  const pb = b.p99Ms ?? 0;
  if (pa !== pb) return pa < pb;
  return a.spanCostUsd < b.spanCostUsd;
}
