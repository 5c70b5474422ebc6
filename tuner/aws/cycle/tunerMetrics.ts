/**
 * The tuner's own telemetry, as EMF batches (namespace `LambdaThermostat/Tuner`): per tuner
 * (dimension `Tuner`, the tuner function's name) the cycle's ApiErrors as a CloudWatch metric in
 * the cycles that have any (a plain 0 otherwise: a metric is billed for every hour it has data,
 * $0.30 a month) — it also counts the failures that belong to no target (account, memory,
 * report writes): the construct alarms on it (infra/alarms/tunerAlarms.ts), missing data as
 * not breaching. ActionsPlanned and ActionsApplied are
 * plain members of the same document: the reports say what was done, and as metrics they would
 * cost $0.60 a tuner a month (docs/decisions/0057-tool-bill-at-the-default-deployment.md). Per
 * target (`Target`, `function:qualifier`) the same counts and PredictedP99, ObservedP99 as
 * plain members, searchable with Logs Insights: declared as metrics they would cost $1.50 a
 * target a month, more than the tool's whole budget per function (docs/decisions/0031-tool-bill.md).
 */
import type { EmfBatch, MetricSeries } from '@lambda-thermostat/sdk/emf';
import { MetricUnit } from '@lambda-thermostat/sdk/emf';
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
  const count = (name: string, value: number, unlisted = false): MetricSeries => ({
    name,
    unit: MetricUnit.Count,
    values: [value],
    unlisted,
  });
  const latency = (name: string, value: number | null | undefined): MetricSeries[] =>
    value === null || value === undefined || !Number.isFinite(value)
      ? []
      : [{ name, unit: MetricUnit.Milliseconds, values: [value], unlisted: true }];
  const perTarget = report.targets.map(
    (target): EmfBatch => ({
      namespace: TUNER_NAMESPACE,
      dimensions: { Target: target.label },
      metrics: [
        count('ActionsPlanned', target.plan.actions.length, true),
        count('ActionsApplied', target.results.filter((r) => r.status === 'applied').length, true),
        count('ApiErrors', target.apiErrors, true),
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
      count('ActionsPlanned', report.totals.actionsPlanned, true),
      count('ActionsApplied', report.totals.actionsApplied, true),
      // Declared only when there were errors: CloudWatch bills a metric for the hours it has
      // data, and the alarm treats a missing datapoint as the 0 it stands for.
      count('ApiErrors', result.apiErrors, result.apiErrors === 0),
    ],
    properties: { mode: report.mode, cycleStatus: report.status },
    timestamp: options.timestampMs,
  };
  return [...perTarget, totals];
}
