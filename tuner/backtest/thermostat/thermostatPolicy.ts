import type { Architecture } from '../../../sdk/cost/pricingTable.ts';
import type { GuardrailsConfig, TargetConfig } from '../../core/config/thermostatConfig.ts';
import { validateConfig } from '../../core/config/validateConfig.ts';
import { DEFAULT_PLANNER_OPTIONS, type PlannerOptions } from '../../core/plan/plannerOptions.ts';
import { planTarget } from '../../core/plan/planTarget.ts';
import { recordApplied } from '../../core/plan/recordApplied.ts';
import type { TargetPlan } from '../../core/plan/targetPlan.ts';
import type { TargetMemory } from '../../core/plan/tunerMemory.ts';
import type { FunctionState } from '../../core/ports.ts';
import type { FleetConfig } from '../../sim/fleetConfig.ts';
import type { Policy, PolicyInput } from '../../sim/policy.ts';

/** What the thermostat is told in a backtest: the SLO, and optionally the config's other parts. */
export interface ThermostatPolicyOptions {
  readonly sloP99Ms: number;
  /** The `targets[0]` fields of the SLO config (bounds, tune, budget...), as a user would write them. */
  readonly target?: Record<string, unknown>;
  /** The `guardrails` section of the SLO config. */
  readonly guardrails?: Record<string, unknown>;
  readonly planner?: Partial<PlannerOptions>;
  readonly architecture?: Architecture;
  readonly region?: string;
  /** Called with every plan (for reports and tests). */
  readonly onPlan?: (plan: TargetPlan, nowMs: number) => void;
}

/**
 * The thermostat as a simulator policy: every control interval it runs the tuner's own planning
 * code (`tuner/core`) on exactly what CloudWatch would show — the per-minute metrics so far — and
 * a function state built from the simulated configuration, then applies the planned actions (the
 * simulator adds Lambda's real delays).
 *
 * @example
 * ```ts
 * simulateFleet({ trace, serviceModel, config, policy: thermostatPolicy({ sloP99Ms: 200 }) });
 * ```
 */
export function thermostatPolicy(options: ThermostatPolicyOptions): Policy {
  const config = validateConfig({
    mode: 'apply',
    targets: [
      {
        function: 'simulated-function',
        alias: 'live',
        slo: { p99Ms: options.sloP99Ms },
        ...options.target,
      },
    ],
    ...(options.guardrails !== undefined ? { guardrails: options.guardrails } : {}),
  });
  const target = config.targets[0] as TargetConfig;
  const guardrails: GuardrailsConfig = config.guardrails;
  const planner: PlannerOptions = { ...DEFAULT_PLANNER_OPTIONS, ...options.planner };
  let memory: TargetMemory = { safetyMargin: guardrails.safetyMargin.initial, lastChange: {} };

  return {
    name: 'thermostat',
    decide(input: PolicyInput): FleetConfig {
      const state: FunctionState = {
        functionName: target.functionName,
        qualifier: target.qualifier,
        arn: `arn:aws:lambda:us-east-1:123456789012:function:${target.functionName}:${target.qualifier}`,
        aliasVersion: '1',
        memoryMb: input.config.memoryMb,
        architecture: options.architecture ?? 'x86_64',
        codeSha256: 'simulated',
        latestCodeSha256: 'simulated',
        latestMemoryMb: input.config.memoryMb,
        provisioned:
          input.config.provisionedConcurrency > 0
            ? {
                requested: input.config.provisionedConcurrency,
                allocated: input.availableProvisionedConcurrency,
                available: input.availableProvisionedConcurrency,
                status:
                  input.availableProvisionedConcurrency >= input.config.provisionedConcurrency
                    ? 'READY'
                    : 'IN_PROGRESS',
              }
            : null,
        reservedConcurrency: input.config.reservedConcurrency,
        tags: {},
      };
      const { plan, memory: next } = planTarget({
        target,
        guardrails,
        metrics: input.history,
        state,
        memory,
        nowMs: input.nowMs,
        accountConcurrencyLimit: 1000,
        options: planner,
        key: 'simulated',
      });
      options.onPlan?.(plan, input.nowMs);
      memory = recordApplied(
        next,
        plan.actions,
        input.config,
        input.history,
        input.nowMs,
        guardrails,
      );
      return plan.planned ?? input.config;
    },
  };
}
