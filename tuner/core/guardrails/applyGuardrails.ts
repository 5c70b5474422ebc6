import type { FleetConfig } from '../../sim/fleetConfig.ts';
import type { GuardrailsConfig, TargetConfig } from '../config/thermostatConfig.ts';
import type { TargetMemory } from '../plan/tunerMemory.ts';
import { Knob } from '../plan.ts';
import type { FunctionState } from '../ports.ts';
import { cooldownBlocks, limitDecrease } from './rateOfChange.ts';

/** The configuration the guardrails allow, and why anything the decision wanted was held back. */
export interface GuardrailOutcome {
  readonly config: FleetConfig;
  readonly held: readonly string[];
}

/**
 * Applies the per-target guardrails to a desired configuration: knobs not tuned stay; cooldowns
 * per knob and direction; provisioned concurrency up at once but down by at most a step per cycle;
 * a memory change only when `$LATEST` carries exactly the code (and settings) the alias serves,
 * and never during weighted routing; reserved concurrency never 0 unless allowed; PC never above
 * reserved. A rollback bypasses cooldowns (it restores a configuration that was fine).
 *
 * @example
 * ```ts
 * const { config, held } = applyGuardrails({ target, guardrails, current, desired, state, memory, nowMs });
 * ```
 */
export function applyGuardrails(input: {
  readonly target: TargetConfig;
  readonly guardrails: GuardrailsConfig;
  readonly current: FleetConfig;
  readonly desired: FleetConfig;
  readonly state: Pick<
    FunctionState,
    'codeSha256' | 'latestCodeSha256' | 'unpublishedChanges' | 'aliasRouting'
  >;
  readonly memory: TargetMemory;
  readonly nowMs: number;
  readonly rollback?: boolean;
}): GuardrailOutcome {
  const { target, guardrails, current, desired, state, memory, nowMs } = input;
  const held: string[] = [];
  const tuned = (knob: Knob) => target.tune.includes(knob);
  const rollback = input.rollback === true;

  // Memory
  let memoryMb = current.memoryMb;
  if (desired.memoryMb !== current.memoryMb) {
    const direction = desired.memoryMb > current.memoryMb ? 'up' : 'down';
    const cooldown = cooldownBlocks(
      memory.lastChange.memory,
      guardrails.cooldownMinutes.memory,
      direction,
      nowMs,
      'memory',
    );
    if (!tuned(Knob.MEMORY)) held.push('memory is not a tuned knob for this target');
    else if (state.latestCodeSha256 !== state.codeSha256) {
      held.push(
        `memory change held: $LATEST code (${short(state.latestCodeSha256)}) differs from the alias's version (${short(state.codeSha256)}); the tuner never publishes unpublished code`,
      );
    } else if ((state.unpublishedChanges?.length ?? 0) > 0) {
      held.push(
        `memory change held: $LATEST has unpublished setting changes (${state.unpublishedChanges?.join(', ')})`,
      );
    } else if (
      state.aliasRouting !== undefined &&
      state.aliasRouting !== null &&
      Object.keys(state.aliasRouting).length > 0
    ) {
      held.push(
        'memory change held: the alias uses weighted routing (a deployment is in progress)',
      );
    } else if (cooldown !== undefined && !rollback) held.push(`memory change held: ${cooldown}`);
    else memoryMb = desired.memoryMb;
  }

  // Provisioned concurrency
  let pc = current.provisionedConcurrency;
  if (desired.provisionedConcurrency !== current.provisionedConcurrency) {
    const direction =
      desired.provisionedConcurrency > current.provisionedConcurrency ? 'up' : 'down';
    const cooldown = cooldownBlocks(
      memory.lastChange.provisionedConcurrency,
      guardrails.cooldownMinutes.provisionedConcurrency,
      direction,
      nowMs,
      'provisioned concurrency',
    );
    if (!tuned(Knob.PROVISIONED_CONCURRENCY))
      held.push('provisioned concurrency is not a tuned knob for this target');
    else if (cooldown !== undefined && !rollback) held.push(cooldown);
    else if (direction === 'up' || rollback) pc = desired.provisionedConcurrency;
    else {
      pc = limitDecrease(
        current.provisionedConcurrency,
        desired.provisionedConcurrency,
        guardrails.scaleDownMaxStep.provisionedConcurrency,
      );
      if (pc !== desired.provisionedConcurrency) {
        held.push(
          `provisioned concurrency steps down to ${pc}, not ${desired.provisionedConcurrency}, this cycle (scale down slowly)`,
        );
      }
    }
  }

  // Reserved concurrency
  let reserved = current.reservedConcurrency;
  if (desired.reservedConcurrency !== current.reservedConcurrency) {
    const up =
      desired.reservedConcurrency === null ||
      (current.reservedConcurrency !== null &&
        desired.reservedConcurrency > current.reservedConcurrency);
    const cooldown = cooldownBlocks(
      memory.lastChange.reservedConcurrency,
      guardrails.cooldownMinutes.reservedConcurrency,
      up ? 'up' : 'down',
      nowMs,
      'reserved concurrency',
    );
    if (!tuned(Knob.RESERVED_CONCURRENCY))
      held.push('reserved concurrency is not a tuned knob for this target');
    else if (cooldown !== undefined && !rollback) held.push(cooldown);
    else reserved = desired.reservedConcurrency;
  }
  if (reserved === 0 && !target.allowZeroReserved) {
    held.push(
      'reserved concurrency 0 would stop the function: kept (set allowZeroReserved to allow it)',
    );
    reserved = current.reservedConcurrency === 0 ? null : current.reservedConcurrency;
  }
  // PC can never exceed reserved concurrency: raise the reservation if we may, else cap PC.
  if (reserved !== null && pc > reserved) {
    const maxReserved = target.bounds.reservedConcurrency[1];
    if (tuned(Knob.RESERVED_CONCURRENCY) && (maxReserved === null || pc <= maxReserved)) {
      reserved = pc;
    } else {
      held.push(`provisioned concurrency capped at the reserved concurrency ${reserved}`);
      pc = reserved;
    }
  }
  return { config: { memoryMb, provisionedConcurrency: pc, reservedConcurrency: reserved }, held };
}

function short(sha: string): string {
  return sha.slice(0, 10);
}
