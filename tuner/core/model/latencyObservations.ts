import type { IntervalMetrics } from '../../sim/intervalMetrics.ts';
import type { TargetMemory } from '../plan/tunerMemory.ts';

/** The minutes the latency model is fitted on, and the memory size they were observed at. */
export interface LatencyObservations {
  readonly minutes: readonly IntervalMetrics[];
  readonly referenceMemoryMb: number;
  /** True when the minutes are from before the last memory change (carried across by scaling). */
  readonly carried: boolean;
}

/** Minutes behind a fit, at most: two hours. */
const FIT_MINUTES = 120;
/**
 * The tuner first sees a new size up to one cycle after the switch: minutes this close before
 * that sighting may hold either size and are left out of both fits.
 */
const AMBIGUOUS_MINUTES = 5;
/** Invocations at the new size needed before it is fitted on its own minutes. */
export const MIN_FIT_INVOCATIONS = 100;

/**
 * Which minutes to fit the latency model on: only minutes observed at one known memory size, never
 * a mix labelled as one. Without a memory change seen by the tuner, the last two hours at the
 * current size. After one, the minutes since the tuner saw the new size once they hold
 * `MIN_FIT_INVOCATIONS`; until then, the minutes before the change, at the previous size — the
 * model's reference — which the CPU-share rule scales to any candidate (see
 * docs/decisions/0042-latency-fit-after-a-memory-change.md).
 *
 * @example
 * ```ts
 * const { minutes, referenceMemoryMb } = latencyObservations(history, memory.memorySince, 1024);
 * const model = fitLatencyModel(minutes, referenceMemoryMb);
 * ```
 */
export function latencyObservations(
  metrics: readonly IntervalMetrics[],
  memorySince: TargetMemory['memorySince'],
  currentMemoryMb: number,
): LatencyObservations {
  const previous = memorySince?.previous;
  if (memorySince === undefined || previous === undefined) {
    return {
      minutes: metrics.slice(-FIT_MINUTES),
      referenceMemoryMb: currentMemoryMb,
      carried: false,
    };
  }
  const atCurrent = metrics.filter((m) => m.startMs >= memorySince.sinceMs).slice(-FIT_MINUTES);
  const current = { minutes: atCurrent, referenceMemoryMb: currentMemoryMb, carried: false };
  if (invocations(atCurrent) >= MIN_FIT_INVOCATIONS) return current;
  const changedBeforeMs = memorySince.sinceMs - AMBIGUOUS_MINUTES * 60_000;
  const before = metrics
    .filter((m) => m.startMs >= previous.sinceMs && m.startMs < changedBeforeMs)
    .slice(-FIT_MINUTES);
  if (invocations(before) === 0) return current;
  return { minutes: before, referenceMemoryMb: previous.memoryMb, carried: true };
}

function invocations(minutes: readonly IntervalMetrics[]): number {
  return minutes.reduce((sum, m) => sum + m.invocations, 0);
}
