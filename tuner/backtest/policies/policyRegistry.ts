import { OptionFieldError } from '../../core/optionFieldError.ts';
import { oraclePolicy } from '../oracle/oraclePolicy.ts';
import { robustFloorPolicy } from '../robustFloor/robustFloorPolicy.ts';
import type { BacktestPolicy } from './backtestPolicy.ts';
import { onDemandPolicy } from './onDemandPolicy.ts';
import { powerTuningBalancedPolicy, powerTuningPolicy } from './powerTuningPolicy.ts';
import { scheduledPolicy } from './scheduledPolicy.ts';
import { staticPeakPolicy } from './staticPeakPolicy.ts';
import { targetTrackingMaxPolicy, targetTrackingPolicy } from './targetTrackingPolicy.ts';
import { thermostatBacktestPolicy } from './thermostatBacktestPolicy.ts';

/**
 * Every policy the backtest knows, in default report order. To add one, implement
 * `BacktestPolicy` in its own file and add it here (one line, plus its import).
 */
export const BACKTEST_POLICIES: readonly BacktestPolicy[] = [
  onDemandPolicy,
  staticPeakPolicy,
  targetTrackingPolicy,
  targetTrackingMaxPolicy,
  scheduledPolicy,
  powerTuningPolicy,
  powerTuningBalancedPolicy,
  thermostatBacktestPolicy,
  robustFloorPolicy,
  oraclePolicy,
];

/** A policy name the backtest does not know (`field` is `policies`). */
export class UnknownBacktestPolicyError extends OptionFieldError {
  override readonly name = 'UnknownBacktestPolicyError';
}

/**
 * The names of every registered policy, in default order.
 *
 * @example
 * ```ts
 * backtestPolicyNames(); // ['on-demand', 'static-peak', 'target-tracking', 'target-tracking-max', …, 'oracle']
 * ```
 */
export function backtestPolicyNames(): string[] {
  return BACKTEST_POLICIES.map((policy) => policy.name);
}

/**
 * Looks a policy up by name; throws `UnknownBacktestPolicyError` listing the valid names.
 *
 * @example
 * ```ts
 * findBacktestPolicy('oracle').description; // 'hindsight: …'
 * findBacktestPolicy('magic'); // throws: policies: unknown policy 'magic' (valid: on-demand, …)
 * ```
 */
export function findBacktestPolicy(name: string): BacktestPolicy {
  const policy = BACKTEST_POLICIES.find((candidate) => candidate.name === name);
  if (policy === undefined) {
    throw new UnknownBacktestPolicyError(
      'policies',
      `unknown policy '${name}' (valid: ${backtestPolicyNames().join(', ')})`,
    );
  }
  return policy;
}
