/**
 * The simulator layer (`tuner/sim`): the Lambda fleet simulation engine, its inputs and outputs,
 * service models, and the trace readers. No policies live here, only the `Policy` interface.
 */
export {
  type ArrivalTrace,
  ArrivalTraceKind,
  arrivalCount,
  type PerMinuteArrivals,
  type TimestampArrivals,
} from './arrivalTrace.ts';
export { traceMinutes } from './engine/arrivalSchedule.ts';
export { type FleetConfig, sameFleetConfig } from './fleetConfig.ts';
export { emptyIntervalMetrics, type IntervalMetrics } from './intervalMetrics.ts';
export { nearestRankIndex, nearestRankPercentile, selectInPlace } from './percentile.ts';
export type { Policy, PolicyInput } from './policy.ts';
export { type Profile, ProfileLimits } from './profile.ts';
export type { Rng } from './random/rng.ts';
export { Xoshiro128 } from './random/xoshiro128.ts';
export {
  type ExponentialServiceTimes,
  exponentialServiceModel,
} from './service/exponentialServiceModel.ts';
export { type FixedServiceTimes, fixedServiceModel } from './service/fixedServiceModel.ts';
export {
  effectiveParallelism,
  MAX_MEMORY_MB,
  MAX_VCPUS,
  MB_PER_VCPU,
  type MemoryScalingInput,
  MIN_MEMORY_MB,
  memoryScaleFactor,
  scaleDurationForMemory,
  vcpusForMemory,
} from './service/memoryScaling.ts';
export { serviceModelFromProfile, validateProfile } from './service/profileServiceModel.ts';
export type { ServiceModel } from './service/serviceModel.ts';
export { simulateFleet } from './simulateFleet.ts';
export {
  SIMULATION_DEFAULTS,
  type SimulationInput,
  type SimulationPricing,
} from './simulationInput.ts';
export { SimulationInputError } from './simulationInputError.ts';
export type {
  CapacityChange,
  ConfigChange,
  FleetCost,
  RecordedInvocations,
  SimulationResult,
  SimulationTotals,
} from './simulationResult.ts';
export { type SteppedFleet, startSteppedFleet } from './steppedFleet.ts';
export { detectTraceFormat } from './traces/detectTraceFormat.ts';
export { functionSelectorMatches, selectTraceFunction } from './traces/functionSelector.ts';
export {
  type LoadedTrace,
  listTraceFunctions,
  type ReadTraceOptions,
  readTrace,
} from './traces/readTrace.ts';
export { isTraceFormat, TraceFormat } from './traces/traceFormat.ts';
export { TraceFormatError } from './traces/traceFormatError.ts';
export { TraceFunctionSelectionError } from './traces/traceFunctionSelectionError.ts';
export type { TraceFunctionSummary } from './traces/traceFunctionSummary.ts';
export { TraceLimits } from './traces/traceLimits.ts';
export { validateFleetConfig } from './validateFleetConfig.ts';
