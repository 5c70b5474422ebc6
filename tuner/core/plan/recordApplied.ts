import type { FleetConfig } from '../../sim/fleetConfig.ts';
import type { IntervalMetrics } from '../../sim/intervalMetrics.ts';
import type { GuardrailsConfig } from '../config/thermostatConfig.ts';
import { withReversal } from '../decide/releaseHolding.ts';
import { type Action, Knob } from '../plan.ts';
import { observeWindow } from './observedWindow.ts';
import type { KnobChange, TargetMemory } from './tunerMemory.ts';

const MINUTE_MS = 60_000;

/**
 * Updates a target's memory once actions were really applied: each knob's last change (for the
 * cooldowns) and a rollback watch holding the previous configuration and the error and throttle
 * rates before the change (the last 15 minutes).
 *
 * @example
 * ```ts
 * memory = recordApplied(memory, appliedActions, before, history, Date.now(), guardrails);
 * ```
 */
export function recordApplied(
  memory: TargetMemory,
  applied: readonly Action[],
  before: FleetConfig,
  metrics: readonly IntervalMetrics[],
  nowMs: number,
  guardrails: GuardrailsConfig,
): TargetMemory {
  if (applied.length === 0) return memory;
  const lastChange: Partial<Record<Knob, KnobChange>> = { ...memory.lastChange };
  let releaseHolding = memory.releaseHolding;
  for (const action of applied) {
    const knob =
      action.kind === 'setMemory'
        ? Knob.MEMORY
        : action.kind === 'setProvisionedConcurrency'
          ? Knob.PROVISIONED_CONCURRENCY
          : Knob.RESERVED_CONCURRENCY;
    const up = action.to === null || (action.from !== null && action.to > action.from);
    // A purchase after a release ends it (docs/decisions/0073-a-release-holds-as-long-as-releases-have-held.md).
    if (knob === Knob.PROVISIONED_CONCURRENCY && up && lastChange[knob]?.direction === 'down') {
      releaseHolding = withReversal(releaseHolding);
    }
    lastChange[knob] = { atMs: nowMs, direction: up ? 'up' : 'down' };
    if (action.kind === 'setMemory') {
      lastChange[Knob.PROVISIONED_CONCURRENCY] = {
        atMs: nowMs,
        direction: action.provisionedConcurrency >= before.provisionedConcurrency ? 'up' : 'down',
      };
    }
  }
  const baseline = observeWindow(metrics.slice(-15), Number.POSITIVE_INFINITY);
  return {
    ...memory,
    lastChange,
    ...(releaseHolding === undefined ? {} : { releaseHolding }),
    rollbackWatch: guardrails.rollback.enabled
      ? {
          changedAtMs: nowMs,
          untilMs: nowMs + guardrails.rollback.watchMinutes * MINUTE_MS,
          previous: before,
          baselineErrorRate: baseline.errorRate,
          baselineThrottleRate: baseline.throttleRate,
        }
      : undefined,
  };
}
