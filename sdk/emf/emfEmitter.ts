import { FaultSite, reportFault } from '../telemetryFaults.ts';
import { EMF_LIMITS, type MetricSeries, serialiseEmf } from './emfDocument.ts';
import type { EmfLineWriter } from './stdoutWriter.ts';
import { Metric } from './telemetryContract.ts';
import type { MetricUnit } from './units.ts';

/**
 * How metrics reach the log: one document per batch of an environment's invocations (the
 * default: log ingestion is the largest part of the SDK's bill at any real traffic), or one per
 * invocation, each with its request id and trace id (opt-in: every request searchable in Logs
 * Insights). docs/decisions/0056-aggregated-emf-by-default.md.
 */
export const EmfMode = {
  PER_INVOCATION: 'per-invocation',
  AGGREGATED: 'aggregated',
} as const;
export type EmfMode = (typeof EmfMode)[keyof typeof EmfMode];

/** The mode when neither the option nor `THERMOSTAT_EMF_MODE` says otherwise. */
export const DEFAULT_EMF_MODE: EmfMode = EmfMode.AGGREGATED;

/**
 * Aggregated mode: an environment whose previous request came longer ago than this is not busy,
 * and its next one may come too late for the tuner (which reads a minute again only for a few
 * minutes, tuner/cycle/observationCadence.ts) or never (a reaped environment): what it holds is
 * written at the end of the invocation, as a busy one's is written at the next minute.
 */
export const QUIET_GAP_MS = 10_000;

const MINUTE_MS = 60_000;

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
 * Whether aggregated mode writes a record as a document of its own, with its per-invocation
 * members: a failed invocation, one with `addMetadata` values (what a user searches for), and a
 * user-facing cold start (its `InitDuration` is the tuner's count of cold starts; held back, it
 * would be lost with an environment reaped before its next request, the common fate of the
 * environments a burst starts).
 *
 * @example
 * ```ts
 * writtenAlone({ ...record, properties: { error: true } }); // true
 * ```
 */
export function writtenAlone(record: InvocationRecord): boolean {
  if (record.properties.error === true) return true;
  if (record.metadata !== undefined && Object.keys(record.metadata).length > 0) return true;
  return record.metrics.some((series) => series.name === Metric.InitDuration.name);
}

/**
 * Turns invocation records into EMF lines. In aggregated mode it keeps the values of one
 * environment and writes a document when any metric reaches 100 values (the per-document limit),
 * before a value of a later minute joins them (a document holds one minute: CloudWatch files its
 * values under its timestamp, and the tuner reads per minute), when its oldest value is older
 * than `maxAgeMs`, or at once when the environment is not busy (its previous request more than
 * {@link QUIET_GAP_MS} before); see {@link writtenAlone} for the records written alone. It only
 * ever writes from `record`, which runs inside an invocation, because a frozen environment
 * cannot write.
 */
export class EmfEmitter {
  readonly #namespace: string;
  readonly #mode: EmfMode;
  readonly #maxAgeMs: number;
  readonly #writer: EmfLineWriter;
  readonly #aggregates = new Map<string, Aggregate>();
  /** The previous record's timestamp per dimension set (how busy the environment is). */
  readonly #lastSeen = new Map<string, number>();

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
    const key = dimensionKey(record.dimensions);
    const previous = this.#lastSeen.get(key);
    if (this.#mode === EmfMode.AGGREGATED) this.#lastSeen.set(key, record.timestamp);
    if (this.#mode === EmfMode.PER_INVOCATION || writtenAlone(record)) {
      this.#write(
        this.#namespace,
        record.dimensions,
        record.metrics,
        record.properties,
        record.timestamp,
        record.metadata,
      );
      this.#flushDue(record.timestamp);
      return;
    }
    let aggregate = this.#aggregates.get(key);
    if (
      aggregate !== undefined &&
      minuteOf(record.timestamp) !== minuteOf(aggregate.firstTimestamp)
    ) {
      this.#flushAggregate(key, aggregate);
      aggregate = undefined;
    }
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
    const quiet = previous === undefined || record.timestamp - previous > QUIET_GAP_MS;
    if (full || quiet || record.timestamp - aggregate.firstTimestamp >= this.#maxAgeMs) {
      this.#flushAggregate(key, aggregate);
    }
    this.#flushDue(record.timestamp);
  }

  /** Writes the aggregates (another alias of this version too) aged or of an earlier minute. */
  #flushDue(nowMs: number): void {
    for (const [key, aggregate] of this.#aggregates) {
      if (
        nowMs - aggregate.firstTimestamp >= this.#maxAgeMs ||
        minuteOf(nowMs) !== minuteOf(aggregate.firstTimestamp)
      )
        this.#flushAggregate(key, aggregate);
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

function minuteOf(epochMs: number): number {
  return Math.floor(epochMs / MINUTE_MS);
}

function dimensionKey(dimensions: Readonly<Record<string, string>>): string {
  let key = '';
  for (const name in dimensions) key += `${name}\u0000${dimensions[name]}\u0001`;
  return key;
}
