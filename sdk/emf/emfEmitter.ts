import { FaultSite, reportFault } from '../telemetryFaults.ts';
import { EMF_LIMITS, type MetricSeries, serialiseEmf } from './emfDocument.ts';
import type { EmfLineWriter } from './stdoutWriter.ts';
import type { MetricUnit } from './units.ts';

/** How metrics reach the log: a document per invocation, or one per batch of invocations. */
export const EmfMode = {
  PER_INVOCATION: 'per-invocation',
  AGGREGATED: 'aggregated',
} as const;
export type EmfMode = (typeof EmfMode)[keyof typeof EmfMode];

/** What one invocation contributes. */
export interface InvocationRecord {
  readonly dimensions: Readonly<Record<string, string>>;
  readonly metrics: readonly MetricSeries[];
  /** Every member beside the metrics (requestId, traceId, functionVersion...): per-invocation mode. */
  readonly properties: Readonly<Record<string, unknown>>;
  /** What the user added with `addMetadata` (per-invocation mode; dropped first when too large). */
  readonly metadata?: Readonly<Record<string, unknown>>;
  /** The subset that holds for the whole environment (functionVersion, initType): aggregated mode. */
  readonly environmentProperties: Readonly<Record<string, unknown>>;
  /** Epoch ms. */
  readonly timestamp: number;
}

interface Aggregate {
  readonly dimensions: Readonly<Record<string, string>>;
  environmentProperties: Readonly<Record<string, unknown>>;
  readonly metrics: Map<string, { unit: MetricUnit; unlisted: boolean; values: number[] }>;
  firstTimestamp: number;
}

/**
 * Turns invocation records into EMF lines. In aggregated mode it keeps the values of one
 * environment and writes a document when any metric reaches 100 values (the per-document limit)
 * or its oldest value is older than `maxAgeMs`. It only ever writes from `record`, which runs
 * inside an invocation, because a frozen environment cannot write.
 */
export class EmfEmitter {
  readonly #namespace: string;
  readonly #mode: EmfMode;
  readonly #maxAgeMs: number;
  readonly #writer: EmfLineWriter;
  readonly #aggregates = new Map<string, Aggregate>();

  constructor(options: {
    namespace: string;
    mode: EmfMode;
    maxAgeMs: number;
    writer: EmfLineWriter;
  }) {
    this.#namespace = options.namespace;
    this.#mode = options.mode;
    this.#maxAgeMs = options.maxAgeMs;
    this.#writer = options.writer;
  }

  /** Records one invocation; writes now, or when its aggregate is due. Never throws. */
  record(record: InvocationRecord): void {
    if (this.#mode === EmfMode.PER_INVOCATION) {
      this.#write(
        this.#namespace,
        record.dimensions,
        record.metrics,
        record.properties,
        record.timestamp,
        record.metadata,
      );
      return;
    }
    const key = dimensionKey(record.dimensions);
    let aggregate = this.#aggregates.get(key);
    if (aggregate === undefined) {
      aggregate = {
        dimensions: record.dimensions,
        environmentProperties: record.environmentProperties,
        metrics: new Map(),
        firstTimestamp: record.timestamp,
      };
      this.#aggregates.set(key, aggregate);
    }
    aggregate.environmentProperties = record.environmentProperties;
    let full = false;
    for (const series of record.metrics) {
      let slot = aggregate.metrics.get(series.name);
      if (slot === undefined) {
        slot = { unit: series.unit, unlisted: series.unlisted === true, values: [] };
        aggregate.metrics.set(series.name, slot);
      }
      for (const v of series.values) slot.values.push(v);
      if (slot.values.length >= EMF_LIMITS.valuesPerMetric) full = true;
    }
    if (full || record.timestamp - aggregate.firstTimestamp >= this.#maxAgeMs) {
      this.#flushAggregate(key, aggregate);
    }
    // Other aggregates (another alias of this version) may have aged meanwhile.
    for (const [otherKey, other] of this.#aggregates) {
      if (other !== aggregate && record.timestamp - other.firstTimestamp >= this.#maxAgeMs)
        this.#flushAggregate(otherKey, other);
    }
  }

  /** Writes whatever is pending now (call inside an invocation only). */
  flush(): void {
    for (const [key, aggregate] of this.#aggregates) this.#flushAggregate(key, aggregate);
  }

  /** Number of values waiting in aggregated mode (what a reaped environment would lose). */
  get pendingValues(): number {
    let n = 0;
    for (const a of this.#aggregates.values())
      for (const m of a.metrics.values()) n += m.values.length;
    return n;
  }

  #flushAggregate(key: string, aggregate: Aggregate): void {
    this.#aggregates.delete(key);
    const metrics: MetricSeries[] = [];
    for (const [name, slot] of aggregate.metrics)
      metrics.push({ name, unit: slot.unit, values: slot.values, unlisted: slot.unlisted });
    this.#write(
      this.#namespace,
      aggregate.dimensions,
      metrics,
      aggregate.environmentProperties,
      aggregate.firstTimestamp,
    );
  }

  #write(
    namespace: string,
    dimensions: Readonly<Record<string, string>>,
    metrics: readonly MetricSeries[],
    properties: Readonly<Record<string, unknown>>,
    timestamp: number,
    metadata?: Readonly<Record<string, unknown>>,
  ): void {
    let lines: string[];
    try {
      lines = serialiseEmf({ namespace, dimensions, metrics, properties, metadata, timestamp });
    } catch (error) {
      reportFault(FaultSite.EMF_SERIALISE, error);
      return;
    }
    for (const line of lines) {
      try {
        this.#writer(line);
      } catch (error) {
        reportFault(FaultSite.EMF_WRITE, error);
        return;
      }
    }
  }
}

function dimensionKey(dimensions: Readonly<Record<string, string>>): string {
  let key = '';
  for (const name in dimensions) key += `${name}\u0000${dimensions[name]}\u0001`;
  return key;
}
