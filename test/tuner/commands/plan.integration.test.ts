/**
 * `thermostat plan` against a real moto_server: a deployed alias with a published version, an
 * hour of CloudWatch datapoints, then the command (its exported function, the same the CLI runs)
 * with `--endpoint`. moto has no provisioned-concurrency API and no percentile statistics: the
 * endpoint flag selects the emulator profile (PC API off, p99 read as Maximum, p50 as Average).
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CloudWatchClient,
  type MetricDatum,
  PutMetricDataCommand,
} from '@aws-sdk/client-cloudwatch';
import {
  CreateAliasCommand,
  CreateFunctionCommand,
  GetAliasCommand,
  GetFunctionConcurrencyCommand,
  GetFunctionConfigurationCommand,
  LambdaClient,
  ListVersionsByFunctionCommand,
  PublishVersionCommand,
  PutFunctionConcurrencyCommand,
} from '@aws-sdk/client-lambda';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCycleCommand } from '../../../tuner/commands/cycleCommand.ts';
import { createMotoRole, useMotoServer } from '../../support/moto.ts';
import { storedZip } from '../aws/support/storedZip.ts';

const moto = useMotoServer();
const MINUTE_MS = 60_000;
/** A fixed cycle time: the planner's scenarios are seeded by it, so the plan is reproducible. */
const NOW = Date.parse('2026-11-27T12:00:00Z');

async function deploy(lambda: LambdaClient): Promise<void> {
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

describe.skipIf(moto.skipped)('thermostat plan against moto', () => {
  let directory = '';
  let lambda: LambdaClient;

  beforeEach(async () => {
    await moto.reset();
    directory = await mkdtemp(join(tmpdir(), 'thermostat-plan-'));
    lambda = new LambdaClient(moto.clientConfig());
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('prints a summary, writes the report and memory, and changes nothing in AWS', async () => {
    // Prepare
    await deploy(lambda);
    const nowMs = NOW;
    // moto cannot read the gzip the SDK sends for bodies over 10 KB.
    const cloudWatch = new CloudWatchClient({
      ...moto.clientConfig(),
      disableRequestCompression: true,
    });
    await putAnHourOfMetrics(cloudWatch, nowMs);
    const config = join(directory, 'thermostat.yaml');
    await writeFile(
      config,
      [
        'mode: apply # plan must still change nothing',
        'targets:',
        '  - function: ocr',
        '    alias: live',
        '    slo: { p99Ms: 120 }',
        '    bounds: { memoryMb: [512, 2048], provisionedConcurrency: [0, 10] }',
        '',
      ].join('\n'),
    );
    const reportDir = join(directory, 'reports');
    let stdout = '';
    let stderr = '';

    // Act
    const code = await runCycleCommand(
      'plan',
      { config, reportDir, endpoint: moto.endpoint, region: 'us-east-1' },
      {
        stdout: (text) => {
          stdout += text;
        },
        stderr: (text) => {
          stderr += text;
        },
        aws: { credentials: moto.clientConfig().credentials, maxAttempts: 2 },
        clock: { now: () => nowMs, sleep: async () => {} },
        plannerOptions: { replications: 4 },
      },
    );

    // Assess: the summary
    expect(code, stderr).toBe(0);
    expect(stderr).toContain('says mode: apply; plan runs in recommend mode and changes nothing');
    expect(stdout).toContain('mode recommend (dry run: nothing changed)');
    expect(stdout).toContain(
      '| Target | Observed p99 / target | Current → planned | Action | Predicted p99 | Cost/h |',
    );
    expect(stdout).toMatch(/\| ocr:live \| 150 \/ 120 ms ✗ \| 1024 MB, PC 0, RC 50 → /);
    expect(stdout).toContain('dry run: would change memory of ocr:live: 1024 →');
    expect(stdout).toContain('account concurrency unreadable');

    // Assess: the report and the memory, on disk
    const latest = JSON.parse(await readFile(join(reportDir, 'latest.json'), 'utf8'));
    expect(latest).toMatchObject({ status: 'completed', mode: 'recommend', dryRun: true });
    expect(latest.targets[0].state).toMatchObject({
      memoryMb: 1024,
      aliasVersion: '1',
      reservedConcurrency: 50,
    });
    expect(latest.targets[0].observed.requestsLastHour).toBeGreaterThan(0);
    expect(latest.targets[0].plan.status).toBe('planned');
    expect(latest.targets[0].plan.actions.length).toBeGreaterThan(0);
    for (const result of latest.targets[0].results) {
      expect(result.status).toBe('skipped');
      expect(result.detail).toMatch(/^dry run: /);
    }
    expect(await readdir(join(reportDir, 'reports'))).toHaveLength(1);
    const memory = JSON.parse(await readFile(join(reportDir, 'state', 'memory.json'), 'utf8'));
    expect(Object.keys(memory.targets)).toEqual([':ocr:live']);

    // Assess: nothing changed in moto
    const viaAlias = await lambda.send(
      new GetFunctionConfigurationCommand({ FunctionName: 'ocr', Qualifier: 'live' }),
    );
    expect(viaAlias).toMatchObject({ Version: '1', MemorySize: 1024 });
    const alias = await lambda.send(new GetAliasCommand({ FunctionName: 'ocr', Name: 'live' }));
    expect(alias.FunctionVersion).toBe('1');
    const versions = await lambda.send(new ListVersionsByFunctionCommand({ FunctionName: 'ocr' }));
    expect(versions.Versions?.map((v) => v.Version)).toEqual(['$LATEST', '1']);
    const reserved = await lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: 'ocr' }));
    expect(reserved.ReservedConcurrentExecutions).toBe(50);
  });
});
