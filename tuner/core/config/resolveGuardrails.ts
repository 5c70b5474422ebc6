import type { Knob } from '../plan.ts';
import { CONFIG_DEFAULTS } from './configDefaults.ts';
import type { PathIssue } from './configPath.ts';
import type { GuardrailsInput } from './configSchema.ts';
import type { Cooldown, GuardrailsConfig } from './thermostatConfig.ts';

const KNOB_NAMES = ['provisionedConcurrency', 'memory', 'reservedConcurrency'] as const;

/**
 * Fills in the guardrail defaults and checks the margin bounds (`min ≤ initial ≤ max`).
 *
 * @example
 * ```ts
 * resolveGuardrails({ minUnreservedConcurrency: 200 }).guardrails.minUnreservedConcurrency; // 200
 * ```
 */
export function resolveGuardrails(input: GuardrailsInput | undefined): {
  guardrails: GuardrailsConfig;
  issues: PathIssue[];
} {
  const defaults = CONFIG_DEFAULTS.guardrails;
  const cooldownMinutes = {} as Record<Knob, Cooldown>;
  const scaleDownMaxStep = {} as Record<Knob, number>;
  for (const knob of KNOB_NAMES) {
    const given = input?.cooldownMinutes?.[knob];
    cooldownMinutes[knob] = {
      up: given?.up ?? defaults.cooldownMinutes[knob].up,
      down: given?.down ?? defaults.cooldownMinutes[knob].down,
    };
    scaleDownMaxStep[knob] = input?.scaleDownMaxStep?.[knob] ?? defaults.scaleDownMaxStep[knob];
  }
  const safetyMargin = { ...defaults.safetyMargin, ...definedOnly(input?.safetyMargin) };
  const rollback = { ...defaults.rollback, ...definedOnly(input?.rollback) };
  const issues: PathIssue[] = [];
  if (!(safetyMargin.min <= safetyMargin.initial && safetyMargin.initial <= safetyMargin.max))
    issues.push({
      segments: ['guardrails', 'safetyMargin'],
      message: `needs min ≤ initial ≤ max, got min ${safetyMargin.min}, initial ${safetyMargin.initial}, max ${safetyMargin.max}`,
    });
  const guardrails: GuardrailsConfig = {
    cooldownMinutes,
    scaleDownMaxStep,
    safetyMargin,
    minUnreservedConcurrency: input?.minUnreservedConcurrency ?? defaults.minUnreservedConcurrency,
    pcAllocationTimeoutSec: input?.pcAllocationTimeoutSec ?? defaults.pcAllocationTimeoutSec,
    functionUpdateTimeoutSec: input?.functionUpdateTimeoutSec ?? defaults.functionUpdateTimeoutSec,
    rollback,
  };
  return { guardrails, issues };
}

/** Drops the keys whose value is undefined, so a spread does not overwrite defaults with them. */
function definedOnly<T extends object>(value: T | undefined): Partial<T> {
  if (value === undefined) return {};
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
