/**
 * The CloudWatch `MetricsSource`: every target's per-minute metrics with as few GetMetricData
 * requests as the 500-query limit allows (16 queries a target: 31 targets a request), per Region.
 * A failed request fails only the targets whose queries it carried.
 */
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import pLimit from 'p-limit';
import { CONFIG_DEFAULTS } from '../core/config/configDefaults.ts';
import { asError } from '../core/errorSummary.ts';
import type { ObservedField } from '../core/observe/observedFields.ts';
import {
  type MetricsSource,
  type ObservationWindow,
  type TargetObservation,
  type TargetQuery,
  targetKey,
} from '../core/ports.ts';
import { assembleObservation, periodGrid } from './assembleObservation.ts';
import { type AwsClientOptions, sharedClientConfig } from './awsClientOptions.ts';
import { fetchMetricData, MAX_QUERIES_PER_REQUEST, type MetricSeries } from './fetchMetricData.ts';
import { buildMetricQueries, type MetricFieldKey } from './metricQueries.ts';
import { RegionalClients } from './regionalClients.ts';
import { acceptXmlErrorResponses } from './xmlErrorResponses.ts';

/** Options of {@link CloudWatchMetricsSource}. */
export interface CloudWatchMetricsSourceOptions {
  readonly aws?: AwsClientOptions;
  /** Supplies the client for a Region instead of building one from `aws`. */
  readonly clientFor?: (region: string | undefined) => CloudWatchClient;
  /** Namespace of the SDK's EMF metrics for targets that name none. Default `LambdaThermostat`. */
  readonly namespace?: string;
  /** GetMetricData requests in flight at once. Default 4. */
  readonly requestConcurrency?: number;
  /** Pages followed per request before giving up (with a note). Default 100. */
  readonly maxPages?: number;
}

/**
 * Reads the tuner's per-minute metrics from CloudWatch.
 *
 * @example
 * ```ts
 * const source = new CloudWatchMetricsSource({ aws: { region: 'eu-west-1' } });
 * const now = Date.now();
 * const observations = await source.observe(
 *   [{ ref: { functionName: 'ocr', qualifier: 'live' }, sloP99Ms: 300 }],
 *   { startMs: now - 3_600_000, endMs: now, periodSec: 60 },
 * );
 * ```
 */
export class CloudWatchMetricsSource implements MetricsSource {
  readonly #clients: RegionalClients<CloudWatchClient>;
  readonly #namespace: string;
  readonly #requestConcurrency: number;
  readonly #maxPages: number;

  constructor(options: CloudWatchMetricsSourceOptions = {}) {
    const aws = options.aws ?? {};
    this.#clients = new RegionalClients(
      options.clientFor ??
        ((region) =>
          acceptXmlErrorResponses(new CloudWatchClient(sharedClientConfig(aws, region)))),
    );
    this.#namespace = options.namespace ?? CONFIG_DEFAULTS.namespace;
    this.#requestConcurrency = options.requestConcurrency ?? 4;
    this.#maxPages = options.maxPages ?? 100;
  }

  /** @throws RangeError when the period is not a positive multiple of 60 s. */
  async observe(
    targets: readonly TargetQuery[],
    window: ObservationWindow,
    fields?: readonly ObservedField[],
  ): Promise<Map<string, TargetObservation | Error>> {
    if (!Number.isInteger(window.periodSec) || window.periodSec <= 0 || window.periodSec % 60 !== 0)
      throw new RangeError(
        `period ${window.periodSec} s: CloudWatch wants a positive multiple of 60 s`,
      );
    const grid = periodGrid(window);
    const unique = new Map<string, TargetQuery>();
    for (const target of targets) unique.set(targetKey(target.ref), target);
    const byRegion = new Map<string | undefined, TargetQuery[]>();
    for (const target of unique.values())
      byRegion.set(target.ref.region, [...(byRegion.get(target.ref.region) ?? []), target]);

    const limit = pLimit(this.#requestConcurrency);
    const results = new Map<string, TargetObservation | Error>();
    await Promise.all(
      [...byRegion].map(async ([region, regionTargets]) => {
        const observed = await this.#observeRegion(region, regionTargets, grid, limit, fields);
        for (const [key, value] of observed) results.set(key, value);
      }),
    );
    return results;
  }

  async #observeRegion(
    region: string | undefined,
    targets: readonly TargetQuery[],
    grid: ReturnType<typeof periodGrid>,
    limit: ReturnType<typeof pLimit>,
    fields: readonly ObservedField[] | undefined,
  ): Promise<Map<string, TargetObservation | Error>> {
    const client = this.#clients.get(region);
    const { queries, origins } = buildMetricQueries(
      targets,
      this.#namespace,
      grid.periodMs / 1000,
      fields,
    );
    const seriesByTarget = targets.map(() => new Map<MetricFieldKey, MetricSeries>());
    const failures = new Map<number, Error>();
    const notes = targets.map((): string[] => []);

    const chunks: (typeof queries)[] = [];
    for (let i = 0; i < queries.length; i += MAX_QUERIES_PER_REQUEST)
      chunks.push(queries.slice(i, i + MAX_QUERIES_PER_REQUEST));
    const window = { startMs: grid.startMs, endMs: grid.endMs };
    await Promise.all(
      chunks.map((chunk) =>
        limit(async () => {
          const carried = new Set(
            chunk.map((query) => origins.get(query.Id ?? '')?.targetIndex ?? -1),
          );
          if (grid.endMs <= grid.startMs) return;
          try {
            const pages = await fetchMetricData(client, chunk, window, {
              maxPages: this.#maxPages,
            });
            for (const [id, series] of pages.series) {
              const origin = origins.get(id);
              if (origin !== undefined)
                seriesByTarget[origin.targetIndex]?.set(origin.field, series);
            }
            for (const index of carried) {
              notes[index]?.push(...pages.messages.map((message) => `GetMetricData: ${message}`));
              if (pages.truncated)
                notes[index]?.push(
                  `GetMetricData: stopped after ${pages.pages} pages; later datapoints missing`,
                );
            }
          } catch (error) {
            for (const index of carried) failures.set(index, asError(error));
          }
        }),
      ),
    );

    const observed = new Map<string, TargetObservation | Error>();
    targets.forEach((target, index) => {
      const failure = failures.get(index);
      observed.set(
        targetKey(target.ref),
        failure ??
          assembleObservation(
            target,
            grid,
            seriesByTarget[index] ?? new Map(),
            target.namespace ?? this.#namespace,
            notes[index],
          ),
      );
    });
    return observed;
  }
}
