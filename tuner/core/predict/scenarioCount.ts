/**
 * Simulated invocations the scenarios of one candidate may cost together: what 20 scenarios cost
 * on a function serving about 100 requests a minute over the 20 simulated minutes (prefix and
 * horizon). A busier function gets the minimum; a sparse one, whose simulations are cheap and
 * whose rare overlaps need many scenarios to be seen at all, gets more for the same work.
 */
export const SIMULATED_INVOCATIONS_PER_CANDIDATE = 50_000;
/**
 * One simulation's fixed work (setting up the fleet, the minutes' metrics, the windows' scoring),
 * in invocations' worth: from the planning-time bench (test/bench/planning.bench.ts), where a
 * sparse function's cycle (10× fewer requests) took about a quarter of a busy one's.
 */
const SIMULATION_OVERHEAD_INVOCATIONS = 500;
/** At most this many times the minimum: planning stays bounded on a function with no traffic. */
const MAX_SCALE = 5;

/**
 * How many scenarios to simulate per candidate: as many as the budget of simulated invocations
 * allows, between `minimum` and `MAX_SCALE × minimum` (see docs/decisions/0072-scenarios-scale-with-their-cost.md).
 *
 * @example
 * ```ts
 * scenarioCount(20, 2_700); // 20 (a busy function: the minimum)
 * scenarioCount(20, 300);   // 62 (15 requests a minute)
 * ```
 */
export function scenarioCount(minimum: number, invocationsPerScenario: number): number {
  const affordable = Math.floor(
    SIMULATED_INVOCATIONS_PER_CANDIDATE /
      (Math.max(0, invocationsPerScenario) + SIMULATION_OVERHEAD_INVOCATIONS),
  );
  return Math.max(minimum, Math.min(MAX_SCALE * minimum, affordable));
}
