import {
  CloudWatchClient,
  GetMetricDataCommand,
  type GetMetricDataCommandInput,
} from '@aws-sdk/client-cloudwatch';
import { describe, expect, it } from 'vitest';
import {
  basicStatisticFor,
  withBasicStatisticsOnly,
} from '../../../tuner/aws/basicStatisticsOnly.ts';
import { buildMetricQueries } from '../../../tuner/aws/metricQueries.ts';

describe('basic statistics for emulators', () => {
  it.each([
    ['p50', 'Average'],
    ['p99', 'Maximum'],
    ['p99.9', 'Maximum'],
    ['PR(:300)', null],
    ['Sum', 'Sum'],
    ['Maximum', 'Maximum'],
  ])('reads %s as %s', (stat, basic) => {
    // Act & Assess
    expect(basicStatisticFor(stat)).toBe(basic);
  });

  it("rewrites the tuner's GetMetricData queries before they are sent", async () => {
    // Prepare: a later middleware captures the input and stops the request
    const client = withBasicStatisticsOnly(
      new CloudWatchClient({
        region: 'us-east-1',
        credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
      }),
    );
    let sent: GetMetricDataCommandInput | undefined;
    client.middlewareStack.add(
      () => async (args) => {
        sent = args.input as GetMetricDataCommandInput;
        throw new Error('captured');
      },
      { step: 'build', name: 'capture' },
    );
    const { queries } = buildMetricQueries(
      [{ ref: { functionName: 'ocr', qualifier: 'live' }, sloP99Ms: 300 }],
      'LambdaThermostat',
      60,
    );

    // Act
    await expect(
      client.send(
        new GetMetricDataCommand({
          MetricDataQueries: queries,
          StartTime: new Date(0),
          EndTime: new Date(60_000),
        }),
      ),
    ).rejects.toThrow('captured');

    // Assess
    const stats = new Map(sent?.MetricDataQueries?.map((q) => [q.Id, q.MetricStat?.Stat]));
    expect(stats.size).toBe(queries.length - 1);
    expect(stats.get('t0_e2eP99')).toBe('Maximum');
    expect(stats.get('t0_e2eP50')).toBe('Average');
    expect(stats.has('t0_e2eWithinSlo')).toBe(false);
    expect(stats.get('t0_invocations')).toBe('Sum');
  });
});
