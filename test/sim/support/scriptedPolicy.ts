import type { FleetConfig, Policy, PolicyInput } from '../../../tuner/sim/index.ts';

/** A test policy that requests each scripted configuration from its time on (relative to 0). */
export function scriptedPolicy(
  steps: readonly { readonly atMs: number; readonly config: FleetConfig }[],
  calls: PolicyInput[] = [],
): Policy {
  return {
    name: 'scripted',
    decide(input) {
      calls.push({ ...input, history: [...input.history] });
      let chosen = input.config;
      for (const step of steps) if (step.atMs <= input.nowMs) chosen = step.config;
      return chosen;
    },
  };
}

/** A configuration with defaults: 1,024 MB, no provisioned concurrency, no reservation. */
export function fleetConfig(overrides: Partial<FleetConfig> = {}): FleetConfig {
  return { memoryMb: 1024, provisionedConcurrency: 0, reservedConcurrency: null, ...overrides };
}
