/** Scenarios the robust floor's schedule must meet each window in. */
export const ROBUST_FLOOR_SCENARIOS = 20;
/**
 * The first scenario seed. Far from the small seeds backtests are scored on (`--seeds 1..5`), so
 * the floor is searched on dice it is never scored on.
 */
const SCENARIO_SEED_BASE = 0x5eed_0000;

/**
 * The seeds of the robust floor's scenarios: `count` seeds none of which is a scoring seed.
 *
 * @example
 * ```ts
 * robustFloorSeeds([1], 3); // [1592590336, 1592590337, 1592590338]
 * ```
 */
export function robustFloorSeeds(
  scoringSeeds: readonly number[],
  count: number = ROBUST_FLOOR_SCENARIOS,
): number[] {
  const seeds: number[] = [];
  for (let seed = SCENARIO_SEED_BASE; seeds.length < count; seed++) {
    if (!scoringSeeds.includes(seed)) seeds.push(seed);
  }
  return seeds;
}
