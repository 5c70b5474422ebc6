import { FaultSite, reportFault } from '../telemetryFaults.ts';
import type { MetricUnit } from './units.ts';

/** Limits of the CloudWatch Embedded Metric Format specification (and of a log event). */
export const EMF_LIMITS = {
  metricsPerDirective: 100,
  dimensionsPerSet: 30,
  valuesPerMetric: 100,
  /** A log event may hold 1 MiB; stay below it with room for the runtime's own framing. */
  documentBytes: 1_000_000,
  nameLength: 255,
  dimensionValueLength: 1024,
} as const;

/** CloudWatch rejects values outside this magnitude range (other than 0). */
const MIN_MAGNITUDE = 8.51592e-109;
const MAX_MAGNITUDE = 1.174271e108;

/** One metric and the values recorded for it. */
export interface MetricSeries {
  readonly name: string;
  readonly unit: MetricUnit;
  readonly values: readonly number[];
}

/** Everything one EMF write carries; serialised into one or more documents. */
export interface EmfBatch {
  readonly namespace: string;
  /** Dimension name → value; together they form the one dimension set. */
  readonly dimensions: Readonly<Record<string, string>>;
  readonly metrics: readonly MetricSeries[];
  /** Non-metric members beside the metrics (for Logs Insights). */
  readonly properties: Readonly<Record<string, unknown>>;
  /** Epoch milliseconds (rounded to an integer, as the specification requires). */
  readonly timestamp: number;
}

/**
 * Serialises a batch as EMF documents, one JSON line each, splitting wherever the specification's
 * limits require it (100 metrics per directive, 100 values per metric, 1 MB per document). Values
 * CloudWatch would reject (NaN, ±Infinity, out of range) and properties that cannot be serialised
 * are dropped and reported once; the rest is still written.
 *
 * @example
 * ```ts
 * const [line] = serialiseEmf({
 *   namespace: 'LambdaThermostat',
 *   dimensions: { FunctionName: 'ocr', Resource: 'ocr:live' },
 *   metrics: [{ name: 'InvokeLatency', unit: 'Milliseconds', values: [12.5] }],
 *   properties: { requestId: 'abc' },
 *   timestamp: Date.now(),
 * });
 * ```
 */
export function serialiseEmf(batch: EmfBatch): string[] {
  const properties = batch.properties;
  const metrics = batch.metrics
    .map((m) => ({ name: m.name, unit: m.unit, values: acceptedValues(m.values) }))
    .filter((m) => m.values.length > 0);
  if (metrics.length === 0) return [];

  const documents: string[] = [];
  const rounds = Math.max(
    ...metrics.map((m) => Math.ceil(m.values.length / EMF_LIMITS.valuesPerMetric)),
  );
  for (let round = 0; round < rounds; round++) {
    const slice = metrics
      .map((m) => ({
        ...m,
        values: m.values.slice(
          round * EMF_LIMITS.valuesPerMetric,
          (round + 1) * EMF_LIMITS.valuesPerMetric,
        ),
      }))
      .filter((m) => m.values.length > 0);
    for (let start = 0; start < slice.length; start += EMF_LIMITS.metricsPerDirective) {
      documents.push(
        ...fitToSize(batch, slice.slice(start, start + EMF_LIMITS.metricsPerDirective), properties),
      );
    }
  }
  return documents;
}

function fitToSize(
  batch: EmfBatch,
  metrics: readonly MetricSeries[],
  properties: Readonly<Record<string, unknown>>,
): string[] {
  const line = renderSafely(batch, metrics, properties);
  if (Buffer.byteLength(line) <= EMF_LIMITS.documentBytes) return [line];
  if (metrics.length > 1) {
    const half = Math.ceil(metrics.length / 2);
    return [
      ...fitToSize(batch, metrics.slice(0, half), properties),
      ...fitToSize(batch, metrics.slice(half), properties),
    ];
  }
  // One metric of at most 100 numbers is a few KB: only the properties can be this large.
  reportFault(
    FaultSite.EMF_SERIALISE,
    new Error('properties exceed the EMF document size; written without them'),
  );
  return [render(batch, metrics, {})];
}

/** Renders; if a property cannot be serialised (a BigInt, a cycle), renders without it. */
function renderSafely(
  batch: EmfBatch,
  metrics: readonly MetricSeries[],
  properties: Readonly<Record<string, unknown>>,
): string {
  try {
    return render(batch, metrics, properties);
  } catch {
    return render(batch, metrics, serialisableProperties(properties));
  }
}

/** `_aws`, dimensions and metrics come after the properties, so a property can never shadow them. */
function render(
  batch: EmfBatch,
  metrics: readonly MetricSeries[],
  properties: Readonly<Record<string, unknown>>,
): string {
  const doc: Record<string, unknown> = {
    ...properties,
    _aws: {
      Timestamp: Math.round(batch.timestamp),
      CloudWatchMetrics: [
        {
          Namespace: batch.namespace,
          Dimensions: [Object.keys(batch.dimensions)],
          Metrics: metrics.map((m) => ({ Name: m.name, Unit: m.unit })),
        },
      ],
    },
    ...batch.dimensions,
  };
  for (const m of metrics) doc[m.name] = m.values.length === 1 ? m.values[0] : m.values;
  return JSON.stringify(doc);
}

function acceptedValues(values: readonly number[]): number[] {
  let rejected = 0;
  const accepted: number[] = [];
  for (const v of values) {
    const magnitude = Math.abs(v);
    if (
      Number.isFinite(v) &&
      (v === 0 || (magnitude >= MIN_MAGNITUDE && magnitude <= MAX_MAGNITUDE))
    ) {
      accepted.push(v);
    } else {
      rejected++;
    }
  }
  if (rejected > 0) {
    reportFault(
      FaultSite.METRIC_VALUE,
      new Error(`${rejected} metric value(s) CloudWatch would reject were dropped`),
    );
  }
  return accepted;
}

/** Keeps the properties that serialise on their own; reports the others. */
function serialisableProperties(
  properties: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(properties)) {
    try {
      JSON.stringify(value);
      kept[key] = value;
    } catch (error) {
      reportFault(
        FaultSite.EMF_SERIALISE,
        new Error(`property "${key}" cannot be serialised: ${(error as Error).message}`),
      );
    }
  }
  return kept;
}
