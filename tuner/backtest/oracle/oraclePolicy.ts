import { SIMULATION_DEFAULTS } from '../../sim/index.ts';
import type { BacktestPolicy } from '../policies/backtestPolicy.ts';
import { pricingRates } from '../pricingRates.ts';
import { recordArrivalTape } from './arrivalTape.ts';
import { oracleMemoryCandidates } from './oracleMemoryGrid.ts';
import { searchOracleSchedule } from './oracleSearch.ts';
import { WindowEvaluator } from './windowEvaluator.ts';
import { windowSchedulePolicy } from './windowSchedulePolicy.ts';

/**
 * Beyond the keep-alive, how much earlier the warm-up prefix starts: time for the environments
 * that are warm at the window's start to have been created and for busy ones to finish.
 */
const PREFIX_SLACK_SEC = 180;

/**
 * `oracle`: the hindsight floor on cost.
 *
 * How it is computed. The trace is cut into the SLO's windows (5 minutes by default). Window
 * after window, the oracle tries candidate configurations (memory from a grid of Lambda sizes, the
 * dominated ones dropped; provisioned concurrency from 0 up) and simulates each on that window's
 * real requests (the very arrivals and service draws every policy sees), with the warm state of
 * the earlier windows carried in by replaying the preceding ~10 minutes with the configurations
 * already chosen for them. It keeps the cheapest candidate whose window p99 meets the target; if
 * none does, the one with the best p99, and flags the window. The search is exact where it can
 * be and pruned where that is safe: memories whose warm service times alone miss the target are
 * skipped; memories are tried in order of a cost lower bound and abandoned once the bound exceeds
 * the best found; PC is found by doubling and bisection (the p99 falls as PC rises), then raised
 * while that is cheaper. Finally the whole trace is replayed with that per-window schedule, PC
 * ready at each window's start with no allocation delay and memory switched with no publish delay
 * (prescience), and scored exactly like every other policy.
 *
 * Why it is a floor. In each window a policy pays for the configuration it holds there. For the
 * same warm state coming in, no configuration that meets the SLO in a window is cheaper than the
 * oracle's pick for it, because the oracle compared them all (up to the grid and the pruning, each
 * of which only drops candidates that cannot be cheaper). Real policies also pay for lateness: PC
 * bought 90 s ahead of need, or held after it, and a bound is billed in 5-minute blocks, which is
 * why holding one configuration per 5-minute window loses nothing. Summed over windows, a policy
 * that meets the SLO in every window cannot cost less than the oracle. It is a greedy floor, not
 * a theorem over every schedule: a policy could in principle pay more in one window to leave more
 * warm environments to the next, and finer-than-window memory changes are not searched; the tests
 * check the floor against every baseline, and the report shows the oracle's own attainment.
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
    const windowSec = context.windowMinutes * 60;
    const keepAliveSec = context.simulation.keepAliveSec ?? SIMULATION_DEFAULTS.keepAliveSec;
    const tape = recordArrivalTape(context.baseInput(), context.profile.memoryMb);
    const evaluator = new WindowEvaluator({
      tape,
      windowMinutes: context.windowMinutes,
      profile: context.profile,
      serviceModel: context.serviceModel,
      seed: context.seed,
      sloP99Ms: context.sloP99Ms,
      simulation: context.simulation,
      prefixWindows: Number.isFinite(keepAliveSec)
        ? Math.ceil((keepAliveSec + PREFIX_SLACK_SEC) / windowSec)
        : Number.MAX_SAFE_INTEGER,
    });
    const schedule = await searchOracleSchedule({
      evaluator,
      memories: oracleMemoryCandidates(context.profile, [
        context.memoryMb,
        context.profile.memoryMb,
      ]),
      sloP99Ms: context.sloP99Ms,
      rates: pricingRates(context.simulation.pricing),
      initialMemoryMb: context.memoryMb,
      maxProvisionedConcurrency:
        context.simulation.accountConcurrencyLimit ?? SIMULATION_DEFAULTS.accountConcurrencyLimit,
      onWindow: (fraction) => context.progress(fraction),
    });
    const first = schedule.configs[0] ?? {
      memoryMb: context.memoryMb,
      provisionedConcurrency: 0,
      reservedConcurrency: null,
    };
    const unattainable = schedule.unattainable.length;
    return {
      config: first,
      policy: windowSchedulePolicy('oracle', tape.startMs, windowSec * 1000, schedule.configs),
      controlIntervalSec: windowSec,
      simulation: { provisionedAllocationDelaySec: 0, memoryChangeDelaySec: 0 },
      notes: [
        `oracle: hindsight, the cheapest configuration per ${context.windowMinutes}-min window ` +
          'meeting the SLO, PC ready at each window start with no allocation delay (prescience): ' +
          'the floor on cost',
        unattainable === 0
          ? 'oracle: every window with traffic is attainable'
          : `oracle: ${unattainable} window(s) unattainable at any candidate configuration ` +
            '(best p99 bought there, flagged)',
      ],
    };
  },
};
