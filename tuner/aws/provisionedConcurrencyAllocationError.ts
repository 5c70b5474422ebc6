/**
 * Lambda reported provisioned concurrency as FAILED (e.g. not enough unreserved concurrency).
 *
 * @example
 * ```ts
 * throw new ProvisionedConcurrencyAllocationError('FAILED: Insufficient unreserved concurrency');
 * ```
 */
export class ProvisionedConcurrencyAllocationError extends Error {
  override readonly name = 'ProvisionedConcurrencyAllocationError';
}
