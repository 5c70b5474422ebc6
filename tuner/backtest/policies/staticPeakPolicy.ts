import { SIMULATION_DEFAULTS } from '../../sim/index.ts';
import { peakConcurrency } from '../peakConcurrency.ts';
import type { BacktestPolicy } from './backtestPolicy.ts';

/**
 * `static-peak`: provisioned concurrency = the trace's peak concurrency, all day from t = 0, at
 * the run's memory. The peak is measured, with hindsight, as the highest per-minute
 * `ConcurrentExecutions` Maximum of an on-demand simulation of the same trace at the same memory
 * (what CloudWatch would have shown), capped at the concurrency ceiling.
 *
 * @example
 * ```ts
 * staticPeakPolicy.prepare(context).config.provisionedConcurrency; // e.g. 6
 * ```
 */
export const staticPeakPolicy: BacktestPolicy = {
  name: 'static-peak',
  description: 'provisioned concurrency = the on-demand peak concurrency, all day',
  prepare(context) {
    const peak = peakConcurrency(context.onDemandReference().metrics);
    const ceiling =
      context.simulation.accountConcurrencyLimit ?? SIMULATION_DEFAULTS.accountConcurrencyLimit;
    return {
      config: {
        memoryMb: context.memoryMb,
        provisionedConcurrency: Math.min(peak, ceiling),
        reservedConcurrency: null,
      },
      notes: [`static-peak: PC ${Math.min(peak, ceiling)} (the on-demand peak concurrency)`],
    };
  },
};
