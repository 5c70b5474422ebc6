/** The service errors the simulated Lambda answers with, named as Lambda names them. */
import type { TargetRef } from '../../core/plan.ts';

/**
 * Lambda's `ResourceNotFoundException` for a function or alias the account does not have.
 *
 * @example
 * ```ts
 * simulatedResourceNotFound({ functionName: 'ocr', qualifier: 'live' }).name; // 'ResourceNotFoundException'
 * ```
 */
export function simulatedResourceNotFound(ref: TargetRef): Error {
  const error = new Error(`Function not found: ${ref.functionName}:${ref.qualifier}`);
  error.name = 'ResourceNotFoundException';
  return error;
}

/**
 * Lambda's `InvalidParameterValueException` (e.g. a reservation below the unreserved minimum).
 *
 * @example
 * ```ts
 * simulatedInvalidParameter('ReservedConcurrentExecutions: too high').name; // 'InvalidParameterValueException'
 * ```
 */
export function simulatedInvalidParameter(message: string): Error {
  const error = new Error(message);
  error.name = 'InvalidParameterValueException';
  return error;
}
