import type { IntervalMetrics } from '../../sim/intervalMetrics.ts';
import type { TargetConfig, ThermostatConfig } from '../config/thermostatConfig.ts';
import type { AccountState, FunctionState, TargetObservation } from '../ports.ts';
import { targetKey } from '../ports.ts';
import { sloLatencyThresholdMs } from '../slo/serviceLevelObjective.ts';
import { actionsBetween } from './actionsBetween.ts';
import { DEFAULT_PLANNER_OPTIONS, type PlannerOptions } from './plannerOptions.ts';
import { planTarget } from './planTarget.ts';
import { type Plan, type TargetPlan, TargetPlanStatus } from './targetPlan.ts';
import type { TargetMemory, TunerMemory } from './tunerMemory.ts';

/** One cycle's inputs: what was observed and read, keyed by `targetKey`; errors are values. */
export interface CycleInput {
  readonly config: ThermostatConfig;
  readonly observations: ReadonlyMap<string, TargetObservation | Error>;
  readonly states: ReadonlyMap<string, FunctionState | Error>;
  readonly account: AccountState | Error;
  readonly memory: TunerMemory;
  readonly nowMs: number;
  readonly options?: Partial<PlannerOptions>;
}

/**
 * Plans one cycle for every target: each planned on its own (a failure to observe or read one
 * target becomes that target's error plan and leaves the others alone), then the account-wide
 * rule: reservations must leave at least `minUnreservedConcurrency` of the account unreserved, so
 * reserved-concurrency increases are trimmed in target order until they fit.
 *
 * @example
 * ```ts
 * const { plan, memory } = planCycle({ config, observations, states, account, memory, nowMs: Date.now() });
 * ```
 */
export function planCycle(input: CycleInput): { plan: Plan; memory: TunerMemory } {
  const options: PlannerOptions = { ...DEFAULT_PLANNER_OPTIONS, ...input.options };
  const accountLimit = input.account instanceof Error ? 1000 : input.account.concurrencyLimit;
  const targets: TargetPlan[] = [];
  const memories: Record<string, TargetMemory> = { ...input.memory.targets };
  for (const target of input.config.targets) {
    const key = targetKey(target.ref);
    const observation = input.observations.get(key);
    const state = input.states.get(key);
    const failure = firstError(observation, state, key);
    if (failure !== undefined) {
      targets.push(errorPlan(target, key, failure));
      continue;
    }
    const memory = takeMemory(memories, target, key) ?? {
      safetyMargin: input.config.guardrails.safetyMargin.initial,
      lastChange: {},
    };
    try {
      const result = planTarget({
        target,
        guardrails: input.config.guardrails,
        metrics: (observation as TargetObservation).metrics as IntervalMetrics[],
        latencySource: (observation as TargetObservation).latencySource,
        state: state as FunctionState,
        memory,
        nowMs: input.nowMs,
        accountConcurrencyLimit: accountLimit,
        options,
        key,
      });
      const notes = [...result.plan.notes, ...((observation as TargetObservation).notes ?? [])];
      targets.push({ ...result.plan, notes });
      memories[key] = result.memory;
    } catch (error) {
      targets.push(errorPlan(target, key, error as Error));
    }
  }
  const fitted = fitReservationsToAccount(
    targets,
    input.account,
    input.config.guardrails.minUnreservedConcurrency,
  );
  return {
    plan: { generatedAtMs: input.nowMs, mode: input.config.mode, targets: fitted },
    memory: { version: 1, targets: memories },
  };
}

function firstError(
  observation: TargetObservation | Error | undefined,
  state: FunctionState | Error | undefined,
  key: string,
): Error | undefined {
  if (state === undefined) return new Error(`no function state was read for ${key}`);
  if (state instanceof Error) return state;
  if (observation === undefined) return new Error(`no metrics were observed for ${key}`);
  if (observation instanceof Error) return observation;
  return undefined;
}

/**
 * The plan of a target that could not be planned: nothing changes, and the summary says why.
 *
 * @example
 * ```ts
 * errorPlan(target, key, new Error('throttled'));
 * ```
 */
export function errorPlan(
  target: TargetConfig,
  key: string,
  error: { readonly name: string; readonly message: string },
  summary = `not planned: ${error.name}: ${error.message}; this target is left as it is, the others go on`,
): TargetPlan {
  return {
    target: target.ref,
    key,
    status: TargetPlanStatus.ERROR,
    current: null,
    desired: null,
    planned: null,
    actions: [],
    prediction: null,
    alternatives: [],
    meetsTarget: false,
    sloP99Ms: sloLatencyThresholdMs(target.slo),
    safetyMargin: 0,
    summary,
    notes: [],
    flags: ['error'],
    error: { name: error.name, message: error.message },
  };
}

/**
 * Trims reserved-concurrency increases so the account keeps its unreserved minimum. A trimmed
 * increase keeps PC within the reservation (PC is capped too) and says why.
 *
 * @example
 * ```ts
 * fitReservationsToAccount(plans, { concurrencyLimit: 1000, unreservedConcurrency: 150 }, 100);
 * ```
 */
export function fitReservationsToAccount(
  plans: readonly TargetPlan[],
  account: AccountState | Error,
  minUnreserved: number,
): TargetPlan[] {
  if (account instanceof Error) {
    return plans.map((p) => {
      const raises = p.actions.some(
        (a) => a.kind === 'setReservedConcurrency' && increase(a.from, a.to),
      );
      if (!raises || p.current === null || p.planned === null) return p;
      const planned = { ...p.planned, reservedConcurrency: p.current.reservedConcurrency };
      const capped =
        planned.reservedConcurrency !== null
          ? {
              ...planned,
              provisionedConcurrency: Math.min(
                planned.provisionedConcurrency,
                planned.reservedConcurrency,
              ),
            }
          : planned;
      return withPlanned(
        p,
        capped,
        `account settings unreadable (${account.message}): reserved concurrency not raised`,
      );
    });
  }
  let headroom = account.unreservedConcurrency - minUnreserved;
  return plans.map((p) => {
    if (p.current === null || p.planned === null) return p;
    const from = p.current.reservedConcurrency;
    const to = p.planned.reservedConcurrency;
    if (!increase(from, to) || to === null) {
      if (from !== null && to !== null && to < from) headroom += from - to;
      if (from !== null && to === null) headroom += from;
      return p;
    }
    const needed = to - (from ?? 0);
    if (needed <= headroom) {
      headroom -= needed;
      return p;
    }
    const allowed = Math.max(from ?? 0, (from ?? 0) + Math.max(0, headroom));
    headroom -= allowed - (from ?? 0);
    const reserved = allowed === 0 && from === null ? null : allowed;
    const planned = {
      ...p.planned,
      reservedConcurrency: reserved,
      provisionedConcurrency:
        reserved === null
          ? p.planned.provisionedConcurrency
          : Math.min(p.planned.provisionedConcurrency, reserved),
    };
    return withPlanned(
      p,
      planned,
      `reserved concurrency held at ${reserved ?? 'none'}: the account must keep ${minUnreserved} unreserved`,
    );
  });
}

function increase(from: number | null, to: number | null): boolean {
  return to !== null && (from === null || to > from);
}

function withPlanned(
  p: TargetPlan,
  planned: NonNullable<TargetPlan['planned']>,
  note: string,
): TargetPlan {
  const current = p.current as NonNullable<TargetPlan['current']>;
  return {
    ...p,
    planned,
    actions: actionsBetween(p.target, current, planned, p.actions[0]?.reason ?? p.summary),
    notes: [...p.notes, note],
    flags: [...p.flags, 'account-headroom'],
  };
}

/**
 * The target's memory. A target named by ARN was keyed without its account before targets
 * carried one: that memory is moved to the new key, so its cooldowns and rollback watch hold.
 */
function takeMemory(
  memories: Record<string, TargetMemory>,
  target: TargetConfig,
  key: string,
): TargetMemory | undefined {
  const { functionName, qualifier, region, accountId } = target.ref;
  if (memories[key] !== undefined || accountId === undefined) return memories[key];
  const oldKey = targetKey(
    region === undefined ? { functionName, qualifier } : { functionName, qualifier, region },
  );
  const old = memories[oldKey];
  delete memories[oldKey];
  return old;
}
