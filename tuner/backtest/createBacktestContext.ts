import {
  type SimulationInput,
  type SimulationResult,
  serviceModelFromProfile,
  simulateFleet,
} from '../sim/index.ts';
import type { BacktestContext } from './backtestContext.ts';
import type { BacktestOptions } from './backtestOptions.ts';
import { resolveBacktestOptions } from './resolveBacktestOptions.ts';

/**
 * The context policies prepare their runs from (see `BacktestContext`), for backtest options; the
 * on-demand reference run is computed on first use and shared by every copy of the context.
 * Throws like `resolveBacktestOptions` for bad options.
 *
 * @example
 * ```ts
 * const context = createBacktestContext({ trace, functionId: 'f', profile, sloP99Ms: 200 });
 * const run = await staticPeakPolicy.prepare(context);
 * ```
 */
export function createBacktestContext(
  options: BacktestOptions,
  progress: (fraction: number) => Promise<void> = async () => {},
): BacktestContext {
  const resolved = resolveBacktestOptions(options);
  const serviceModel = serviceModelFromProfile(resolved.profile);
  const simulation = resolved.simulation ?? {};
  const baseInput = (): Omit<SimulationInput, 'config'> => ({
    ...simulation,
    trace: resolved.trace,
    serviceModel,
    seed: resolved.seed,
  });
  let reference: SimulationResult | null = null;
  return {
    trace: resolved.trace,
    functionId: resolved.functionId,
    profile: resolved.profile,
    serviceModel,
    memoryMb: resolved.memoryMb,
    sloP99Ms: resolved.sloP99Ms,
    slo: resolved.slo,
    objective: resolved.objective,
    windowMinutes: resolved.windowMinutes,
    warmUpWindows: resolved.warmUpWindows,
    seed: resolved.seed,
    simulation,
    ...(options.cycleReports === undefined ? {} : { cycleReports: options.cycleReports }),
    baseInput,
    onDemandReference() {
      reference ??= simulateFleet({
        ...baseInput(),
        config: {
          memoryMb: resolved.memoryMb,
          provisionedConcurrency: 0,
          reservedConcurrency: null,
        },
      });
      return reference;
    },
    progress,
  };
}
