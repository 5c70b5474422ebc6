/** Builders for {@link ActionResult}s, so every adapter words them the same way. */

import { errorSummary } from './errorSummary.ts';
import type { Action, ActionResult, TargetRef } from './plan.ts';

/**
 * A target as people name it: `function:qualifier`, with the Region when there is one.
 *
 * @example
 * ```ts
 * targetLabel({ functionName: 'ocr', qualifier: 'live', region: 'eu-west-1' }); // 'ocr:live (eu-west-1)'
 * ```
 */
export function targetLabel(target: TargetRef): string {
  const where = target.region === undefined ? '' : ` (${target.region})`;
  return `${target.functionName}:${target.qualifier}${where}`;
}

/**
 * The change was made.
 *
 * @example
 * ```ts
 * applied(action, 'reserved concurrency of ocr: 50 → 80');
 * ```
 */
export function applied(action: Action, detail: string, warning?: unknown): ActionResult {
  return warning === undefined
    ? { action, status: 'applied', detail }
    : { action, status: 'applied', detail, error: errorSummary(warning) };
}

/**
 * Deliberately not made.
 *
 * @example
 * ```ts
 * skipped(action, 'dry run: would set reserved concurrency of ocr from 50 to 80');
 * ```
 */
export function skipped(action: Action, detail: string): ActionResult {
  return { action, status: 'skipped', detail };
}

/**
 * Nothing to do: the target already has the requested value.
 *
 * @example
 * ```ts
 * unchanged(action, 'reserved concurrency of ocr is already 80');
 * ```
 */
export function unchanged(action: Action, detail: string): ActionResult {
  return { action, status: 'unchanged', detail };
}

/**
 * An API call failed or a wait ran out.
 *
 * @example
 * ```ts
 * failed(action, 'PutFunctionConcurrency failed', error);
 * ```
 */
export function failed(action: Action, detail: string, error: unknown): ActionResult {
  const summary = errorSummary(error);
  return {
    action,
    status: 'failed',
    detail: `${detail}: ${summary.name}: ${summary.message}`,
    error: summary,
  };
}

/** The detail of an action the cycle's deadline kept from starting. */
export const NOT_STARTED_AT_DEADLINE = "not started: the cycle's deadline passed";

/**
 * Not started because the cycle's deadline passed: nothing was called for it.
 *
 * @example
 * ```ts
 * if (clock.now() >= deadlineMs) return notStartedAtDeadline(action);
 * ```
 */
export function notStartedAtDeadline(action: Action): ActionResult {
  return skipped(action, NOT_STARTED_AT_DEADLINE);
}
