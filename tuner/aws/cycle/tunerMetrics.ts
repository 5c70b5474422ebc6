/**
 * The tuner's own CloudWatch metrics, as EMF batches (namespace `LambdaThermostat/Tuner`):
 * per target (dimension `Target`, `function:qualifier`) ActionsPlanned, ActionsApplied,
 * ApiErrors, PredictedP99 and ObservedP99; and per tuner (dimension `Tuner`, the tuner function's
 * name) the cycle's totals of the three counts, whose ApiErrors also counts the failures that
 * belong to no target (account, memory, report writes). Alarm on `Tuner` ApiErrors > 0 to hear
 * about any failure, on a target's ObservedP99 against its SLO to hear about misses.
 */
import type { EmfBatch, MetricSeries } from '../../../sdk/emf/emfDocument.ts';
import { MetricUnit } from '../../../sdk/emf/units.ts';
import type { TuningCycleResult } from '../../cycle/tuningCycle.ts';

/** The namespace of the tuner's metrics. */
export const TUNER_NAMESPACE = 'LambdaThermostat/Tuner';

/**
 * The batches to serialise with `serialiseEmf` for one cycle.
 *
 * @example
 * ```ts
 * for (const batch of tunerMetricBatches(result, { tuner: 'thermostat', timestampMs: Date.now() }))
 *   for (const line of serialiseEmf(batch)) writeToStdout(line);
 * ```
 */
export function tunerMetricBatches(
  result: Pick<TuningCycleResult, 'report' | 'apiErrors'>,
  options: { readonly tuner: string; readonly timestampMs: number },
): EmfBatch[] {
  const { report } = result;
  const count = (name: string, value: number): MetricSeries => ({
    name,
    unit: MetricUnit.Count,
    values: [value],
  });
  const latency = (name: string, value: number | null | undefined): MetricSeries[] =>
    value === null || value === undefined || !Number.isFinite(value)
      ? []
      : [{ name, unit: MetricUnit.Milliseconds, values: [value] }];
  const perTarget = report.targets.map(
    (target): EmfBatch => ({
      namespace: TUNER_NAMESPACE,
      dimensions: { Target: target.label },
      metrics: [
        count('ActionsPlanned', target.plan.actions.length),
        count('ActionsApplied', target.results.filter((r) => r.status === 'applied').length),
        count('ApiErrors', target.apiErrors),
        ...latency('PredictedP99', target.plan.prediction?.predictedP99Ms),
        ...latency('ObservedP99', target.observed?.p99Ms),
      ],
      properties: { mode: report.mode, planStatus: target.plan.status, sloP99Ms: target.sloP99Ms },
      timestamp: options.timestampMs,
    }),
  );
  const totals: EmfBatch = {
    namespace: TUNER_NAMESPACE,
    dimensions: { Tuner: options.tuner },
    metrics: [
      count('ActionsPlanned', report.totals.actionsPlanned),
      count('ActionsApplied', report.totals.actionsApplied),
      count('ApiErrors', result.apiErrors),
    ],
    properties: { mode: report.mode, cycleStatus: report.status },
    timestamp: options.timestampMs,
  };
  return [...perTarget, totals];
}
