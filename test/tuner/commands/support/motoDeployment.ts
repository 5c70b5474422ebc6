/**
 * A deployed function in moto for the cycle's integration tests: `ocr` (1024 MB, version 1,
 * alias `live`, reserved concurrency 50) and an hour of its metrics that makes the planner want
 * more memory (p99 150 ms, CPU-bound) against an SLO of 120 ms.
 */
import {
  CloudWatchClient,
  type MetricDatum,
  PutMetricDataCommand,
} from '@aws-sdk/client-cloudwatch';
import {
  CreateAliasCommand,
  CreateFunctionCommand,
  LambdaClient,
  PublishVersionCommand,
  PutFunctionConcurrencyCommand,
} from '@aws-sdk/client-lambda';
import { createMotoRole, type MotoHandle } from '../../../support/moto.ts';
import { storedZip } from '../../aws/support/storedZip.ts';

const MINUTE_MS = 60_000;

/** A fixed cycle time: the planner's scenarios are seeded by it, so the plan is reproducible. */
export const CYCLE_NOW_MS = Date.parse('2026-11-27T12:00:00Z');

/** Deploys `ocr` with its alias, then puts the hour of metrics before `nowMs`. */
export async function deployOcrWithAnHourOfMetrics(
  moto: MotoHandle,
  nowMs = CYCLE_NOW_MS,
): Promise<void> {
  await deploy(moto, new LambdaClient(moto.clientConfig()));
  // moto cannot read the gzip the SDK sends for bodies over 10 KB.
  const cloudWatch = new CloudWatchClient({
    ...moto.clientConfig(),
    disableRequestCompression: true,
  });
  await putAnHourOfMetrics(cloudWatch, nowMs);
}

async function deploy(moto: MotoHandle, lambda: LambdaClient): Promise<void> {
  const role = await createMotoRole(moto.endpoint, 'ocr-role');
  await lambda.send(
    new CreateFunctionCommand({
      FunctionName: 'ocr',
      Runtime: 'nodejs20.x',
      Role: role,
      Handler: 'index.handler',
      Code: { ZipFile: storedZip({ 'index.mjs': 'export const handler = async () => ({});' }) },
      MemorySize: 1024,
    }),
  );
  await lambda.send(new PublishVersionCommand({ FunctionName: 'ocr' }));
  await lambda.send(
    new CreateAliasCommand({ FunctionName: 'ocr', Name: 'live', FunctionVersion: '1' }),
  );
  await lambda.send(
    new PutFunctionConcurrencyCommand({ FunctionName: 'ocr', ReservedConcurrentExecutions: 50 }),
  );
}

/** An hour of traffic: 40 requests a minute, p99 ~150 ms (CPU-bound), a slow cold start now and then. */
async function putAnHourOfMetrics(cloudWatch: CloudWatchClient, nowMs: number): Promise<void> {
  const dimensions = [
    { Name: 'FunctionName', Value: 'ocr' },
    { Name: 'Resource', Value: 'ocr:live' },
  ];
  const lambdaData: MetricDatum[] = [];
  const sdkData: MetricDatum[] = [];
  for (let minute = 60; minute >= 1; minute--) {
    const Timestamp = new Date(
      Math.floor(nowMs / MINUTE_MS) * MINUTE_MS - minute * MINUTE_MS + 5_000,
    );
    const datum = (MetricName: string, Values: number[]): MetricDatum => ({
      MetricName,
      Dimensions: dimensions,
      Timestamp,
      Values,
    });
    const cold = minute % 10 === 0;
    lambdaData.push(
      datum('Invocations', [40]),
      datum('Duration', [100, 110, 120, 140]),
      datum('ConcurrentExecutions', [2]),
    );
    sdkData.push(
      datum('EndToEndLatency', cold ? [105, 118, 125, 480] : [105, 118, 125, 150]),
      datum('CpuTime', [100]),
      ...(cold ? [datum('InitDuration', [330])] : []),
    );
  }
  for (const [Namespace, data] of [
    ['AWS/Lambda', lambdaData],
    ['LambdaThermostat', sdkData],
  ] as const)
    for (let i = 0; i < data.length; i += 150)
      await cloudWatch.send(
        new PutMetricDataCommand({ Namespace, MetricData: data.slice(i, i + 150) }),
      );
}
