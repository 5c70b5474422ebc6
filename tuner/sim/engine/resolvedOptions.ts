import type { Architecture, PricingTable } from '@lambda-thermostat/sdk/cost';
import type { Policy } from '../policy.ts';
import type { ServiceModel } from '../service/serviceModel.ts';
import { SIMULATION_DEFAULTS, type SimulationInput } from '../simulationInput.ts';
import { SimulationInputError } from '../simulationInputError.ts';
import { validateFleetConfig } from '../validateFleetConfig.ts';

/** The simulation's settings, validated, with defaults filled in and times in ms. */
export interface ResolvedOptions {
  readonly serviceModel: ServiceModel;
  readonly policy: Policy | null;
  readonly seed: number;
  readonly controlIntervalMs: number;
  readonly keepAliveMs: number;
  readonly allocationDelayMs: number;
  readonly memoryChangeDelayMs: number;
  readonly accountConcurrencyLimit: number;
  readonly scaleUpEnvironments: number;
  readonly scaleUpWindowMs: number;
  readonly pricing: {
    readonly region?: string;
    readonly architecture?: Architecture;
    readonly table?: PricingTable;
    readonly tier?: number;
  };
  readonly recordInvocations: boolean;
}

/**
 * Validates everything but the trace (see `arrivalSchedule`) and fills in the defaults; throws
 * `SimulationInputError` naming the field.
 *
 * @example
 * ```ts
 * resolveOptions({ trace, serviceModel, config, keepAliveSec: -1 });
 * // throws SimulationInputError: keepAliveSec: must be a number ≥ 0 (Infinity allowed), got -1
 * ```
 */
export function resolveOptions(input: SimulationInput): ResolvedOptions {
  const d = SIMULATION_DEFAULTS;
  const model = input.serviceModel;
  if (
    model === null ||
    typeof model !== 'object' ||
    typeof model.sampleInitMs !== 'function' ||
    typeof model.sampleServiceMs !== 'function'
  ) {
    throw new SimulationInputError(
      'serviceModel',
      'must be a ServiceModel (e.g. serviceModelFromProfile(profile))',
    );
  }
  const policy = input.policy ?? null;
  if (policy !== null && typeof policy.decide !== 'function') {
    throw new SimulationInputError('policy', 'must have a decide(input) method');
  }
  const seed = input.seed ?? d.seed;
  if (!Number.isInteger(seed)) {
    throw new SimulationInputError('seed', `must be an integer, got ${seed}`);
  }
  const accountConcurrencyLimit = positiveInteger(
    'accountConcurrencyLimit',
    input.accountConcurrencyLimit ?? d.accountConcurrencyLimit,
  );
  validateFleetConfig(input.config, 'config', accountConcurrencyLimit);
  const keepAliveSec = input.keepAliveSec ?? d.keepAliveSec;
  if (typeof keepAliveSec !== 'number' || Number.isNaN(keepAliveSec) || keepAliveSec < 0) {
    throw new SimulationInputError(
      'keepAliveSec',
      `must be a number ≥ 0 (Infinity allowed), got ${keepAliveSec}`,
    );
  }
  const controlIntervalSec = input.controlIntervalSec ?? d.controlIntervalSec;
  if (!Number.isFinite(controlIntervalSec) || controlIntervalSec <= 0) {
    throw new SimulationInputError(
      'controlIntervalSec',
      `must be a finite number > 0, got ${controlIntervalSec}`,
    );
  }
  const scaleUpWindowSec = input.scaleUpWindowSec ?? d.scaleUpWindowSec;
  if (!Number.isFinite(scaleUpWindowSec) || scaleUpWindowSec <= 0) {
    throw new SimulationInputError(
      'scaleUpWindowSec',
      `must be a finite number > 0, got ${scaleUpWindowSec}`,
    );
  }
  return {
    serviceModel: model,
    policy,
    seed,
    controlIntervalMs: controlIntervalSec * 1000,
    keepAliveMs: keepAliveSec * 1000,
    allocationDelayMs:
      nonNegative(
        'provisionedAllocationDelaySec',
        input.provisionedAllocationDelaySec ?? d.provisionedAllocationDelaySec,
      ) * 1000,
    memoryChangeDelayMs:
      nonNegative('memoryChangeDelaySec', input.memoryChangeDelaySec ?? d.memoryChangeDelaySec) *
      1000,
    accountConcurrencyLimit,
    scaleUpEnvironments: scaleUpEnvironments(input.scaleUpEnvironments ?? d.scaleUpEnvironments),
    scaleUpWindowMs: scaleUpWindowSec * 1000,
    pricing: input.pricing ?? {},
    recordInvocations: input.recordInvocations === true,
  };
}

/** The limiter keeps one time per allowed creation: bound it so a typo cannot exhaust memory. */
const MAX_SCALE_UP_ENVIRONMENTS = 10_000_000;

function scaleUpEnvironments(value: number): number {
  positiveInteger('scaleUpEnvironments', value);
  if (value > MAX_SCALE_UP_ENVIRONMENTS) {
    throw new SimulationInputError(
      'scaleUpEnvironments',
      `must be at most ${MAX_SCALE_UP_ENVIRONMENTS.toLocaleString('en-US')}, got ${value}`,
    );
  }
  return value;
}

function positiveInteger(field: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new SimulationInputError(field, `must be a whole number ≥ 1, got ${value}`);
  }
  return value;
}

function nonNegative(field: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) {
    throw new SimulationInputError(field, `must be a finite number ≥ 0, got ${value}`);
  }
  return value;
}
