import type { GuardrailsConfig } from '../core/config/thermostatConfig.ts';
import { recordApplied } from '../core/plan/recordApplied.ts';
import type { Plan } from '../core/plan/targetPlan.ts';
import type { TargetMemory, TunerMemory } from '../core/plan/tunerMemory.ts';
import type { ActionResult } from '../core/plan.ts';
import type { TargetObservation } from '../core/ports.ts';

/**
 * The memory to keep after acting: each knob really changed starts its cooldown and a rollback
 * watch (`recordApplied`, with only the `applied` actions). And a prediction made for a
 * configuration that did not come to run (a dry run, a failed or skipped action) is forgotten:
 * the next cycle would otherwise judge the safety margin by a window the prediction never
 * described.
 *
 * @example
 * ```ts
 * const memory = rememberOutcome({ memory: planned, plan, results, observations, nowMs, guardrails });
 * ```
 */
export function rememberOutcome(input: {
  readonly memory: TunerMemory;
  readonly plan: Plan;
  readonly results: ReadonlyMap<string, readonly ActionResult[]>;
  readonly observations: ReadonlyMap<string, TargetObservation | Error>;
  readonly nowMs: number;
  readonly guardrails: GuardrailsConfig;
}): TunerMemory {
  const targets: Record<string, TargetMemory> = { ...input.memory.targets };
  for (const target of input.plan.targets) {
    let memory = targets[target.key];
    if (memory === undefined || target.actions.length === 0) continue;
    const results = input.results.get(target.key) ?? [];
    const applied = results.filter((r) => r.status === 'applied').map((r) => r.action);
    const observation = input.observations.get(target.key);
    const metrics =
      observation instanceof Error || observation === undefined ? [] : observation.metrics;
    if (applied.length > 0 && target.current !== null)
      memory = recordApplied(
        memory,
        applied,
        target.current,
        metrics,
        input.nowMs,
        input.guardrails,
      );
    const realised =
      results.length === target.actions.length &&
      results.every((r) => r.status === 'applied' || r.status === 'unchanged');
    if (!realised) memory = { ...memory, lastPrediction: undefined };
    targets[target.key] = memory;
  }
  return { version: 1, targets };
}
