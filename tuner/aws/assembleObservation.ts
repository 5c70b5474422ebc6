/**
 * Per-query series → one target's per-period `IntervalMetrics`: one row per whole period of the
 * window, gaps included (counts 0, latency-like values null), and the AWS/Lambda Duration
 * fallback when the SDK's latency is absent from the whole window.
 */
import type { TargetObservation, TargetQuery } from '../core/ports.ts';
import type { IntervalMetrics } from '../sim/intervalMetrics.ts';
import type { MetricSeries } from './fetchMetricData.ts';
import { METRIC_FIELDS, type MetricFieldKey } from './metricQueries.ts';

/** Whole periods of a window: aligned start (inclusive) and aligned end (exclusive), ms. */
export interface PeriodGrid {
  readonly startMs: number;
  readonly endMs: number;
  readonly periodMs: number;
}

/**
 * The whole periods inside `[startMs, endMs)`, start rounded down to a period boundary (as
 * CloudWatch does), end rounded down too: a partly elapsed last period is left out.
 *
 * @example
 * ```ts
 * periodGrid({ startMs: 90_000, endMs: 400_000, periodSec: 60 }); // { startMs: 60_000, endMs: 360_000, periodMs: 60_000 }
 * ```
 */
export function periodGrid(window: {
  startMs: number;
  endMs: number;
  periodSec: number;
}): PeriodGrid {
  const periodMs = window.periodSec * 1000;
  const startMs = Math.floor(window.startMs / periodMs) * periodMs;
  const endMs = Math.max(startMs, Math.floor(window.endMs / periodMs) * periodMs);
  return { startMs, endMs, periodMs };
}

const SDK_FIELDS = METRIC_FIELDS.filter((field) => field.origin === 'sdk').map(
  (field) => field.key,
);
const LAMBDA_FIELDS = METRIC_FIELDS.filter((field) => field.origin === 'lambda').map(
  (field) => field.key,
);

/**
 * Builds one target's observation from its series (keyed by field).
 *
 * @example
 * ```ts
 * const observation = assembleObservation(query, grid, seriesByField, 'LambdaThermostat');
 * observation.metrics.length; // one row per minute of the window
 * ```
 */
export function assembleObservation(
  query: TargetQuery,
  grid: PeriodGrid,
  seriesByField: ReadonlyMap<MetricFieldKey, MetricSeries>,
  namespace: string,
  extraNotes: readonly string[] = [],
): TargetObservation {
  const rows = Math.max(0, Math.round((grid.endMs - grid.startMs) / grid.periodMs));
  const columns = new Map<MetricFieldKey, (number | null)[]>();
  for (const field of METRIC_FIELDS) {
    const column = new Array<number | null>(rows).fill(null);
    const series = seriesByField.get(field.key);
    series?.timestamps.forEach((timestamp, i) => {
      const row = Math.floor((timestamp - grid.startMs) / grid.periodMs);
      if (row >= 0 && row < rows) column[row] = series.values[i] ?? null;
    });
    columns.set(field.key, column);
  }
  const column = (key: MetricFieldKey) => columns.get(key) ?? [];
  const hasData = (key: MetricFieldKey) => column(key).some((value) => value !== null);

  const notes: string[] = [...extraNotes];
  const sdkLatency = hasData('e2eP99') || hasData('e2eP50');
  const lambdaLatency = hasData('durationP99') || hasData('durationP50');
  const fallback = !sdkLatency && lambdaLatency;
  if (fallback)
    notes.push(
      `EndToEndLatency absent from ${namespace} for the whole window: e2e latency is AWS/Lambda Duration (handler time only, user-facing init not included); cold starts and init unknown`,
    );
  else if (!sdkLatency)
    notes.push('no latency datapoints in the window (no traffic, or metrics not yet published)');
  if (SDK_FIELDS.some(hasData) && !LAMBDA_FIELDS.some(hasData))
    notes.push(
      `no AWS/Lambda datapoints for Resource ${query.ref.functionName}:${query.ref.qualifier}: invocations, throttles and errors read 0`,
    );
  for (const field of METRIC_FIELDS) {
    const series = seriesByField.get(field.key);
    if (series === undefined) continue;
    const label = `${field.metricName} ${field.stat(query)}`;
    if (series.statusCode !== undefined && series.statusCode !== 'Complete')
      notes.push(`${label}: StatusCode ${series.statusCode}`);
    for (const message of series.messages) notes.push(`${label}: ${message}`);
  }

  const count = (key: MetricFieldKey, row: number) => column(key)[row] ?? 0;
  const value = (key: MetricFieldKey, row: number) => column(key)[row] ?? null;
  const metrics: IntervalMetrics[] = [];
  for (let row = 0; row < rows; row++) {
    metrics.push({
      startMs: grid.startMs + row * grid.periodMs,
      periodSec: grid.periodMs / 1000,
      invocations: count('invocations', row),
      throttles: count('throttles', row),
      errors: count('errors', row),
      durationP50Ms: value('durationP50', row),
      durationP99Ms: value('durationP99', row),
      concurrencyMax: value('concurrencyMax', row),
      pcUtilizationMax: value('pcUtilizationMax', row),
      pcUtilizationAvg: value('pcUtilizationAvg', row),
      spillover: count('spillover', row),
      e2eP50Ms: fallback ? value('durationP50', row) : value('e2eP50', row),
      e2eP99Ms: fallback ? value('durationP99', row) : value('e2eP99', row),
      coldStarts: count('coldStarts', row),
      initP50Ms: value('initP50', row),
      cpuTimeAvgMs: value('cpuTimeAvg', row),
      invokeLatencyAvgMs: value('invokeLatencyAvg', row),
    });
  }
  return {
    target: query.ref,
    metrics,
    latencySource: fallback ? 'aws-lambda-duration' : 'sdk',
    withinSloPercent: [...column('e2eWithinSlo')],
    notes,
  };
}
