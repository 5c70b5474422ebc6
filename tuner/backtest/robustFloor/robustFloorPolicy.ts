import { bestOracleSchedule } from '../oracle/bestOracleSchedule.ts';
import type { BacktestPolicy } from '../policies/backtestPolicy.ts';
import { ROBUST_FLOOR_SCENARIOS, robustFloorSeeds } from './robustFloorSeeds.ts';

/**
 * `robust-floor`: what a policy that knew the future traffic volume, but not the dice, could reach.
 *
 * The oracle knows the simulator's dice — the exact arrival times within each minute and every
 * service-time draw — and buys capacity only in the windows where a rare overlap happened; no
 * causal policy can. The robust floor is searched exactly like the oracle (window by window, the
 * cheapest configuration meeting the SLO given the warm state the earlier choices leave, every
 * memory family; see `oraclePolicy`), but on `ROBUST_FLOOR_SCENARIOS` re-sampled scenarios of the
 * same per-minute counts, each with its own dice: a candidate meets a window only if it meets it
 * in every scenario, and costs their mean. The schedule is then scored like every policy on the
 * backtest's seed, which is none of the scenarios' (`robustFloorSeeds`): the floor is judged on
 * dice it did not see. It keeps the oracle's prescience about timing (PC ready at each window's
 * start, no memory-change delay), so it is still a floor for a policy that knows the volume.
 *
 * @example
 * ```ts
 * const run = await robustFloorPolicy.prepare(context);
 * run.notes?.[0]; // 'robust-floor: the cheapest configuration per window meeting the SLO in all 20 …'
 * ```
 */
export const robustFloorPolicy: BacktestPolicy = {
  name: 'robust-floor',
  description:
    'knows the traffic volume, not the dice: per window the cheapest configuration meeting the SLO in every re-sampled scenario',
  async prepare(context) {
    const seeds = robustFloorSeeds([context.seed]);
    const { chosen, simulations } = await bestOracleSchedule(context, { scenarioSeeds: seeds });
    const unattainable = chosen.schedule.unattainable.length;
    return {
      ...chosen.run,
      notes: [
        `robust-floor: the cheapest configuration per ${context.windowMinutes}-min window meeting ` +
          `the SLO in all ${ROBUST_FLOOR_SCENARIOS} re-sampled scenarios of the same per-minute ` +
          'counts, scored on a seed it did not see; PC ready at each window start (prescience ' +
          `about timing, not about the dice); ${chosen.family}, ` +
          `${simulations.toLocaleString('en-US')} window simulations` +
          (unattainable === 0 ? '' : `; ${unattainable} window(s) unattainable in some scenario`),
      ],
    };
  },
};
