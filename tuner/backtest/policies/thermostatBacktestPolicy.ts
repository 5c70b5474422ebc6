import { thermostatPolicy } from '../thermostat/thermostatPolicy.ts';
import type { BacktestPolicy } from './backtestPolicy.ts';

/**
 * `thermostat`: the tuner itself. Every 5 minutes it runs the same planning code as the scheduled
 * handler (`tuner/core`) on what CloudWatch would show, starting on-demand at the run's memory,
 * free to tune memory (128–10,240 MB) and provisioned concurrency (0–100) under the default
 * guardrails; the simulator applies Lambda's real delays to what it decides.
 *
 * @example
 * ```ts
 * const run = thermostatBacktestPolicy.prepare(context); // run.controlIntervalSec === 300
 * ```
 */
export const thermostatBacktestPolicy: BacktestPolicy = {
  name: 'thermostat',
  description: 'lambda-thermostat: error-budget-priced model-predictive tuning of PC and memory',
  prepare(context) {
    return {
      config: { memoryMb: context.memoryMb, provisionedConcurrency: 0, reservedConcurrency: null },
      policy: thermostatPolicy({
        sloP99Ms: context.sloP99Ms,
        target: { tune: ['provisionedConcurrency', 'memory'] },
        planner: { windowMinutes: context.windowMinutes, seed: context.seed },
      }),
      controlIntervalSec: 300,
    };
  },
};
