/**
 * The backtest layer (`tuner/backtest`): policies (the baselines and the hindsight oracle),
 * scoring, and the runner that replays one trace through the simulator once per policy.
 */
export {
  ACCOUNT_BACKTEST_POLICIES,
  type AccountBacktestFunction,
  type AccountBacktestOptions,
  type AccountBacktestResult,
  type AccountPolicyTotals,
  runAccountBacktest,
} from './accountBacktest.ts';
export type { BacktestContext } from './backtestContext.ts';
export { BacktestOptionError } from './backtestOptionError.ts';
export {
  BACKTEST_DEFAULTS,
  type BacktestOptions,
  type BacktestProgress,
  type BacktestSimulationSettings,
} from './backtestOptions.ts';
export type { BacktestResult, PolicyOutcome } from './backtestResult.ts';
export { createBacktestContext } from './createBacktestContext.ts';
export { type ArrivalTape, ArrivalTapeError, recordArrivalTape } from './oracle/arrivalTape.ts';
export {
  bestOracleSchedule,
  type OracleCandidate,
  type OracleChoice,
  type ScheduleSearchSeeds,
} from './oracle/bestOracleSchedule.ts';
export type {
  CandidateWindowEvaluator,
  WindowEvaluation,
} from './oracle/candidateWindowEvaluator.ts';
export { costLowerBound } from './oracle/costLowerBound.ts';
export { ORACLE_MEMORY_GRID_MB, oracleMemoryCandidates } from './oracle/oracleMemoryGrid.ts';
export { oraclePolicy } from './oracle/oraclePolicy.ts';
export {
  type OracleSchedule,
  type OracleSearchOptions,
  searchOracleSchedule,
} from './oracle/oracleSearch.ts';
export { WindowEvaluator, type WindowEvaluatorOptions } from './oracle/windowEvaluator.ts';
export { windowSchedulePolicy } from './oracle/windowSchedulePolicy.ts';
export { hourlyPeakConcurrency, peakConcurrency } from './peakConcurrency.ts';
export type { BacktestPolicy, PolicyRun } from './policies/backtestPolicy.ts';
export { onDemandPolicy } from './policies/onDemandPolicy.ts';
export {
  BACKTEST_POLICIES,
  backtestPolicyNames,
  findBacktestPolicy,
  UnknownBacktestPolicyError,
} from './policies/policyRegistry.ts';
export {
  POWER_TUNING_BALANCED_WEIGHT,
  POWER_TUNING_DEFAULT_VALUES,
  POWER_TUNING_DISCARD_TOP_BOTTOM,
  type PowerTuningPick,
  type PowerTuningPoint,
  PowerTuningStrategy,
  powerTuningBalancedPolicy,
  powerTuningPick,
  powerTuningPolicy,
  trimmedMean,
} from './policies/powerTuningPolicy.ts';
export {
  createScheduledPolicy,
  type HourlyPlan,
  hourlyPlan,
  scheduledPolicy,
} from './policies/scheduledPolicy.ts';
export { staticPeakPolicy } from './policies/staticPeakPolicy.ts';
export {
  createTargetTrackingPolicy,
  TARGET_TRACKING_ALARMS,
  type TargetTrackingOptions,
  targetTrackingMaxPolicy,
  targetTrackingPolicy,
  UtilizationStatistic,
} from './policies/targetTrackingPolicy.ts';
export { type PricingRates, pricingRates } from './pricingRates.ts';
export { type ResolvedBacktestOptions, resolveBacktestOptions } from './resolveBacktestOptions.ts';
export { robustFloorPolicy } from './robustFloor/robustFloorPolicy.ts';
export { ROBUST_FLOOR_SCENARIOS, robustFloorSeeds } from './robustFloor/robustFloorSeeds.ts';
export { ScenarioSetEvaluator } from './robustFloor/scenarioSetEvaluator.ts';
export { runBacktest } from './runBacktest.ts';
export {
  type MultiSeedBacktestResult,
  type PolicySpread,
  runBacktestSeeds,
  type SeedSpread,
  spreadOf,
} from './runBacktestSeeds.ts';
export type { PolicyScore } from './scoring/policyScore.ts';
export { type ScoringCriteria, scoreSimulation } from './scoring/scoreSimulation.ts';
export { ScoringInputError } from './scoring/scoringInputError.ts';
export {
  compareProfiles,
  HOURS_PER_MONTH,
  WHAT_IF_POLICY,
  type WhatIfOptions,
  type WhatIfProfile,
  type WhatIfResult,
  type WhatIfVariant,
} from './whatIf.ts';
