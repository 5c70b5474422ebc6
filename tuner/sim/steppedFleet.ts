/**
 * The fleet simulator driven from outside, step by step: the caller advances simulated time to
 * an instant, looks at what happened (metrics, capacity), may request a new configuration, and
 * advances again. This is how an asynchronous controller (the tuning cycle in tuner/cycle, run
 * by the simulated account in tuner/local/simulatedAccount) runs between steps; `simulateFleet`
 * is the same engine with a synchronous `Policy`.
 */
import { arrivalSchedule } from './engine/arrivalSchedule.ts';
import { FleetSimulation } from './engine/fleetSimulation.ts';
import { resolveOptions } from './engine/resolvedOptions.ts';
import type { FleetConfig } from './fleetConfig.ts';
import type { IntervalMetrics } from './intervalMetrics.ts';
import type { SimulationInput } from './simulationInput.ts';
import type { SimulationResult } from './simulationResult.ts';

/** One function's simulated fleet, advanced by its caller. */
export interface SteppedFleet {
  /** Start of the simulated window, epoch ms. */
  readonly startMs: number;
  /** End of the simulated window (exclusive), epoch ms. */
  readonly endMs: number;
  /** The instant simulated so far, epoch ms (a minute boundary). */
  readonly nowMs: number;
  /** Simulates every whole minute ending at or before `epochMs`, and what falls due at its end. */
  advanceTo(epochMs: number): void;
  /** Requests `config` at `nowMs` (Lambda's delays apply); throws `SimulationInputError` for a bad one. */
  request(config: FleetConfig): void;
  /** The ceiling without reserved concurrency: what the account's unreserved pool leaves it. */
  setUnreservedCeiling(ceiling: number): void;
  /** The configuration last requested. */
  readonly requested: FleetConfig;
  /** Provisioned environments allocated and ready. */
  readonly provisionedReady: number;
  /** Memory of the version taking traffic, MB. */
  readonly memoryInEffect: number;
  /** Environments busy at `nowMs`. */
  readonly concurrency: number;
  /** Per-minute metrics of the minutes simulated so far, oldest first. */
  readonly metrics: readonly IntervalMetrics[];
  /** Served invocations so far (only with `recordInvocations`). */
  readonly recordedInvocations: { arrivalMs: Float64Array; e2eMs: Float64Array } | null;
  /** The result of the minutes simulated so far. */
  finish(): SimulationResult;
}

/**
 * Starts a stepped simulation of `input` (its `policy`, if any, is ignored: the caller decides).
 *
 * @example
 * ```ts
 * const fleet = startSteppedFleet({ trace, serviceModel, config, recordInvocations: true });
 * fleet.advanceTo(fleet.startMs + 300_000);
 * fleet.request({ ...fleet.requested, provisionedConcurrency: 4 });
 * fleet.advanceTo(fleet.endMs);
 * fleet.finish().cost.total;
 * ```
 */
export function startSteppedFleet(input: SimulationInput): SteppedFleet {
  const { policy: _ignored, ...rest } = input;
  const options = resolveOptions(rest);
  const schedule = arrivalSchedule(input.trace, input.useTraceDurations === true);
  const engine = new FleetSimulation(schedule, input.config, options);
  const startMs = schedule.startMs;
  return {
    startMs,
    endMs: startMs + schedule.minutes * 60_000,
    get nowMs() {
      return startMs + engine.elapsedMs;
    },
    advanceTo: (epochMs) => {
      engine.advanceTo(epochMs - startMs);
      engine.settle();
    },
    request: (config) => engine.request(config),
    setUnreservedCeiling: (ceiling) => engine.setUnreservedCeiling(ceiling),
    get requested() {
      return engine.requested;
    },
    get provisionedReady() {
      return engine.provisionedReady;
    },
    get memoryInEffect() {
      return engine.memoryInEffect;
    },
    get concurrency() {
      return engine.concurrency;
    },
    get metrics() {
      return engine.metrics;
    },
    get recordedInvocations() {
      return engine.recordedInvocations;
    },
    finish: () => engine.finish(),
  };
}
