import { targetLabel } from '../core/actionResults.ts';
import type { TargetConfig } from '../core/config/thermostatConfig.ts';
import { errorSummary } from '../core/errorSummary.ts';
import { errorPlan } from '../core/plan/planCycle.ts';
import type { Plan } from '../core/plan/targetPlan.ts';
import type { ActionResult } from '../core/plan.ts';
import { type FunctionState, type TargetObservation, targetKey } from '../core/ports.ts';
import { sloLatencyThresholdMs } from '../core/slo/serviceLevelObjective.ts';
import type { ReadOutcome, TargetReport } from './cycleReport.ts';
import { summariseObservation } from './observedSummary.ts';

/** Minutes of raw metrics kept in the report per target: enough to see the last windows. */
const REPORTED_MINUTES = 15;

/**
 * The report's view of each planned target: its plan, results, observation and state.
 *
 * @example
 * ```ts
 * const targets = plannedTargetReports(plan, results, observations, states);
 * ```
 */
export function plannedTargetReports(
  plan: Plan,
  results: ReadonlyMap<string, readonly ActionResult[]>,
  observations: ReadonlyMap<string, TargetObservation | Error>,
  states: ReadonlyMap<string, FunctionState | Error>,
): TargetReport[] {
  return plan.targets.map((target) => {
    const observation = observations.get(target.key);
    const state = states.get(target.key);
    const targetResults = results.get(target.key) ?? [];
    const apiErrors =
      (observation instanceof Error ? 1 : 0) +
      (state instanceof Error ? 1 : 0) +
      targetResults.filter((r) => r.status === 'failed').length;
    return {
      key: target.key,
      label: targetLabel(target.target),
      sloP99Ms: target.sloP99Ms,
      plan: target,
      results: targetResults,
      observed:
        observation === undefined || observation instanceof Error
          ? null
          : summariseObservation(observation),
      observation: observation === undefined ? null : outcome(observation, observationView),
      state: state === undefined ? null : outcome(state, (s) => s),
      apiErrors,
    };
  });
}

/**
 * The report's view of the targets of a cycle that stopped before planning: each one unplanned,
 * with the reason. `observations` is given when observing worked and reading the state failed;
 * without it, observing itself failed.
 *
 * @example
 * ```ts
 * stoppedTargetReports(config.targets, { what: 'observing failed', failure: error });
 * ```
 */
export function stoppedTargetReports(
  targets: readonly TargetConfig[],
  stop: {
    readonly what: string;
    readonly failure: Error;
    readonly observations?: ReadonlyMap<string, TargetObservation | Error>;
  },
): TargetReport[] {
  const failure = errorSummary(stop.failure);
  return targets.map((target) => {
    const key = targetKey(target.ref);
    const observation = stop.observations?.get(key);
    const plan = errorPlan(
      target,
      key,
      failure,
      `not planned: ${stop.what} (${failure.name}: ${failure.message}); nothing changes`,
    );
    return {
      key,
      label: targetLabel(target.ref),
      sloP99Ms: sloLatencyThresholdMs(target.slo),
      plan,
      results: [],
      observed:
        observation === undefined || observation instanceof Error
          ? null
          : summariseObservation(observation),
      observation:
        stop.observations === undefined
          ? { error: failure }
          : observation === undefined
            ? null
            : outcome(observation, observationView),
      state: stop.observations === undefined ? null : { error: failure },
      apiErrors: 1,
    };
  });
}

function observationView(o: TargetObservation) {
  const from = Math.min(
    o.metrics.at(-REPORTED_MINUTES)?.startMs ?? Number.NEGATIVE_INFINITY,
    o.readFromMs ?? Number.POSITIVE_INFINITY,
  );
  return {
    latencySource: o.latencySource,
    notes: o.notes,
    // The last minutes, and every minute this cycle read (late and slow values filled in).
    recentMinutes: o.metrics.filter((m) => m.startMs >= from),
  };
}

function outcome<T, R>(value: T | Error, shape: (value: T) => R): ReadOutcome<R> {
  return value instanceof Error ? { error: errorSummary(value) } : shape(value);
}
