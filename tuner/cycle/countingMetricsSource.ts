/**
 * A metrics source that counts what is asked of the one it wraps: GetMetricData bills each
 * statistic requested per call (targets × fields), so this is what the observation costs.
 */
import { ALL_OBSERVED_FIELDS, type ObservedField } from '../core/observe/observedFields.ts';
import {
  type MetricsSource,
  type ObservationWindow,
  type TargetObservation,
  type TargetQuery,
  targetKey,
} from '../core/ports.ts';

/**
 * Counts metrics requested per target (by `targetKey`) and calls.
 *
 * @example
 * ```ts
 * const source = new CountingMetricsSource(new SimulatedMetricsSource(account));
 * await runTuningCycle({ ...ports, metricsSource: source });
 * source.requested.get(':ocr:live'); // e.g. 16 + 2 on a first cycle
 * ```
 */
export class CountingMetricsSource implements MetricsSource {
  readonly #inner: MetricsSource;
  /** Metrics requested so far, per target key. */
  readonly requested = new Map<string, number>();
  /** Calls made so far. */
  calls = 0;

  constructor(inner: MetricsSource) {
    this.#inner = inner;
  }

  observe(
    targets: readonly TargetQuery[],
    window: ObservationWindow,
    fields?: readonly ObservedField[],
  ): Promise<Map<string, TargetObservation | Error>> {
    this.calls += 1;
    const perTarget = (fields ?? ALL_OBSERVED_FIELDS).length;
    for (const target of targets) {
      const key = targetKey(target.ref);
      this.requested.set(key, (this.requested.get(key) ?? 0) + perTarget);
    }
    return this.#inner.observe(targets, window, fields);
  }
}
