/**
 * A cycle's deadline: the Lambda's remaining time less what saving and reporting need, or the
 * CLI's `--deadline`. A step that talks to AWS is raced against it; when the deadline wins, the
 * cycle stops there and reports what it did and did not do (the step's calls, bounded by the
 * clients' request timeouts, are left to fail on their own).
 */
import type { Clock } from '../core/ports.ts';

/**
 * The deadline passed during a step.
 *
 * @example
 * ```ts
 * throw new DeadlinePassedError("the cycle's deadline (2026-11-27T12:04:30.000Z) passed while observing");
 * ```
 */
export class DeadlinePassedError extends Error {
  override readonly name = 'DeadlinePassedError';
}

/**
 * `step`, or a {@link DeadlinePassedError} when `deadlineMs` comes first (none: `step` itself).
 *
 * @example
 * ```ts
 * const history = await beforeDeadline(observeHistory(source, queries, nowMs), {
 *   deadlineMs, clock, what: 'observing',
 * });
 * ```
 */
export async function beforeDeadline<T>(
  step: Promise<T>,
  options: {
    readonly deadlineMs: number | undefined;
    readonly clock: Pick<Clock, 'now'>;
    readonly what: string;
  },
): Promise<T> {
  const { deadlineMs } = options;
  if (deadlineMs === undefined) return step;
  let timer: NodeJS.Timeout | undefined;
  const passed = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new DeadlinePassedError(
            `the cycle's deadline (${new Date(deadlineMs).toISOString()}) passed while ${options.what}`,
          ),
        ),
      Math.max(0, deadlineMs - options.clock.now()),
    );
  });
  try {
    return await Promise.race([step, passed]);
  } finally {
    clearTimeout(timer);
    // The step goes on unobserved; its failure must not become an unhandled rejection.
    step.catch(() => {});
  }
}
