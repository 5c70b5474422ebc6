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
  /**
   * Written as a plain member of the document but not declared in its directive: searchable with
   * Logs Insights, not a CloudWatch metric, so not billed as one.
   */
  readonly unlisted?: boolean;
}

/** Everything one EMF write carries; serialised into one or more documents. */
export interface EmfBatch {
  readonly namespace: string;
  /** Dimension name → value; together they form the one dimension set. */
  readonly dimensions: Readonly<Record<string, string>>;
  readonly metrics: readonly MetricSeries[];
  /** Non-metric members beside the metrics (for Logs Insights): always written. */
  readonly properties: Readonly<Record<string, unknown>>;
  /**
   * Members the user added (`addMetadata`), after `properties`. When a document would exceed its
   * size limit they are the ones dropped, the largest first, each alone and noted.
   */
  readonly metadata?: Readonly<Record<string, unknown>>;
  /** Epoch milliseconds (rounded to an integer, as the specification requires). */
  readonly timestamp: number;
}

/**
 * Serialises a batch as EMF documents, one JSON line each, splitting wherever the specification's
 * limits require it (100 metrics per directive, 100 values per metric, 1 MB per document). Values
 * CloudWatch would reject (NaN, ±Infinity, out of range), properties that cannot be serialised and
 * metadata members too large for a document are dropped and reported once; the rest is still
 * written.
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
  const properties =
    batch.metadata === undefined
      ? batch.properties
      : withMetadata(batch.properties, batch.metadata);
  const metrics: MetricSeries[] = [];
  let rounds = 0;
  for (const m of batch.metrics) {
    const values = acceptedValues(m.values);
    if (values.length === 0) continue;
    metrics.push(values === m.values ? m : { ...m, values });
    rounds = Math.max(rounds, Math.ceil(values.length / EMF_LIMITS.valuesPerMetric));
  }
  if (metrics.length === 0) return [];

  const documents: string[] = [];
  for (let round = 0; round < rounds; round++) {
    const slice =
      rounds === 1
        ? metrics
        : metrics
            .map((m) => ({
              ...m,
              values: m.values.slice(
                round * EMF_LIMITS.valuesPerMetric,
                (round + 1) * EMF_LIMITS.valuesPerMetric,
              ),
            }))
            .filter((m) => m.values.length > 0);
    for (let start = 0; start < slice.length; start += EMF_LIMITS.metricsPerDirective) {
      const group =
        slice.length <= EMF_LIMITS.metricsPerDirective
          ? slice
          : slice.slice(start, start + EMF_LIMITS.metricsPerDirective);
      for (const line of fitToSize(batch, group, properties)) documents.push(line);
    }
  }
  return documents;
}

function fitToSize(
  batch: EmfBatch,
  metrics: readonly MetricSeries[],
  properties: Readonly<Record<string, unknown>>,
): string[] {
  const line = render(batch, metrics, properties);
  if (Buffer.byteLength(line) <= EMF_LIMITS.documentBytes) return [line];
  // The user's metadata is what can be large: drop it member by member before anything else.
  if (batch.metadata !== undefined && properties !== batch.properties) {
    return fitToSize(batch, metrics, withoutLargestMetadata(batch, metrics, properties));
  }
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

/** The properties, then each metadata member whose key they do not already hold. */
function withMetadata(
  properties: Readonly<Record<string, unknown>>,
  metadata: Readonly<Record<string, unknown>>,
): Readonly<Record<string, unknown>> {
  let merged: Record<string, unknown> | undefined;
  for (const key in metadata) {
    if (key in properties) continue;
    merged ??= { ...properties };
    merged[key] = metadata[key];
  }
  return merged ?? properties;
}

/**
 * The properties without the metadata members that make the document too large: largest first,
 * until what is left fits (the size of each member is its JSON, known exactly). Each dropped
 * member is reported (once per process, like every fault).
 */
function withoutLargestMetadata(
  batch: EmfBatch,
  metrics: readonly MetricSeries[],
  properties: Readonly<Record<string, unknown>>,
): Readonly<Record<string, unknown>> {
  const metadata = batch.metadata ?? {};
  const sizes: Array<{ key: string; bytes: number }> = [];
  for (const key in metadata) {
    if (key in batch.properties) continue;
    sizes.push({ key, bytes: memberBytes(key, metadata[key]) });
  }
  sizes.sort((a, b) => b.bytes - a.bytes);
  const base = Buffer.byteLength(render(batch, metrics, batch.properties));
  let total = base + sizes.reduce((sum, member) => sum + member.bytes, 0);
  const kept: Record<string, unknown> = { ...properties };
  for (const { key, bytes } of sizes) {
    if (total <= EMF_LIMITS.documentBytes) break;
    delete kept[key];
    total -= bytes;
    reportFault(
      FaultSite.EMF_PROPERTY_SIZE,
      new Error(
        `metadata "${key}" (${bytes} bytes) dropped: the document would exceed ${EMF_LIMITS.documentBytes} bytes; the invocation's own properties and metrics are written`,
      ),
    );
  }
  // Whatever is left now fits, or only the SDK's own properties are too large: stop dropping.
  return total <= EMF_LIMITS.documentBytes ? kept : batch.properties;
}

/** Bytes a member adds to a rendered document: the comma, the quoted key, the colon, the JSON. */
function memberBytes(key: string, value: unknown): number {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    return 0; // render drops it and reports why
  }
  return json === undefined
    ? 0
    : 2 + Buffer.byteLength(JSON.stringify(key)) + Buffer.byteLength(json);
}

/**
 * Renders one document by hand: building a throw-away object and stringifying it costs several
 * times more (the object goes into dictionary mode), and this runs on every invocation.
 * `_aws`, dimensions and metrics are written first and a property that would collide with them is
 * skipped, so a property can never shadow them. A property that cannot be serialised (a BigInt, a
 * cycle) is dropped and reported once.
 */
function render(
  batch: EmfBatch,
  metrics: readonly MetricSeries[],
  properties: Readonly<Record<string, unknown>>,
): string {
  let out = `{"_aws":{"Timestamp":${Math.round(batch.timestamp)},"CloudWatchMetrics":[${directive(batch, metrics)}]}`;
  for (const name in batch.dimensions)
    out += `,${JSON.stringify(name)}:${JSON.stringify(batch.dimensions[name])}`;
  for (const m of metrics) {
    out += `,${JSON.stringify(m.name)}:${m.values.length === 1 ? String(m.values[0]) : `[${m.values.join(',')}]`}`;
  }
  for (const key in properties) {
    const value = properties[key];
    if (
      value === undefined ||
      key === '_aws' ||
      key in batch.dimensions ||
      metrics.some((m) => m.name === key)
    )
      continue;
    let json: string | undefined;
    try {
      json = JSON.stringify(value);
    } catch (error) {
      reportFault(
        FaultSite.EMF_SERIALISE,
        new Error(`property "${key}" cannot be serialised: ${(error as Error).message}`),
      );
    }
    if (json !== undefined) out += `,${JSON.stringify(key)}:${json}`;
  }
  return `${out}}`;
}

/** Directives repeat from one invocation to the next: keep the last few, rendered. */
const directiveCache = new Map<string, string>();
const DIRECTIVE_CACHE_SIZE = 64;

function directive(batch: EmfBatch, metrics: readonly MetricSeries[]): string {
  let key = batch.namespace;
  for (const name in batch.dimensions) key += `\u0000${name}`;
  key += '\u0001';
  for (const m of metrics) if (m.unlisted !== true) key += `${m.name}\u0000${m.unit}\u0000`;
  let rendered = directiveCache.get(key);
  if (rendered === undefined) {
    rendered = JSON.stringify({
      Namespace: batch.namespace,
      Dimensions: [Object.keys(batch.dimensions)],
      Metrics: metrics
        .filter((m) => m.unlisted !== true)
        .map((m) => ({ Name: m.name, Unit: m.unit })),
    });
    if (directiveCache.size >= DIRECTIVE_CACHE_SIZE) directiveCache.clear();
    directiveCache.set(key, rendered);
  }
  return rendered;
}

function acceptedValues(values: readonly number[]): readonly number[] {
  // Fast path: every value acceptable (the usual case) means no copy.
  let ok = true;
  for (const v of values) if (!acceptable(v)) ok = false;
  if (ok) return values;
  const accepted = values.filter(acceptable);
  reportFault(
    FaultSite.METRIC_VALUE,
    new Error(
      `${values.length - accepted.length} metric value(s) CloudWatch would reject were dropped`,
    ),
  );
  return accepted;
}

function acceptable(v: number): boolean {
  const magnitude = Math.abs(v);
  return (
    Number.isFinite(v) && (v === 0 || (magnitude >= MIN_MAGNITUDE && magnitude <= MAX_MAGNITUDE))
  );
}
