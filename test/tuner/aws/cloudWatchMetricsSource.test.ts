import {
  CloudWatchClient,
  GetMetricDataCommand,
  type GetMetricDataCommandInput,
  type GetMetricDataCommandOutput,
  type MetricDataQuery,
} from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CloudWatchMetricsSource, METRIC_FIELDS } from '../../../tuner/aws/index.ts';
import type { TargetObservation, TargetQuery } from '../../../tuner/core/ports.ts';
import { emptyIntervalMetrics } from '../../../tuner/sim/intervalMetrics.ts';

const AWS = { region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
const MINUTE = 60_000;
const T0 = Date.UTC(2026, 10, 27, 12, 0, 0);
const WINDOW = { startMs: T0, endMs: T0 + 5 * MINUTE, periodSec: 60 };

/** Datapoints by `namespace|metric|stat|resource`: minute index → value. */
type Store = Record<string, Record<number, number>>;

const cloudWatch = mockClient(CloudWatchClient);

beforeEach(() => {
  cloudWatch.reset();
});

afterEach(() => {
  cloudWatch.reset();
});

function keyOf(query: MetricDataQuery): string {
  const stat = query.MetricStat;
  const resource = stat?.Metric?.Dimensions?.find((d) => d.Name === 'Resource')?.Value;
  return `${stat?.Metric?.Namespace}|${stat?.Metric?.MetricName}|${stat?.Stat}|${resource}`;
}

/** Answers GetMetricData from `store` like CloudWatch: only periods with data, ascending. */
function answerFrom(store: Store) {
  return (input: GetMetricDataCommandInput): Partial<GetMetricDataCommandOutput> => ({
    MetricDataResults: (input.MetricDataQueries ?? []).map((query) => {
      const points = Object.entries(store[keyOf(query)] ?? {}).sort(
        ([a], [b]) => Number(a) - Number(b),
      );
      return {
        Id: query.Id,
        Timestamps: points.map(([minute]) => new Date(T0 + Number(minute) * MINUTE)),
        Values: points.map(([, value]) => value),
        StatusCode: 'Complete',
      };
    }),
  });
}

const target = (functionName: string, sloP99Ms = 300, region?: string): TargetQuery => ({
  ref:
    region === undefined
      ? { functionName, qualifier: 'live' }
      : { functionName, qualifier: 'live', region },
  sloP99Ms,
});

const sentInputs = (): GetMetricDataCommandInput[] =>
  cloudWatch.commandCalls(GetMetricDataCommand).map((call) => call.args[0].input);

describe('CloudWatchMetricsSource: request shape', () => {
  it('queries the SDK and AWS/Lambda metrics by FunctionName + Resource, period 60, ascending', async () => {
    // Prepare
    cloudWatch.on(GetMetricDataCommand).callsFake(answerFrom({}));

    // Act
    await new CloudWatchMetricsSource({ aws: AWS }).observe([target('ocr', 250)], {
      startMs: T0 + 15_000,
      endMs: T0 + 5 * MINUTE + 30_000,
      periodSec: 60,
    });

    // Assess
    const [input] = sentInputs();
    expect(input?.ScanBy).toBe('TimestampAscending');
    expect(input?.StartTime).toEqual(new Date(T0));
    expect(input?.EndTime).toEqual(new Date(T0 + 5 * MINUTE));
    const queries = input?.MetricDataQueries ?? [];
    expect(queries).toHaveLength(16);
    for (const query of queries) {
      expect(query.Id).toMatch(/^[a-z][a-zA-Z0-9_]*$/);
      expect(query.ReturnData).toBe(true);
      expect(query.MetricStat?.Period).toBe(60);
      expect(query.MetricStat?.Unit).toBeUndefined();
      expect(query.MetricStat?.Metric?.Dimensions).toEqual([
        { Name: 'FunctionName', Value: 'ocr' },
        { Name: 'Resource', Value: 'ocr:live' },
      ]);
    }
    expect(new Set(queries.map((q) => q.Id)).size).toBe(16);
    const stats = queries.map(
      (q) =>
        `${q.MetricStat?.Metric?.Namespace} ${q.MetricStat?.Metric?.MetricName} ${q.MetricStat?.Stat}`,
    );
    expect(stats).toEqual([
      'AWS/Lambda Invocations Sum',
      'AWS/Lambda Throttles Sum',
      'AWS/Lambda Errors Sum',
      'AWS/Lambda Duration p50',
      'AWS/Lambda Duration p99',
      'AWS/Lambda ConcurrentExecutions Maximum',
      'AWS/Lambda ProvisionedConcurrencyUtilization Maximum',
      'AWS/Lambda ProvisionedConcurrencyUtilization Average',
      'AWS/Lambda ProvisionedConcurrencySpilloverInvocations Sum',
      'LambdaThermostat EndToEndLatency p50',
      'LambdaThermostat EndToEndLatency p99',
      'LambdaThermostat EndToEndLatency PR(:250)',
      'LambdaThermostat InitDuration SampleCount',
      'LambdaThermostat InitDuration p50',
      'LambdaThermostat CpuTime Average',
      'AWS/Lambda Duration Average',
    ]);
  });

  it('uses a target namespace over the default', async () => {
    // Prepare
    cloudWatch.on(GetMetricDataCommand).callsFake(answerFrom({}));

    // Act
    await new CloudWatchMetricsSource({ aws: AWS, namespace: 'Team/Default' }).observe(
      [{ ...target('a'), namespace: 'Team/Ocr' }, target('b')],
      WINDOW,
    );

    // Assess
    const namespaces = new Set(
      (sentInputs()[0]?.MetricDataQueries ?? [])
        .map(
          (q) =>
            `${q.MetricStat?.Metric?.Dimensions?.[0]?.Value} ${q.MetricStat?.Metric?.Namespace}`,
        )
        .filter((text) => !text.endsWith('AWS/Lambda')),
    );
    expect([...namespaces]).toEqual(['a Team/Ocr', 'b Team/Default']);
  });

  it('splits beyond 500 queries and maps every answer back to its target', async () => {
    // Prepare
    const targets = Array.from({ length: 40 }, (_, i) => target(`fn${i}`));
    const store: Store = {};
    targets.forEach((t, i) => {
      store[`AWS/Lambda|Invocations|Sum|${t.ref.functionName}:live`] = { 0: i + 1 };
    });
    cloudWatch.on(GetMetricDataCommand).callsFake(answerFrom(store));

    // Act
    const observed = await new CloudWatchMetricsSource({ aws: AWS }).observe(targets, WINDOW);

    // Assess
    const sizes = sentInputs().map((input) => input.MetricDataQueries?.length);
    expect(sizes.sort()).toEqual([140, 500]);
    const ids = sentInputs().flatMap((input) => input.MetricDataQueries?.map((q) => q.Id));
    expect(new Set(ids).size).toBe(640);
    targets.forEach((t, i) => {
      const observation = observed.get(`:${t.ref.functionName}:live`) as TargetObservation;
      expect(observation.metrics[0]?.invocations).toBe(i + 1);
    });
  });

  it('queries each Region with its own client', async () => {
    // Prepare
    const regions: (string | undefined)[] = [];
    cloudWatch.on(GetMetricDataCommand).callsFake(answerFrom({}));
    const source = new CloudWatchMetricsSource({
      clientFor: (region) => {
        regions.push(region);
        return new CloudWatchClient({ ...AWS, region: region ?? 'us-east-1' });
      },
    });

    // Act
    const observed = await source.observe(
      [target('a', 300, 'eu-west-1'), target('b', 300, 'us-west-2'), target('c')],
      WINDOW,
    );

    // Assess
    expect(regions.sort()).toEqual(['eu-west-1', 'us-west-2', undefined].sort());
    expect([...observed.keys()].sort()).toEqual([
      ':c:live',
      'eu-west-1:a:live',
      'us-west-2:b:live',
    ]);
  });

  it('refuses a period CloudWatch would refuse', async () => {
    // Act
    const act = new CloudWatchMetricsSource({ aws: AWS }).observe([target('a')], {
      ...WINDOW,
      periodSec: 45,
    });

    // Assess
    await expect(act).rejects.toThrow(RangeError);
  });
});

describe('CloudWatchMetricsSource: pagination and partial data', () => {
  it('follows NextToken through PartialData pages and merges them per query', async () => {
    // Prepare
    const id = (field: string) => `t0_${field}`;
    cloudWatch
      .on(GetMetricDataCommand)
      .callsFakeOnce(() => ({
        MetricDataResults: [
          {
            Id: id('invocations'),
            Timestamps: [new Date(T0), new Date(T0 + MINUTE)],
            Values: [10, 11],
            StatusCode: 'PartialData',
          },
        ],
        NextToken: 'page-2',
      }))
      .callsFakeOnce(() => ({
        MetricDataResults: [
          {
            Id: id('invocations'),
            Timestamps: [new Date(T0 + 2 * MINUTE)],
            Values: [12],
            StatusCode: 'PartialData',
          },
          { Id: id('e2eP99'), Timestamps: [new Date(T0)], Values: [210], StatusCode: 'Complete' },
        ],
        NextToken: 'page-3',
        Messages: [{ Code: 'MaxQueryTimeRangeExceed', Value: 'narrowed' }],
      }))
      .callsFakeOnce(() => ({
        MetricDataResults: [
          {
            Id: id('invocations'),
            Timestamps: [new Date(T0 + 4 * MINUTE)],
            Values: [14],
            StatusCode: 'Complete',
          },
        ],
      }));

    // Act
    const observed = await new CloudWatchMetricsSource({ aws: AWS }).observe(
      [target('ocr')],
      WINDOW,
    );

    // Assess
    const inputs = sentInputs();
    expect(inputs.map((input) => input.NextToken)).toEqual([undefined, 'page-2', 'page-3']);
    expect(inputs[1]?.MetricDataQueries).toEqual(inputs[0]?.MetricDataQueries);
    const observation = observed.get(':ocr:live') as TargetObservation;
    expect(observation.metrics.map((m) => m.invocations)).toEqual([10, 11, 12, 0, 14]);
    expect(observation.metrics[0]?.e2eP99Ms).toBe(210);
    expect(observation.notes).toContain('GetMetricData: MaxQueryTimeRangeExceed: narrowed');
  });

  it('notes results that did not complete, and their messages', async () => {
    // Prepare
    cloudWatch.on(GetMetricDataCommand).resolves({
      MetricDataResults: [
        { Id: 't0_e2eP99', Timestamps: [new Date(T0)], Values: [180], StatusCode: 'Complete' },
        {
          Id: 't0_throttles',
          Timestamps: [],
          Values: [],
          StatusCode: 'Forbidden',
          Messages: [{ Code: 'Forbidden', Value: 'not authorized for AWS/Lambda' }],
        },
      ],
    });

    // Act
    const observed = await new CloudWatchMetricsSource({ aws: AWS }).observe(
      [target('ocr')],
      WINDOW,
    );

    // Assess
    const observation = observed.get(':ocr:live') as TargetObservation;
    expect(observation.notes).toEqual(
      expect.arrayContaining([
        'Throttles Sum: StatusCode Forbidden',
        'Throttles Sum: Forbidden: not authorized for AWS/Lambda',
      ]),
    );
  });

  it('stops after maxPages with a note instead of looping forever', async () => {
    // Prepare
    cloudWatch.on(GetMetricDataCommand).resolves({ MetricDataResults: [], NextToken: 'again' });

    // Act
    const observed = await new CloudWatchMetricsSource({ aws: AWS, maxPages: 3 }).observe(
      [target('ocr')],
      WINDOW,
    );

    // Assess
    expect(sentInputs()).toHaveLength(3);
    expect((observed.get(':ocr:live') as TargetObservation).notes).toContain(
      'GetMetricData: stopped after 3 pages; later datapoints missing',
    );
  });

  it('fails only the targets of a request that failed', async () => {
    // Prepare
    const targets = Array.from({ length: 40 }, (_, i) => target(`fn${i}`));
    cloudWatch.on(GetMetricDataCommand).callsFake((input: GetMetricDataCommandInput) => {
      if ((input.MetricDataQueries?.length ?? 0) === 500) {
        const error = new Error('Rate exceeded');
        error.name = 'ThrottlingException';
        throw error;
      }
      return answerFrom({})(input);
    });

    // Act
    const observed = await new CloudWatchMetricsSource({ aws: AWS }).observe(targets, WINDOW);

    // Assess
    const failed = [...observed.values()].filter((value) => value instanceof Error);
    expect(failed).toHaveLength(32); // queries of targets 0..31 travel in the first request
    expect((failed[0] as Error).name).toBe('ThrottlingException');
    expect(observed.get(':fn39:live')).not.toBeInstanceOf(Error);
  });
});

describe('CloudWatchMetricsSource: assembling IntervalMetrics', () => {
  it('builds one row per minute: values in place, counts 0 and latencies null in gaps', async () => {
    // Prepare
    const store: Store = {
      'AWS/Lambda|Invocations|Sum|ocr:live': { 0: 120, 1: 80, 3: 200 },
      'AWS/Lambda|Throttles|Sum|ocr:live': { 3: 4 },
      'AWS/Lambda|Errors|Sum|ocr:live': { 1: 1 },
      'AWS/Lambda|Duration|p50|ocr:live': { 0: 40, 1: 42, 3: 45 },
      'AWS/Lambda|Duration|p99|ocr:live': { 0: 90, 1: 95, 3: 130 },
      'AWS/Lambda|ConcurrentExecutions|Maximum|ocr:live': { 0: 6, 1: 5, 3: 12 },
      'AWS/Lambda|ProvisionedConcurrencyUtilization|Maximum|ocr:live': { 0: 0.75, 3: 1 },
      'AWS/Lambda|ProvisionedConcurrencyUtilization|Average|ocr:live': { 0: 0.5, 3: 0.9 },
      'AWS/Lambda|ProvisionedConcurrencySpilloverInvocations|Sum|ocr:live': { 3: 30 },
      'LambdaThermostat|EndToEndLatency|p50|ocr:live': { 0: 45, 1: 44, 3: 60 },
      'LambdaThermostat|EndToEndLatency|p99|ocr:live': { 0: 120, 1: 110, 3: 900 },
      'LambdaThermostat|EndToEndLatency|PR(:300)|ocr:live': { 0: 100, 1: 100, 3: 97.5 },
      'LambdaThermostat|InitDuration|SampleCount|ocr:live': { 3: 5 },
      'LambdaThermostat|InitDuration|p50|ocr:live': { 3: 850 },
      'LambdaThermostat|CpuTime|Average|ocr:live': { 0: 30, 1: 31, 3: 33 },
      'AWS/Lambda|Duration|Average|ocr:live': { 0: 41, 1: 43, 3: 47 },
    };
    cloudWatch.on(GetMetricDataCommand).callsFake(answerFrom(store));

    // Act
    const observed = await new CloudWatchMetricsSource({ aws: AWS }).observe(
      [target('ocr')],
      WINDOW,
    );

    // Assess
    const observation = observed.get(':ocr:live') as TargetObservation;
    expect(observation.latencySource).toBe('sdk');
    expect(observation.notes).toEqual([]);
    expect(observation.metrics).toHaveLength(5);
    expect(observation.metrics[3]).toEqual({
      startMs: T0 + 3 * MINUTE,
      periodSec: 60,
      invocations: 200,
      throttles: 4,
      errors: 0,
      durationP50Ms: 45,
      durationP99Ms: 130,
      concurrencyMax: 12,
      pcUtilizationMax: 1,
      pcUtilizationAvg: 0.9,
      spillover: 30,
      e2eP50Ms: 60,
      e2eP99Ms: 900,
      coldStarts: 5,
      initP50Ms: 850,
      cpuTimeAvgMs: 33,
      invokeLatencyAvgMs: 47,
    });
    // A minute with no datapoint reads as the simulator's empty minute (tuner/sim/intervalMetrics.ts).
    expect(observation.metrics[2]).toEqual(emptyIntervalMetrics(T0 + 2 * MINUTE));
    expect(observation.withinSloPercent).toEqual([100, 100, null, 97.5, null]);
  });

  it('falls back to AWS/Lambda Duration when the SDK metrics are absent, and says so', async () => {
    // Prepare
    cloudWatch.on(GetMetricDataCommand).callsFake(
      answerFrom({
        'AWS/Lambda|Invocations|Sum|ocr:live': { 0: 50, 1: 60 },
        'AWS/Lambda|Duration|p50|ocr:live': { 0: 70, 1: 72 },
        'AWS/Lambda|Duration|p99|ocr:live': { 0: 150, 1: 160 },
      }),
    );

    // Act
    const observed = await new CloudWatchMetricsSource({ aws: AWS }).observe(
      [target('ocr')],
      WINDOW,
    );

    // Assess
    const observation = observed.get(':ocr:live') as TargetObservation;
    expect(observation.latencySource).toBe('aws-lambda-duration');
    expect(observation.metrics.map((m) => [m.e2eP50Ms, m.e2eP99Ms])).toEqual([
      [70, 150],
      [72, 160],
      [null, null],
      [null, null],
      [null, null],
    ]);
    expect(observation.notes).toEqual([
      'EndToEndLatency absent from LambdaThermostat for the whole window: e2e latency is AWS/Lambda Duration (handler time only, user-facing init not included); cold starts and init unknown',
    ]);
  });

  it('keeps SDK latency with gaps (no per-minute fallback) and notes missing AWS/Lambda data', async () => {
    // Prepare
    cloudWatch
      .on(GetMetricDataCommand)
      .callsFake(answerFrom({ 'LambdaThermostat|EndToEndLatency|p99|ocr:live': { 4: 240 } }));

    // Act
    const observed = await new CloudWatchMetricsSource({ aws: AWS }).observe(
      [target('ocr')],
      WINDOW,
    );

    // Assess
    const observation = observed.get(':ocr:live') as TargetObservation;
    expect(observation.latencySource).toBe('sdk');
    expect(observation.metrics.map((m) => m.e2eP99Ms)).toEqual([null, null, null, null, 240]);
    expect(observation.notes).toEqual([
      'no AWS/Lambda datapoints for Resource ocr:live: invocations, throttles and errors read 0',
    ]);
  });

  it('says when there is no latency at all', async () => {
    // Prepare
    cloudWatch.on(GetMetricDataCommand).callsFake(answerFrom({}));

    // Act
    const observed = await new CloudWatchMetricsSource({ aws: AWS }).observe(
      [target('idle')],
      WINDOW,
    );

    // Assess
    const observation = observed.get(':idle:live') as TargetObservation;
    expect(observation.metrics).toHaveLength(5);
    expect(observation.notes).toEqual([
      'no latency datapoints in the window (no traffic, or metrics not yet published)',
    ]);
  });

  it('has one query per field of IntervalMetrics', () => {
    // Assess
    expect(METRIC_FIELDS.map((field) => field.key)).toEqual([
      'invocations',
      'throttles',
      'errors',
      'durationP50',
      'durationP99',
      'concurrencyMax',
      'pcUtilizationMax',
      'pcUtilizationAvg',
      'spillover',
      'e2eP50',
      'e2eP99',
      'e2eWithinSlo',
      'coldStarts',
      'initP50',
      'cpuTimeAvg',
      'invokeLatencyAvg',
    ]);
  });
});
