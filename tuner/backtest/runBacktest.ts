import { type SimulationInput, simulateFleet } from '../sim/index.ts';
import type { BacktestOptions } from './backtestOptions.ts';
import type { BacktestResult, PolicyOutcome } from './backtestResult.ts';
import { createBacktestContext } from './createBacktestContext.ts';
import { resolveBacktestOptions } from './resolveBacktestOptions.ts';
import { scoreSimulation } from './scoring/scoreSimulation.ts';

const ORACLE = 'oracle';
const ROBUST_FLOOR = 'robust-floor';
/** Longest stretch of work between two yields to the event loop (so a progress bar can draw). */
const YIELD_EVERY_MS = 50;

/**
 * Backtests policies on one function's trace: each policy prepares its run (see
 * `BacktestPolicy`), the run is simulated with every invocation recorded, and scored by
 * `scoreSimulation`; costs are then set against the oracle's, if it ran. Every policy replays the
 * same arrivals and service-time draws (one seed). Throws `BacktestOptionError`,
 * `UnknownBacktestPolicyError` or `SimulationInputError` for bad options.
 *
 * @example
 * ```ts
 * const { trace, function: fn } = await readTrace('examples/traces/azure2019/100_inv.csv', { functionId: 'e80f0c' });
 * const result = await runBacktest({ trace, functionId: fn.id, profile, sloP99Ms: 200 });
 * result.policies.map((p) => [p.policy, p.attainment, p.costVsOracle]);
 * ```
 */
export async function runBacktest(options: BacktestOptions): Promise<BacktestResult> {
  const resolved = resolveBacktestOptions(options);
  const shared = createBacktestContext(resolved);
  const policyCount = resolved.selectedPolicies.length;
  const outcomes: Omit<PolicyOutcome, 'costVsOracle' | 'costVsRobustFloor'>[] = [];
  let lastYieldMs = performance.now();
  let traceMinutes = 0;

  for (const [policyIndex, policy] of resolved.selectedPolicies.entries()) {
    const startedMs = performance.now();
    const report = (fraction: number) =>
      resolved.onProgress?.({ policy: policy.name, policyIndex, policyCount, fraction });
    report(0);
    await yieldToEventLoop();
    lastYieldMs = performance.now();
    const run = await policy.prepare({
      ...shared,
      async progress(fraction) {
        report(Math.min(1, Math.max(0, fraction)));
        if (performance.now() - lastYieldMs >= YIELD_EVERY_MS) {
          await yieldToEventLoop();
          lastYieldMs = performance.now();
        }
      },
    });
    const input: SimulationInput = {
      ...shared.baseInput(),
      ...run.simulation,
      config: run.config,
      ...(run.policy !== undefined ? { policy: run.policy } : {}),
      ...(run.controlIntervalSec !== undefined
        ? { controlIntervalSec: run.controlIntervalSec }
        : {}),
      recordInvocations: true,
    };
    const result = run.simulate !== undefined ? await run.simulate(input) : simulateFleet(input);
    traceMinutes = (result.endMs - result.startMs) / 60_000;
    const score = scoreSimulation(result, {
      sloP99Ms: resolved.sloP99Ms,
      windowMinutes: resolved.windowMinutes,
      warmUpWindows: resolved.warmUpWindows,
      objective: resolved.objective,
    });
    outcomes.push({
      policy: policy.name,
      ...score,
      notes: run.notes ?? [],
      configChanges: result.configTimeline.length - 1,
      elapsedMs: performance.now() - startedMs,
    });
    report(1);
  }

  const costOf = (name: string) => outcomes.find((outcome) => outcome.policy === name)?.costUsd;
  const ratio = (cost: number, floor: number | undefined) =>
    floor !== undefined && floor > 0 ? cost / floor : null;
  const oracleCost = costOf(ORACLE);
  const robustFloorCost = costOf(ROBUST_FLOOR);
  return {
    function: resolved.functionId,
    invocations: outcomes[0]?.requests ?? 0,
    sloP99Ms: resolved.sloP99Ms,
    objective: resolved.objective,
    windowMinutes: resolved.windowMinutes,
    warmUpWindows: resolved.warmUpWindows,
    traceMinutes,
    seed: resolved.seed,
    memoryMb: resolved.memoryMb,
    policies: outcomes.map((outcome) => ({
      ...outcome,
      costVsOracle: ratio(outcome.costUsd, oracleCost),
      costVsRobustFloor: ratio(outcome.costUsd, robustFloorCost),
    })),
  };
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
