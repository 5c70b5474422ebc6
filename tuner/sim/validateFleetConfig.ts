import type { FleetConfig } from './fleetConfig.ts';
import { MAX_MEMORY_MB, MIN_MEMORY_MB } from './service/memoryScaling.ts';
import { SimulationInputError } from './simulationInputError.ts';

/**
 * Checks a configuration as the Lambda API would: memory a whole number of MB in 128..10,240,
 * provisioned and reserved concurrency whole numbers ≥ 0, reserved ≤ the account limit, and
 * provisioned ≤ reserved (or ≤ the account limit without a reservation). Throws
 * `SimulationInputError` naming `field.<setting>`.
 *
 * @example
 * ```ts
 * validateFleetConfig({ memoryMb: 2048, provisionedConcurrency: 20, reservedConcurrency: 10 }, 'config', 1000);
 * // throws SimulationInputError: config.provisionedConcurrency: must not exceed reserved concurrency (10), got 20
 * ```
 */
export function validateFleetConfig(
  config: FleetConfig,
  field: string,
  accountConcurrencyLimit: number,
): void {
  if (config === null || typeof config !== 'object') {
    throw new SimulationInputError(field, 'is required');
  }
  const { memoryMb, provisionedConcurrency: pc, reservedConcurrency: reserved } = config;
  if (!Number.isInteger(memoryMb) || memoryMb < MIN_MEMORY_MB || memoryMb > MAX_MEMORY_MB) {
    throw new SimulationInputError(
      `${field}.memoryMb`,
      `must be a whole number of MB within ${MIN_MEMORY_MB}..${MAX_MEMORY_MB}, got ${memoryMb}`,
    );
  }
  if (!Number.isInteger(pc) || pc < 0) {
    throw new SimulationInputError(
      `${field}.provisionedConcurrency`,
      `must be a whole number ≥ 0, got ${pc}`,
    );
  }
  if (reserved !== null) {
    if (!Number.isInteger(reserved) || reserved < 0) {
      throw new SimulationInputError(
        `${field}.reservedConcurrency`,
        `must be null or a whole number ≥ 0, got ${reserved}`,
      );
    }
    if (reserved > accountConcurrencyLimit) {
      throw new SimulationInputError(
        `${field}.reservedConcurrency`,
        `must not exceed the account concurrency limit (${accountConcurrencyLimit}), got ${reserved}`,
      );
    }
  }
  const ceiling = reserved ?? accountConcurrencyLimit;
  if (pc > ceiling) {
    throw new SimulationInputError(
      `${field}.provisionedConcurrency`,
      reserved === null
        ? `must not exceed the account concurrency limit (${ceiling}), got ${pc}`
        : `must not exceed reserved concurrency (${ceiling}), got ${pc}`,
    );
  }
}
