/**
 * The Lambda fleet simulator: a discrete-event simulation of one function (one alias) replaying
 * an arrival trace, used by the tuner to predict and by the backtest to score policies.
 *
 * The model, in short:
 * - Arrivals come from the trace; within a minute of a per-minute trace they are a Poisson
 *   process conditioned on the minute's count (seeded).
 * - A request runs, in this order of preference, on an idle provisioned environment, on the most
 *   recently used idle on-demand environment, or on a new on-demand environment (a user-facing
 *   cold start: end-to-end latency = init + service; the handler Duration excludes init). There is
 *   no queue: a request that finds concurrency at its ceiling (reserved concurrency, else the
 *   account limit), or that needs a new environment when 1,000 were already created in the last
 *   10 s, is throttled, like a synchronous invoke getting a 429.
 * - An idle on-demand environment is reaped once it has been idle for the keep-alive (420 s).
 * - Init and service times come from a `ServiceModel` (usually `serviceModelFromProfile`), scaled
 *   with memory by the CPU-share rule.
 * - A `Policy`, called every control interval (300 s) with the per-minute metrics so far, may
 *   change the configuration: provisioned-concurrency increases become ready after the allocation
 *   delay (90 s), decreases act at once (idle environments first, busy ones when they finish);
 *   reserved concurrency acts at once; a memory change takes traffic after the update-and-publish
 *   delay (60 s), when every warm on-demand environment of the old version is gone and all the
 *   requested provisioned concurrency is ready on the new one (the tuner readies it before moving
 *   the alias; a PC increase requested with the memory change is ready then too).
 * - The bill follows docs/architecture.md ("The cost model") with the SDK's price table: requests, on-demand duration (whole
 *   ms), billed INIT of every on-demand environment, provisioned allocation per constant period in
 *   5-minute blocks, and provisioned duration.
 * - The output is CloudWatch-shaped per-minute metrics (each invocation counts in the minute it
 *   arrived in), the configuration and capacity timelines, totals, the cost and, on request, every
 *   served invocation's arrival time and end-to-end latency.
 *
 * Deterministic for a seed: arrival placement, service times and init times draw from three
 * independent streams, and the i-th arrival always draws the i-th service time.
 */
import { arrivalSchedule } from './engine/arrivalSchedule.ts';
import { FleetSimulation } from './engine/fleetSimulation.ts';
import { resolveOptions } from './engine/resolvedOptions.ts';
import type { SimulationInput } from './simulationInput.ts';
import type { SimulationResult } from './simulationResult.ts';

/**
 * Simulates one function's fleet over a trace (see this file's header for the model). Throws
 * `SimulationInputError` naming the field for an input it cannot simulate.
 *
 * @example
 * ```ts
 * import { simulateFleet, serviceModelFromProfile } from './tuner/sim/index.ts';
 * const result = simulateFleet({
 *   trace: { kind: 'perMinute', startMs: 0, counts: [120, 300, 90] },
 *   serviceModel: serviceModelFromProfile(profile),
 *   config: { memoryMb: 2048, provisionedConcurrency: 2, reservedConcurrency: null },
 *   seed: 7,
 * });
 * result.metrics[1]?.e2eP99Ms; // p99 end-to-end latency of the second minute
 * result.cost.total;           // USD
 * ```
 */
export function simulateFleet(input: SimulationInput): SimulationResult {
  if (input === null || typeof input !== 'object') {
    throw new TypeError('simulateFleet: input must be an object');
  }
  const options = resolveOptions(input);
  const schedule = arrivalSchedule(input.trace, input.useTraceDurations === true);
  return new FleetSimulation(schedule, input.config, options).run();
}
