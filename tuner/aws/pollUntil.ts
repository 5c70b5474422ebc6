import type { Clock } from './clock.ts';

/** How long and how often to poll. */
export interface PollOptions {
  readonly timeoutMs: number;
  readonly intervalMs: number;
  readonly clock: Clock;
}

/** The last value read, and whether it settled before the time ran out. */
export type PollOutcome<T> =
  | { readonly settled: true; readonly value: T; readonly waitedMs: number }
  | { readonly settled: false; readonly value: T; readonly waitedMs: number };

/**
 * Reads until `settled(value)` or until `timeoutMs` has passed: every wait in the adapters is
 * bounded. Errors from `read` propagate.
 *
 * @example
 * ```ts
 * const outcome = await pollUntil(
 *   () => lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'ocr' })),
 *   (config) => config.LastUpdateStatus !== 'InProgress',
 *   { timeoutMs: 300_000, intervalMs: 2_000, clock: systemClock },
 * );
 * ```
 */
export async function pollUntil<T>(
  read: () => Promise<T>,
  settled: (value: T) => boolean,
  options: PollOptions,
): Promise<PollOutcome<T>> {
  const start = options.clock.now();
  for (;;) {
    const value = await read();
    const waitedMs = options.clock.now() - start;
    if (settled(value)) return { settled: true, value, waitedMs };
    const remaining = options.timeoutMs - waitedMs;
    if (remaining <= 0) return { settled: false, value, waitedMs };
    await options.clock.sleep(Math.min(options.intervalMs, remaining));
  }
}
