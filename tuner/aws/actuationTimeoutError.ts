/**
 * A bounded wait ran out: Lambda did not reach the awaited state in time.
 *
 * @example
 * ```ts
 * throw new ActuationTimeoutError('provisioned concurrency on ocr:8 still IN_PROGRESS after 600 s');
 * ```
 */
export class ActuationTimeoutError extends Error {
  override readonly name = 'ActuationTimeoutError';
}
