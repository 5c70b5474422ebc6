import type { BacktestPolicy } from '../policies/backtestPolicy.ts';
import { bestOracleSchedule } from './bestOracleSchedule.ts';

/**
 * `oracle`: the hindsight floor on cost.
 *
 * How it is computed. The trace is cut into the SLO's windows (5 minutes by default). Every
 * policy replays the same requests (the seed fixes arrival times and service-time draws), so the
 * oracle records them once and can replay any stretch of the day. It then builds a schedule, one
 * configuration per window, window after window: for window w it simulates candidate
 * configurations — memory from a grid of Lambda sizes (a size no faster than a smaller one is
 * dropped), provisioned concurrency from 0 up — on that window's requests, after replaying the
 * ~10 minutes before it with the configurations already chosen (which carries in the warm
 * environments), and keeps the cheapest candidate whose window p99 meets the target; if none does,
 * the one with the best p99, and the window is flagged. Pruning drops only candidates that cannot
 * win: memories whose warm service times alone miss the target; memories whose cost lower bound is
 * above the best cost found; PC below the least sufficient level, found by doubling and bisection
 * (the p99 does not rise with PC), after which PC is raised while that is cheaper (a busy PC
 * environment costs less than on-demand). Choosing window by window is myopic about memory (a size
 * that is cheaper in one window can cost warm environments or PC later), so the search runs once
 * over all memories and once per fixed memory (PC still per window). Each schedule is replayed over
 * the whole trace exactly like every other policy, except that PC is ready at each window's start
 * with no allocation delay and memory switches with no publish delay (prescience); the one meeting
 * the SLO in the most windows, then the cheapest, is the oracle.
 *
 * Why it is a floor. A policy pays, window by window, for what it holds there. Given the same warm
 * state, no configuration that meets the SLO in a window costs less than the oracle's choice for
 * it, since the oracle compared them all. Real policies also pay for not knowing the future: PC
 * bought ahead of a burst or kept after it, a 90 s allocation delay, a memory change that takes a
 * minute; and PC is billed in 5-minute blocks, so holding one configuration per 5-minute window
 * gives nothing away. Summed over the windows, a policy that meets the SLO in every window cannot
 * cost less than the oracle. It is a search-based floor, not a proof over all schedules: a policy
 * might pay more in one window to leave more warm environments to the next, and changes within a
 * window are not searched. The tests check the floor against every baseline on synthetic traces,
 * and the report shows the oracle's own attainment.
 *
 * @example
 * ```ts
 * const run = await oraclePolicy.prepare(context);
 * run.simulation; // { provisionedAllocationDelaySec: 0, memoryChangeDelaySec: 0 }
 * ```
 */
export const oraclePolicy: BacktestPolicy = {
  name: 'oracle',
  description: 'hindsight: the cheapest configuration per window that meets the SLO (cost floor)',
  async prepare(context) {
    const { chosen, candidates, pruned, simulations } = await bestOracleSchedule(context);
    const unattainable = chosen.schedule.unattainable.length;
    return {
      ...chosen.run,
      notes: [
        `oracle: hindsight, the cheapest configuration per ${context.windowMinutes}-min window ` +
          'meeting the SLO, PC ready at each window start with no allocation delay (prescience): ' +
          'the floor on cost',
        `oracle: best of ${candidates.length} searched schedule families (${chosen.family} won` +
          `${pruned.length > 0 ? `; ${pruned.length} pruned by a cost bound` : ''}), ` +
          `${simulations.toLocaleString('en-US')} window simulations` +
          (unattainable === 0
            ? ''
            : `; ${unattainable} window(s) unattainable at any candidate (best p99 bought, flagged)`),
      ],
    };
  },
};
