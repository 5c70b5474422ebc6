import { FaultSite, reportFault } from './telemetryFaults.ts';

/**
 * Exporters registered by `@lambda-thermostat/sdk/otel` flush here at the end of each invocation.
 * The core SDK never imports an OpenTelemetry SDK: it only knows that something may want a flush.
 */
export type FlushFunction = () => Promise<void>;

let registered: { flush: FlushFunction; capMs: number } | undefined;

/**
 * Registers the function that flushes spans at the end of each invocation, with the most it may
 * ever take (the invocation's remaining time lowers it further).
 *
 * @example
 * ```ts
 * setInvocationFlush(() => provider.forceFlush(), 2000);
 * ```
 */
export function setInvocationFlush(flush: FlushFunction | undefined, capMs = 2000): void {
  registered = flush === undefined ? undefined : { flush, capMs };
}

/** True when something registered a flush (the common case without `sdk/otel` is false). */
export function hasInvocationFlush(): boolean {
  return registered !== undefined;
}

/** Margin kept between the end of a flush and the function's timeout. */
const TIMEOUT_MARGIN_MS = 50;

/**
 * Runs the registered flush, giving up at `min(cap, remaining time − margin)`. Resolves to how it
 * ended; never rejects and never leaves a rejection unhandled.
 *
 * @example
 * ```ts
 * await flushWithDeadline(context.getRemainingTimeInMillis()); // 'flushed' | 'timed-out' | ...
 * ```
 */
export async function flushWithDeadline(
  remainingMs: number | undefined,
): Promise<'none' | 'flushed' | 'timed-out' | 'failed' | 'skipped'> {
  const current = registered;
  if (current === undefined) return 'none';
  const budget = Math.min(
    current.capMs,
    (remainingMs ?? Number.POSITIVE_INFINITY) - TIMEOUT_MARGIN_MS,
  );
  if (!(budget > 0)) return 'skipped';
  let timer: NodeJS.Timeout | undefined;
  // The flush may throw synchronously, reject, or never settle: each ends the wait cleanly.
  const flushing = Promise.resolve()
    .then(current.flush)
    .then(
      () => 'flushed' as const,
      (error: unknown) => {
        reportFault(FaultSite.FLUSH, error);
        return 'failed' as const;
      },
    );
  const deadline = new Promise<'timed-out'>((resolve) => {
    timer = setTimeout(() => resolve('timed-out'), budget);
  });
  const outcome = await Promise.race([flushing, deadline]);
  clearTimeout(timer);
  if (outcome === 'timed-out') {
    reportFault(
      FaultSite.FLUSH,
      new Error(
        `span export did not finish within ${Math.round(budget)} ms; gave up so the invocation can return`,
      ),
    );
  }
  return outcome;
}
