/** An error as a result carries it: its name and message. */
export interface ErrorSummary {
  name: string;
  message: string;
}

/**
 * Names and describes anything thrown (SDK exceptions keep their service name, e.g.
 * `ResourceConflictException`).
 *
 * @example
 * ```ts
 * errorSummary(new Error('boom')); // { name: 'Error', message: 'boom' }
 * ```
 */
export function errorSummary(error: unknown): ErrorSummary {
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

/**
 * The thrown value as an Error (the ports carry per-target failures as Error values).
 *
 * @example
 * ```ts
 * const state = await readTarget(ref).catch(asError);
 * ```
 */
export function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * True when `error` is the named service exception (by name: mocks and real SDK errors alike).
 *
 * @example
 * ```ts
 * if (isErrorNamed(error, 'ProvisionedConcurrencyConfigNotFoundException')) return null;
 * ```
 */
export function isErrorNamed(error: unknown, name: string): boolean {
  return error instanceof Error && error.name === name;
}
