import { thermostatRun } from '../thermostat/thermostatPolicy.ts';
import type { BacktestPolicy } from './backtestPolicy.ts';

/**
 * `thermostat`: the tuner itself. Every 5 minutes the shipped tuning cycle runs against a
 * simulated account holding the function (see ../thermostat/thermostatPolicy.ts), starting
 * on-demand at the run's memory, free to tune memory (128–10,240 MB) and provisioned
 * concurrency (0–100) under the default guardrails.
 *
 * @example
 * ```ts
 * const run = thermostatBacktestPolicy.prepare(context); // run.simulate runs the cycle
 * ```
 */
export const thermostatBacktestPolicy: BacktestPolicy = {
  name: 'thermostat',
  description:
    'lambda-thermostat: the shipped tuning cycle, every 5 minutes, on a simulated account',
  prepare(context) {
    return {
      config: { memoryMb: context.memoryMb, provisionedConcurrency: 0, reservedConcurrency: null },
      simulate: thermostatRun({
        sloP99Ms: context.sloP99Ms,
        target: { slo: context.slo, tune: ['provisionedConcurrency', 'memory'] },
        planner: { windowMinutes: context.windowMinutes, seed: context.seed },
        ...(context.cycleReports === undefined ? {} : { reportSink: context.cycleReports }),
        onCycle: (_report, _nowMs, fraction) => context.progress(fraction),
      }),
    };
  },
};
