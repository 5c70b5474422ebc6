import type { BacktestPolicy } from './backtestPolicy.ts';

/**
 * `on-demand`: no provisioned concurrency, the run's memory (the profile's unless `--memory-mb`),
 * all day. What a function gets when nobody tunes it.
 *
 * @example
 * ```ts
 * onDemandPolicy.prepare(context).config; // { memoryMb: 1769, provisionedConcurrency: 0, reservedConcurrency: null }
 * ```
 */
export const onDemandPolicy: BacktestPolicy = {
  name: 'on-demand',
  description: 'no provisioned concurrency, the run memory',
  prepare(context) {
    return {
      config: {
        memoryMb: context.memoryMb,
        provisionedConcurrency: 0,
        reservedConcurrency: null,
      },
    };
  },
};
