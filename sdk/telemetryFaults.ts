/**
 * The SDK's own failures (a throwing exporter, a failed write, a malformed context) must never
 * reach the user's function. Each kind is reported once on stderr, then telemetry carries on.
 */
const reported = new Set<string>();

/** Where the SDK failed: one report per place, per process. */
export const FaultSite = {
  EMF_WRITE: 'emf-write',
  EMF_SERIALISE: 'emf-serialise',
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
