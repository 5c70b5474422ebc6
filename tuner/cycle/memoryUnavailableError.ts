/**
 * In apply mode the tuner's memory could not be read or written, so the cycle changed nothing.
 *
 * @example
 * ```ts
 * throw new MemoryUnavailableError('the memory at s3://reports/state/memory.json could not be read');
 * ```
 */
export class MemoryUnavailableError extends Error {
  override readonly name = 'MemoryUnavailableError';
}
