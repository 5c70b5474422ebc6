/** The three settings the tuner controls for one function (alias). */
export interface FleetConfig {
  /** Memory size, MB (128..10,240, whole MB). */
  readonly memoryMb: number;
  /** Provisioned concurrency on the alias (0 for none). */
  readonly provisionedConcurrency: number;
  /** Reserved concurrency; `null` for none (the function may use the whole account limit). */
  readonly reservedConcurrency: number | null;
}

/**
 * Whether two configurations are the same.
 *
 * @example
 * ```ts
 * sameFleetConfig(
 *   { memoryMb: 1024, provisionedConcurrency: 2, reservedConcurrency: null },
 *   { memoryMb: 1024, provisionedConcurrency: 2, reservedConcurrency: null },
 * ); // true
 * ```
 */
export function sameFleetConfig(a: FleetConfig, b: FleetConfig): boolean {
  return (
    a.memoryMb === b.memoryMb &&
    a.provisionedConcurrency === b.provisionedConcurrency &&
    a.reservedConcurrency === b.reservedConcurrency
  );
}
