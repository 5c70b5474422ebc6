/**
 * For AWS emulators without percentile statistics (moto_server answers GetMetricData with a 500
 * when a query asks for `p99` or `PR(...)`): rewrites the tuner's queries, before they are sent,
 * to statistics every emulator computes. `p50` becomes `Average`, any other percentile `Maximum`
 * (an upper bound of it), and percentile ranks are left out (their field reads as no data).
 * Never for real CloudWatch: it would blunt the tuner's view of the tail.
 */
import type {
  CloudWatchClient,
  GetMetricDataCommandInput,
  MetricDataQuery,
} from '@aws-sdk/client-cloudwatch';

/**
 * The basic statistic that stands in for `stat`; null to leave the query out.
 *
 * @example
 * ```ts
 * basicStatisticFor('p99'); // 'Maximum'
 * basicStatisticFor('PR(:300)'); // null
 * basicStatisticFor('Sum'); // 'Sum'
 * ```
 */
export function basicStatisticFor(stat: string): string | null {
  if (/^p50(\.0+)?$/i.test(stat)) return 'Average';
  if (/^p\d+(\.\d+)?$/i.test(stat)) return 'Maximum';
  if (['Sum', 'Average', 'Maximum', 'Minimum', 'SampleCount'].includes(stat)) return stat;
  return null;
}

/**
 * Adds the rewrite to a CloudWatch client and returns it.
 *
 * @example
 * ```ts
 * const source = new CloudWatchMetricsSource({
 *   clientFor: (region) => withBasicStatisticsOnly(new CloudWatchClient({ region, endpoint: 'http://127.0.0.1:5000' })),
 * });
 * ```
 */
export function withBasicStatisticsOnly(client: CloudWatchClient): CloudWatchClient {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName !== 'GetMetricDataCommand') return next(args);
      const input = args.input as GetMetricDataCommandInput;
      const queries = (input.MetricDataQueries ?? []).flatMap((query): MetricDataQuery[] => {
        const stat = query.MetricStat?.Stat;
        if (query.MetricStat === undefined || stat === undefined) return [query];
        const basic = basicStatisticFor(stat);
        return basic === null
          ? []
          : [{ ...query, MetricStat: { ...query.MetricStat, Stat: basic } }];
      });
      return next({ ...args, input: { ...input, MetricDataQueries: queries } });
    },
    { step: 'initialize', name: 'thermostatBasicStatisticsOnly', override: true },
  );
  return client;
}
