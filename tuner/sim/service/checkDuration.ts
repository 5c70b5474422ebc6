import { SimulationInputError } from '../simulationInputError.ts';

/**
 * Throws `SimulationInputError` naming `field` unless `value` is a finite duration ≥ 0.
 *
 * @example
 * ```ts
 * checkDuration('serviceModel.serviceMs', -1); // throws: serviceModel.serviceMs: must be a finite number ≥ 0, got -1
 * ```
 */
export function checkDuration(field: string, value: number): void {
  if (!Number.isFinite(value) || value < 0) {
    throw new SimulationInputError(field, `must be a finite number ≥ 0, got ${value}`);
  }
}
