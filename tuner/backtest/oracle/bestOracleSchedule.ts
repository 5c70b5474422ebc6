import { type FleetConfig, SIMULATION_DEFAULTS, simulateFleet } from '../../sim/index.ts';
import type { BacktestContext } from '../backtestContext.ts';
import type { PolicyRun } from '../policies/backtestPolicy.ts';
import { pricingRates } from '../pricingRates.ts';
import { ScenarioSetEvaluator } from '../robustFloor/scenarioSetEvaluator.ts';
import { scoreSimulation } from '../scoring/scoreSimulation.ts';
import { type ArrivalTape, recordArrivalTape } from './arrivalTape.ts';
import type { CandidateWindowEvaluator } from './candidateWindowEvaluator.ts';
import { costLowerBound } from './costLowerBound.ts';
import { oracleMemoryCandidates } from './oracleMemoryGrid.ts';
import { type OracleSchedule, searchOracleSchedule } from './oracleSearch.ts';
import { WindowEvaluator } from './windowEvaluator.ts';
import { windowSchedulePolicy } from './windowSchedulePolicy.ts';

/**
 * Beyond the keep-alive, how much earlier the warm-up prefix starts: time for the environments
 * that are warm at the window's start to have been created and for busy ones to finish.
 */
const PREFIX_SLACK_SEC = 180;
const TIE = 1e-9;

/** One family of schedules the oracle searched, replayed over the whole trace and scored. */
export interface OracleCandidate {
  /** `memory per window`, or `fixed <m> MB`. */
  readonly family: string;
  readonly schedule: OracleSchedule;
  /** Windows meeting the SLO and cost, averaged over the seeds the schedule was searched on. */
  readonly windowsMeetingSlo: number;
  readonly costUsd: number;
  /** How to replay it (zero delays, one configuration per window). */
  readonly run: PolicyRun;
}

/** The oracle's pick and what it was chosen from. */
export interface OracleChoice {
  readonly chosen: OracleCandidate;
  readonly candidates: readonly OracleCandidate[];
  /** Fixed-memory families not searched: their cost lower bound was above the best found. */
  readonly pruned: readonly string[];
  /** Window simulations run in all. */
  readonly simulations: number;
}

/** Which dice the schedule is searched on. */
export interface ScheduleSearchSeeds {
  /**
   * The seeds of the scenarios a window's candidate must meet the SLO on, all of them. Default:
   * the backtest's own seed (the oracle: it knows the very dice it is scored on).
   */
  readonly scenarioSeeds?: readonly number[];
}

/**
 * Searches the oracle's schedule families and keeps the best: first the per-window greedy search
 * over every memory (`searchOracleSchedule`), then the same search with memory held fixed, once
 * per candidate memory (the greedy is myopic about memory: a size that is cheaper in one window can
 * cost warm environments, or PC, later). Each family's schedule is replayed over the whole trace
 * and scored like any policy; the best meets the SLO in the most windows, then costs least. A
 * fixed memory is skipped when it would lose a window another memory can meet (its warm service
 * times alone miss the target there), or when a lower bound on its whole-trace cost is already
 * above the best cost found.
 *
 * @example
 * ```ts
 * const { chosen } = await bestOracleSchedule(context);
 * chosen.family; // e.g. 'fixed 1769 MB'
 * ```
 */
export async function bestOracleSchedule(
  context: BacktestContext,
  searchSeeds: ScheduleSearchSeeds = {},
): Promise<OracleChoice> {
  const windowSec = context.windowMinutes * 60;
  const keepAliveSec = context.simulation.keepAliveSec ?? SIMULATION_DEFAULTS.keepAliveSec;
  const prefixWindows = Number.isFinite(keepAliveSec)
    ? Math.ceil((keepAliveSec + PREFIX_SLACK_SEC) / windowSec)
    : Number.MAX_SAFE_INTEGER;
  const seeds = searchSeeds.scenarioSeeds ?? [context.seed];
  const tapes = seeds.map((seed) =>
    recordArrivalTape({ ...context.baseInput(), seed }, context.profile.memoryMb),
  );
  const memberEvaluator = (i: number) =>
    new WindowEvaluator({
      tape: tapes[i] as ArrivalTape,
      windowMinutes: context.windowMinutes,
      profile: context.profile,
      serviceModel: context.serviceModel,
      seed: seeds[i] as number,
      sloP99Ms: context.sloP99Ms,
      simulation: context.simulation,
      prefixWindows,
    });
  const newEvaluator = (): CandidateWindowEvaluator =>
    seeds.length === 1
      ? memberEvaluator(0)
      : new ScenarioSetEvaluator(seeds.map((_, i) => memberEvaluator(i)));
  const rates = pricingRates(context.simulation.pricing);
  const memories = oracleMemoryCandidates(context.profile, [
    context.memoryMb,
    context.profile.memoryMb,
  ]);
  const probe = newEvaluator();
  const fixed = memoriesKeepingAttainableWindows(probe, memories, context.sloP99Ms)
    .map((memoryMb) => ({
      memoryMb,
      bound:
        tapes.reduce(
          (sum, tape) =>
            sum + costLowerBound(tape.serviceMs, probe.scaleFactor(memoryMb), memoryMb, rates),
          0,
        ) / tapes.length,
    }))
    .sort((a, b) => a.bound - b.bound);
  const families = [
    { family: 'memory per window', memories, bound: 0, initialMemoryMb: context.memoryMb },
    ...fixed.map(({ memoryMb, bound }) => ({
      family: `fixed ${memoryMb} MB`,
      memories: [memoryMb],
      bound,
      initialMemoryMb: memoryMb,
    })),
  ];

  const candidates: OracleCandidate[] = [];
  const pruned: string[] = [];
  let best: OracleCandidate | null = null;
  let simulations = 0;
  for (const [i, family] of families.entries()) {
    if (best !== null && family.bound >= best.costUsd) {
      pruned.push(family.family);
      continue;
    }
    const schedule = await searchOracleSchedule({
      evaluator: newEvaluator(),
      memories: family.memories,
      sloP99Ms: context.sloP99Ms,
      rates,
      initialMemoryMb: family.initialMemoryMb,
      maxProvisionedConcurrency:
        context.simulation.accountConcurrencyLimit ?? SIMULATION_DEFAULTS.accountConcurrencyLimit,
      unscoredWindows: context.warmUpWindows,
      onWindow: (fraction) => context.progress((i + fraction) / families.length),
    });
    simulations += schedule.simulations;
    const candidate = replayed(context, tapes[0] as ArrivalTape, family.family, schedule, seeds);
    candidates.push(candidate);
    if (best === null || betterCandidate(candidate, best)) best = candidate;
  }
  return { chosen: best as OracleCandidate, candidates, pruned, simulations };
}

/**
 * Memories that meet, with warm service times alone, the target in every window where the fastest
 * memory does: a fixed memory that fails one of those cannot be the oracle.
 */
function memoriesKeepingAttainableWindows(
  evaluator: CandidateWindowEvaluator,
  memories: readonly number[],
  sloP99Ms: number,
): number[] {
  const fastest = evaluator.scaleFactor(memories[memories.length - 1] as number);
  let slowestNeeded = 0;
  for (let w = 0; w < evaluator.windowCount; w++) {
    if (evaluator.requests(w) === 0) continue;
    const warmP99 = evaluator.warmP99Ms(w);
    if (warmP99 * fastest <= sloP99Ms) slowestNeeded = Math.max(slowestNeeded, warmP99);
  }
  return memories.filter((memoryMb) => slowestNeeded * evaluator.scaleFactor(memoryMb) <= sloP99Ms);
}

/** Replays a schedule over the whole trace on each seed; the scores are the seeds' means. */
function replayed(
  context: BacktestContext,
  tape: ArrivalTape,
  family: string,
  schedule: OracleSchedule,
  seeds: readonly number[],
): OracleCandidate {
  const windowSec = context.windowMinutes * 60;
  const first: FleetConfig = schedule.configs[0] ?? {
    memoryMb: context.memoryMb,
    provisionedConcurrency: 0,
    reservedConcurrency: null,
  };
  const run: PolicyRun = {
    config: first,
    policy: windowSchedulePolicy('oracle', tape.startMs, windowSec * 1000, schedule.configs),
    controlIntervalSec: windowSec,
    simulation: { provisionedAllocationDelaySec: 0, memoryChangeDelaySec: 0 },
  };
  let windowsMeetingSlo = 0;
  let costUsd = 0;
  for (const seed of seeds) {
    const result = simulateFleet({
      ...context.baseInput(),
      ...run.simulation,
      seed,
      config: run.config,
      ...(run.policy !== undefined ? { policy: run.policy } : {}),
      controlIntervalSec: windowSec,
      recordInvocations: true,
    });
    const score = scoreSimulation(result, {
      sloP99Ms: context.sloP99Ms,
      windowMinutes: context.windowMinutes,
      warmUpWindows: context.warmUpWindows,
    });
    windowsMeetingSlo += score.windowsMeetingSlo / seeds.length;
    costUsd += score.costUsd / seeds.length;
  }
  return { family, schedule, windowsMeetingSlo, costUsd, run };
}

/** More windows meeting the SLO; then cheaper (an earlier family wins a tie). */
function betterCandidate(a: OracleCandidate, b: OracleCandidate): boolean {
  if (a.windowsMeetingSlo !== b.windowsMeetingSlo) return a.windowsMeetingSlo > b.windowsMeetingSlo;
  return a.costUsd < b.costUsd * (1 - TIE);
}
