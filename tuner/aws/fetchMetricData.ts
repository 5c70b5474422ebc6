/**
 * One GetMetricData request of up to 500 queries, followed through every NextToken page
 * (results with StatusCode PartialData continue on the next page), its pages merged per query id.
 */
import {
  type CloudWatchClient,
  GetMetricDataCommand,
  type MetricDataQuery,
} from '@aws-sdk/client-cloudwatch';

/** GetMetricData's limit on queries per request. */
export const MAX_QUERIES_PER_REQUEST = 500;

/** One query's datapoints across all pages, oldest first. */
export interface MetricSeries {
  readonly timestamps: number[];
  readonly values: number[];
  /** StatusCode of the last page that mentioned the query. */
  statusCode: string | undefined;
  /** Per-result messages (e.g. a statistic that could not be computed). */
  readonly messages: string[];
}

/** All series of one request, and the request-level messages. */
export interface MetricDataPages {
  readonly series: Map<string, MetricSeries>;
  readonly messages: string[];
  readonly pages: number;
  /** True when `maxPages` stopped the pagination before the last page. */
  readonly truncated: boolean;
}

/**
 * Runs one GetMetricData request to its last page.
 *
 * @example
 * ```ts
 * const pages = await fetchMetricData(cloudWatch, queries, { startMs, endMs });
 * pages.series.get('t0_invocations')?.values;
 * ```
 */
export async function fetchMetricData(
  client: CloudWatchClient,
  queries: readonly MetricDataQuery[],
  window: { readonly startMs: number; readonly endMs: number },
  options: { readonly maxPages?: number } = {},
): Promise<MetricDataPages> {
  if (queries.length > MAX_QUERIES_PER_REQUEST)
    throw new RangeError(
      `${queries.length} queries in one GetMetricData request; the limit is ${MAX_QUERIES_PER_REQUEST}`,
    );
  const maxPages = options.maxPages ?? 100;
  const series = new Map<string, MetricSeries>();
  const messages: string[] = [];
  let nextToken: string | undefined;
  let pages = 0;
  do {
    const output = await client.send(
      new GetMetricDataCommand({
        MetricDataQueries: [...queries],
        StartTime: new Date(window.startMs),
        EndTime: new Date(window.endMs),
        ScanBy: 'TimestampAscending',
        ...(nextToken === undefined ? {} : { NextToken: nextToken }),
      }),
    );
    pages += 1;
    for (const message of output.Messages ?? [])
      messages.push(`${message.Code ?? 'Message'}: ${message.Value ?? ''}`);
    for (const result of output.MetricDataResults ?? []) {
      if (result.Id === undefined) continue;
      let entry = series.get(result.Id);
      if (entry === undefined) {
        entry = { timestamps: [], values: [], statusCode: undefined, messages: [] };
        series.set(result.Id, entry);
      }
      const timestamps = result.Timestamps ?? [];
      const values = result.Values ?? [];
      for (let i = 0; i < Math.min(timestamps.length, values.length); i++) {
        entry.timestamps.push((timestamps[i] as Date).getTime());
        entry.values.push(values[i] as number);
      }
      entry.statusCode = result.StatusCode ?? entry.statusCode;
      for (const message of result.Messages ?? [])
        entry.messages.push(`${message.Code ?? 'Message'}: ${message.Value ?? ''}`);
    }
    nextToken = output.NextToken;
  } while (nextToken !== undefined && pages < maxPages);
  return { series, messages, pages, truncated: nextToken !== undefined };
}
