/**
 * The SDK's own failures (a throwing exporter, a failed write, a malformed context) must never
 * reach the user's function. Each kind is reported once on stderr, then telemetry carries on.
 */
const reported = new Set<string>();

/** Where the SDK failed: one report per place, per process. */
export const FaultSite = {
  EMF_WRITE: 'emf-write',
  EMF_SERIALISE: 'emf-serialise',
  EMF_PROPERTY_SIZE: 'emf-property-size',
  METRIC_VALUE: 'metric-value',
  CONTEXT: 'lambda-context',
  INVOCATION_START: 'invocation-start',
  INVOCATION_END: 'invocation-end',
  SPAN: 'span',
  FLUSH: 'flush',
  MODEL: 'model-instrumentation',
} as const;
export type FaultSite = (typeof FaultSite)[keyof typeof FaultSite];

/**
 * Reports a telemetry failure once per site on stderr, never throwing.
 *
 * @example
 * ```ts
 * try { write(line); } catch (error) { reportFault(FaultSite.EMF_WRITE, error); }
 * ```
 */
export function reportFault(site: FaultSite, error: unknown): void {
  if (reported.has(site)) return;
  reported.add(site);
  try {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    process.stderr.write(
      `lambda-thermostat: telemetry ${site} failed (${message}); the invocation is unaffected and this is reported once\n`,
    );
  } catch {
    // stderr itself is gone: nothing left to tell, and the function must go on.
  }
}

/**
 * Notes once per variable that a telemetry setting from the environment was unusable and the
 * default is used instead. Environment variables belong to whoever deploys the function, not to
 * its code: a bad one must cost a line on stderr, never the function (telemetryOptions.ts).
 *
 * @example
 * ```ts
 * reportIgnoredSetting('THERMOSTAT_EMF_MODE', 'bogus', 'must be "per-invocation" or "aggregated"', 'per-invocation');
 * ```
 */
export function reportIgnoredSetting(
  variable: string,
  value: string,
  problem: string,
  fallback: string,
): void {
  const key = `setting:${variable}`;
  if (reported.has(key)) return;
  reported.add(key);
  const shown = JSON.stringify(value.length > 64 ? `${value.slice(0, 64)}…` : value);
  try {
    process.stderr.write(
      `lambda-thermostat: ${variable}=${shown} ignored (${problem}); using ${fallback}\n`,
    );
  } catch {
    // stderr itself is gone: nothing left to tell, and the function must go on.
  }
}

/**
 * Forgets which faults were reported (tests only).
 *
 * @example
 * ```ts
 * beforeEach(() => resetReportedFaults());
 * ```
 */
export function resetReportedFaults(): void {
  reported.clear();
}
