/**
 * The AWS adapters against a real moto_server (python moto) on 127.0.0.1.
 *
 * What moto 5.x serves and what it does not, as found here:
 * - Lambda: functions, versions, aliases, UpdateFunctionConfiguration (LastUpdateStatus at once
 *   Successful), PublishVersion (CodeSha256 not checked), reserved concurrency, tags.
 *   No provisioned-concurrency API and no GetAccountSettings (404): the PC path is tested on the
 *   mock (lambdaActuator.test.ts); here the adapters run with `provisionedConcurrencyApi: false`.
 * - CloudWatch: PutMetricData / GetMetricData with Sum, Average, Maximum; percentile and PR
 *   statistics make it fail (500), and GetMetricData ignores the Namespace (series of the same
 *   metric name and dimensions in two namespaces are summed), so the round trip below uses basic
 *   statistics and metric names that differ across namespaces.
 */
import {
  CloudWatchClient,
  GetMetricDataCommand,
  type MetricDatum,
  PutMetricDataCommand,
} from '@aws-sdk/client-cloudwatch';
import {
  CreateAliasCommand,
  CreateFunctionCommand,
  GetFunctionConfigurationCommand,
  LambdaClient,
  PublishVersionCommand,
  UpdateFunctionCodeCommand,
} from '@aws-sdk/client-lambda';
import { CreateBucketCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { beforeEach, describe, expect, it } from 'vitest';
import { assembleObservation, periodGrid } from '../../../tuner/aws/assembleObservation.ts';
import { fetchMetricData } from '../../../tuner/aws/fetchMetricData.ts';
import { LambdaActuator, LambdaStateReader, S3ReportSink } from '../../../tuner/aws/index.ts';
import {
  buildMetricQueries,
  type MetricFieldKey,
  queryId,
} from '../../../tuner/aws/metricQueries.ts';
import type { Action, TargetRef } from '../../../tuner/core/plan.ts';
import type { FunctionState } from '../../../tuner/core/ports.ts';
import { createMotoRole, useMotoServer } from '../../support/moto.ts';
import { storedZip } from './support/storedZip.ts';

const moto = useMotoServer();

const HANDLER = 'export const handler = async () => ({ statusCode: 200 });';
const live = (functionName: string): TargetRef => ({ functionName, qualifier: 'live' });

/** Creates a function with version 1 published and alias `live` on it. */
async function deployFunction(lambda: LambdaClient, name: string, memoryMb: number): Promise<void> {
  const role = await createMotoRole(moto.endpoint, `${name}-role`);
  await lambda.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Runtime: 'nodejs20.x',
      Role: role,
      Handler: 'index.handler',
      Code: { ZipFile: storedZip({ 'index.mjs': HANDLER }) },
      MemorySize: memoryMb,
      Tags: { team: 'ml' },
    }),
  );
  await lambda.send(new PublishVersionCommand({ FunctionName: name }));
  await lambda.send(
    new CreateAliasCommand({ FunctionName: name, Name: 'live', FunctionVersion: '1' }),
  );
}

describe.skipIf(moto.skipped)('Lambda adapters against moto', () => {
  let lambda: LambdaClient;
  let reader: LambdaStateReader;
  let actuator: LambdaActuator;

  beforeEach(async () => {
    await moto.reset();
    lambda = new LambdaClient(moto.clientConfig());
    const options = { aws: moto.clientConfig(), provisionedConcurrencyApi: false } as const;
    reader = new LambdaStateReader(options);
    actuator = new LambdaActuator({ ...options, waits: { functionUpdatePollMs: 50 } });
  });

  it('reads a deployed alias: version, memory, code, tags, no reservation', async () => {
    // Prepare
    await deployFunction(lambda, 'ocr', 1024);

    // Act
    const { account, targets } = await reader.readState([live('ocr')]);

    // Assess
    const state = targets.get(':ocr:live') as FunctionState;
    expect(state).toMatchObject({
      functionName: 'ocr',
      qualifier: 'live',
      arn: 'arn:aws:lambda:us-east-1:123456789012:function:ocr:live',
      aliasVersion: '1',
      memoryMb: 1024,
      latestMemoryMb: 1024,
      architecture: 'x86_64',
      unpublishedChanges: [],
      provisioned: null,
      reservedConcurrency: null,
      tags: { team: 'ml' },
    });
    expect(state.codeSha256).toBe(state.latestCodeSha256);
    // moto has no GetAccountSettings: the account is an error value, the targets still read.
    expect(account).toBeInstanceOf(Error);
  });

  it('maps a function that does not exist to ResourceNotFoundException', async () => {
    // Prepare
    await deployFunction(lambda, 'ocr', 1024);

    // Act
    const { targets } = await reader.readState([live('ocr'), live('absent')]);

    // Assess
    expect(targets.get(':ocr:live')).not.toBeInstanceOf(Error);
    expect((targets.get(':absent:live') as Error).name).toBe('ResourceNotFoundException');
  });

  it('puts, reads and deletes reserved concurrency', async () => {
    // Prepare
    await deployFunction(lambda, 'ocr', 1024);
    const set = (from: number | null, to: number | null): Action => ({
      kind: 'setReservedConcurrency',
      target: live('ocr'),
      from,
      to,
      reason: 'integration',
    });

    // Act
    const put = await actuator.apply([set(null, 25)], { dryRun: false });
    const afterPut = await reader.readState([live('ocr')]);
    const again = await actuator.apply([set(25, 25)], { dryRun: false });
    const removed = await actuator.apply([set(25, null)], { dryRun: false });
    const afterDelete = await reader.readState([live('ocr')]);

    // Assess
    expect(put[0]?.status).toBe('applied');
    expect((afterPut.targets.get(':ocr:live') as FunctionState).reservedConcurrency).toBe(25);
    expect(again[0]?.status).toBe('unchanged');
    expect(removed[0]?.status).toBe('applied');
    expect((afterDelete.targets.get(':ocr:live') as FunctionState).reservedConcurrency).toBeNull();
  });

  it('changes memory end to end: update, publish, move the alias; the second time nothing', async () => {
    // Prepare
    await deployFunction(lambda, 'ocr', 1024);
    const action: Action = {
      kind: 'setMemory',
      target: live('ocr'),
      from: 1024,
      to: 2048,
      provisionedConcurrency: 0,
      reason: 'integration',
    };

    // Act
    const [first] = await actuator.apply([action], { dryRun: false });
    const [second] = await actuator.apply([action], { dryRun: false });

    // Assess
    expect(first?.status).toBe('applied');
    expect(first?.detail).toBe(
      'memory of ocr:live: 1024 → 2048 MB: version 2 published, alias live moved from version 1',
    );
    const viaAlias = await lambda.send(
      new GetFunctionConfigurationCommand({ FunctionName: 'ocr', Qualifier: 'live' }),
    );
    expect(viaAlias).toMatchObject({ Version: '2', MemorySize: 2048 });
    const oldVersion = await lambda.send(
      new GetFunctionConfigurationCommand({ FunctionName: 'ocr', Qualifier: '1' }),
    );
    expect(oldVersion.MemorySize).toBe(1024);
    expect(second?.status).toBe('unchanged');
  });

  it('does not publish unreleased code sitting on $LATEST', async () => {
    // Prepare
    await deployFunction(lambda, 'ocr', 1024);
    await lambda.send(
      new UpdateFunctionCodeCommand({
        FunctionName: 'ocr',
        ZipFile: storedZip({ 'index.mjs': `${HANDLER}\n// unreleased change` }),
      }),
    );

    // Act
    const [result] = await actuator.apply(
      [
        {
          kind: 'setMemory',
          target: live('ocr'),
          from: 1024,
          to: 2048,
          provisionedConcurrency: 0,
          reason: 'integration',
        },
      ],
      { dryRun: false },
    );

    // Assess
    expect(result?.status).toBe('skipped');
    expect(result?.detail).toMatch(/^\$LATEST holds unpublished code/);
    const viaAlias = await lambda.send(
      new GetFunctionConfigurationCommand({ FunctionName: 'ocr', Qualifier: 'live' }),
    );
    expect(viaAlias).toMatchObject({ Version: '1', MemorySize: 1024 });
  });
});

describe.skipIf(moto.skipped)('CloudWatch basic statistics against moto', () => {
  beforeEach(async () => {
    await moto.reset();
  });

  it('round-trips PutMetricData into per-minute IntervalMetrics', async () => {
    // Prepare
    const cloudWatch = new CloudWatchClient(moto.clientConfig());
    const minute = 60_000;
    const start = Math.floor(Date.now() / minute) * minute - 10 * minute;
    const dimensions = [
      { Name: 'FunctionName', Value: 'ocr' },
      { Name: 'Resource', Value: 'ocr:live' },
    ];
    const datum = (name: string, offset: number, value: number): MetricDatum => ({
      MetricName: name,
      Dimensions: dimensions,
      Timestamp: new Date(start + offset * minute + 5_000),
      Value: value,
    });
    await cloudWatch.send(
      new PutMetricDataCommand({
        Namespace: 'AWS/Lambda',
        MetricData: [
          datum('Invocations', 0, 40),
          datum('Invocations', 0, 2),
          datum('Invocations', 2, 30),
          datum('Errors', 2, 1),
          datum('ConcurrentExecutions', 0, 3),
          datum('ConcurrentExecutions', 0, 7),
        ],
      }),
    );
    await cloudWatch.send(
      new PutMetricDataCommand({
        Namespace: 'LambdaThermostat',
        MetricData: [
          datum('InitDuration', 0, 330),
          datum('InitDuration', 0, 350),
          datum('CpuTime', 2, 20),
          datum('CpuTime', 2, 40),
        ],
      }),
    );
    const target = { ref: live('ocr'), sloP99Ms: 300 };
    const { queries, origins } = buildMetricQueries([target], 'LambdaThermostat', 60);
    const basic = queries.filter((query) =>
      ['Sum', 'Average', 'Maximum', 'SampleCount'].includes(query.MetricStat?.Stat ?? ''),
    );
    const grid = periodGrid({ startMs: start, endMs: start + 4 * minute, periodSec: 60 });

    // Act
    const pages = await fetchMetricData(cloudWatch, basic, grid);
    const byField = new Map(
      [...pages.series].map(([id, series]) => [origins.get(id)?.field as MetricFieldKey, series]),
    );
    const observation = assembleObservation(target, grid, byField, 'LambdaThermostat');

    // Assess
    expect(pages.series.get(queryId(0, 'invocations'))?.statusCode).toBe('Complete');
    expect(observation.metrics.map((m) => m.invocations)).toEqual([42, 0, 30, 0]);
    expect(observation.metrics.map((m) => m.errors)).toEqual([0, 0, 1, 0]);
    expect(observation.metrics.map((m) => m.concurrencyMax)).toEqual([7, null, null, null]);
    expect(observation.metrics.map((m) => m.coldStarts)).toEqual([2, 0, 0, 0]);
    expect(observation.metrics.map((m) => m.cpuTimeAvgMs)).toEqual([null, null, 30, null]);
    expect(observation.metrics[0]?.startMs).toBe(start);
  });

  it('answers GetMetricData pages through the SDK with Timestamps ascending', async () => {
    // Prepare
    const cloudWatch = new CloudWatchClient(moto.clientConfig());
    const minute = 60_000;
    const start = Math.floor(Date.now() / minute) * minute - 20 * minute;
    await cloudWatch.send(
      new PutMetricDataCommand({
        Namespace: 'AWS/Lambda',
        MetricData: [3, 1, 2].map((offset) => ({
          MetricName: 'Throttles',
          Dimensions: [{ Name: 'FunctionName', Value: 'ocr' }],
          Timestamp: new Date(start + offset * minute),
          Value: offset,
        })),
      }),
    );

    // Act
    const output = await cloudWatch.send(
      new GetMetricDataCommand({
        StartTime: new Date(start),
        EndTime: new Date(start + 5 * minute),
        ScanBy: 'TimestampAscending',
        MetricDataQueries: [
          {
            Id: 't0_throttles',
            MetricStat: {
              Metric: {
                Namespace: 'AWS/Lambda',
                MetricName: 'Throttles',
                Dimensions: [{ Name: 'FunctionName', Value: 'ocr' }],
              },
              Period: 60,
              Stat: 'Sum',
            },
          },
        ],
      }),
    );

    // Assess
    expect(output.MetricDataResults?.[0]?.Values).toEqual([1, 2, 3]);
  });
});

describe.skipIf(moto.skipped)('S3 report sink against moto', () => {
  it('writes a report object under the prefix', async () => {
    // Prepare
    await moto.reset();
    const s3 = new S3Client({ ...moto.clientConfig(), forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: 'thermostat-reports' }));
    const sink = new S3ReportSink('s3://thermostat-reports/runs/', { aws: moto.clientConfig() });

    // Act
    const location = await sink.write('cycle-1/report.json', '{"targets":[]}', 'application/json');

    // Assess
    expect(location).toBe('s3://thermostat-reports/runs/cycle-1/report.json');
    const object = await s3.send(
      new GetObjectCommand({ Bucket: 'thermostat-reports', Key: 'runs/cycle-1/report.json' }),
    );
    expect(object.ContentType).toBe('application/json');
    expect(await object.Body?.transformToString()).toBe('{"targets":[]}');
  });
});
