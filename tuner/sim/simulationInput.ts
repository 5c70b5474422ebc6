import type { Architecture, PricingTable } from '@lambda-thermostat/sdk/cost';
import type { ArrivalTrace } from './arrivalTrace.ts';
import type { FleetConfig } from './fleetConfig.ts';
import type { Policy } from './policy.ts';
import type { ServiceModel } from './service/serviceModel.ts';

/** Which prices the bill uses. */
export interface SimulationPricing {
  /** Defaults to the table's `default` row (us-east-1 rates). */
  readonly region?: string;
  /** Defaults to x86_64. */
  readonly architecture?: Architecture;
  /** Overrides the SDK's built-in table. */
  readonly table?: PricingTable;
  /** Monthly on-demand volume tier (0 = first). Defaults to 0. */
  readonly tier?: number;
}

/** Everything one simulation run needs. Only `trace`, `serviceModel` and `config` are required. */
export interface SimulationInput {
  /** The arrivals to replay. */
  readonly trace: ArrivalTrace;
  /** Init and service times (e.g. `serviceModelFromProfile(profile)`). */
  readonly serviceModel: ServiceModel;
  /** The configuration at the start; its provisioned concurrency is ready from the first instant. */
  readonly config: FleetConfig;
  /** Called every control interval; without one the configuration stays as it is. */
  readonly policy?: Policy;
  /** Seed of every random draw (arrival placement, service and init times). Default 1. */
  readonly seed?: number;
  /** Seconds between policy calls. Default 300. */
  readonly controlIntervalSec?: number;
  /** How long an idle on-demand environment stays warm, seconds (`Infinity` allowed). Default 420. */
  readonly keepAliveSec?: number;
  /** Seconds from a provisioned-concurrency increase until the new environments are ready. Default 90. */
  readonly provisionedAllocationDelaySec?: number;
  /** Seconds from a memory change until the new version takes traffic (update + publish). Default 60. */
  readonly memoryChangeDelaySec?: number;
  /** The account's concurrency limit, the ceiling when reserved concurrency is null. Default 1,000. */
  readonly accountConcurrencyLimit?: number;
  /** New on-demand environments allowed per `scaleUpWindowSec`. Default 1,000. */
  readonly scaleUpEnvironments?: number;
  /** The window of the scale-up limit, seconds (sliding). Default 10. */
  readonly scaleUpWindowSec?: number;
  /** Prices. Default us-east-1, x86_64, first tier. */
  readonly pricing?: SimulationPricing;
  /** Use a timestamp trace's own durations as service times (verbatim, not scaled with memory). */
  readonly useTraceDurations?: boolean;
  /** Keep each served invocation's arrival time and end-to-end latency in the result. */
  readonly recordInvocations?: boolean;
}

/** The defaults of the optional simulation settings. */
export const SIMULATION_DEFAULTS = {
  seed: 1,
  controlIntervalSec: 300,
  keepAliveSec: 420,
  provisionedAllocationDelaySec: 90,
  memoryChangeDelaySec: 60,
  accountConcurrencyLimit: 1000,
  scaleUpEnvironments: 1000,
  scaleUpWindowSec: 10,
} as const;
