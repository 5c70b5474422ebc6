/**
 * The cycle (`thermostat apply`, the code the scheduled handler runs) against moto_server through
 * a proxy that stalls, resets or answers errors on chosen calls. The deployed function would get
 * more memory; each fault must end the cycle within its deadline, change nothing after a failed
 * step that later steps depend on, and leave a report and a memory that agree with what happened.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  GetAliasCommand,
  GetFunctionConfigurationCommand,
  LambdaClient,
  ListVersionsByFunctionCommand,
} from '@aws-sdk/client-lambda';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AwsClientOptions } from '../../../tuner/aws/awsClientOptions.ts';
import { runCycleCommand } from '../../../tuner/commands/cycleCommand.ts';
import { decodeTunerMemory } from '../../../tuner/core/memory/tunerMemoryCodec.ts';
import type { CycleReport } from '../../../tuner/cycle/cycleReport.ts';
import {
  type FaultProxy,
  SERVICE_ERROR,
  startFaultProxy,
  THROTTLED,
  xmlAccessDenied,
} from '../../support/faultProxy.ts';
import { useMotoServer } from '../../support/moto.ts';
import { CYCLE_NOW_MS, deployOcrWithAnHourOfMetrics } from './support/motoDeployment.ts';

const moto = useMotoServer();

const UPDATE_CONFIGURATION = /^lambda PUT \/2015-03-31\/functions\/ocr\/configuration$/;
const PUBLISH_VERSION = /^lambda POST \/2015-03-31\/functions\/ocr\/versions$/;
const UPDATE_ALIAS = /^lambda PUT \/2015-03-31\/functions\/ocr\/aliases\/live$/;
const GET_ALIAS = /^lambda GET \/2015-03-31\/functions\/ocr\/aliases\/live$/;
const GET_METRIC_DATA = /^monitoring GetMetricData$/;

interface CycleOutcome {
  readonly code: number;
  readonly stdout: string;
  readonly report: CycleReport;
  /** The memory file after the cycle, or null when there is none. */
  readonly memory: string | null;
}

describe.skipIf(moto.skipped)('the cycle against a faulty endpoint', () => {
  let proxy: FaultProxy;
  let directory = '';

  beforeAll(async () => {
    proxy = await startFaultProxy(moto.endpoint);
  });

  afterAll(async () => {
    await proxy.stop();
  });

  beforeEach(async () => {
    await moto.reset();
    proxy.clear();
    directory = await mkdtemp(join(tmpdir(), 'thermostat-faults-'));
    await deployOcrWithAnHourOfMetrics(moto);
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  async function apply(
    options: { deadline?: number; memory?: string; aws?: Partial<AwsClientOptions> } = {},
  ): Promise<CycleOutcome> {
    const config = join(directory, 'thermostat.yaml');
    await writeFile(
      config,
      [
        'mode: apply',
        'targets:',
        '  - function: ocr',
        '    alias: live',
        '    slo: { p99Ms: 120 }',
        '    bounds: { memoryMb: [512, 2048], provisionedConcurrency: [0, 0] }',
        '',
      ].join('\n'),
    );
    const reportDir = join(directory, 'reports');
    let stdout = '';
    const code = await runCycleCommand(
      'apply',
      {
        config,
        reportDir,
        endpoint: proxy.endpoint,
        region: 'us-east-1',
        ...(options.deadline === undefined ? {} : { deadline: options.deadline }),
        ...(options.memory === undefined ? {} : { memory: options.memory }),
      },
      {
        stdout: (text) => {
          stdout += text;
        },
        stderr: () => {},
        aws: {
          credentials: moto.clientConfig().credentials,
          maxAttempts: 2,
          // moto on a loaded machine answers GetMetricData slowly; the stall test sets a deadline.
          requestTimeoutMs: 30_000,
          ...options.aws,
        },
        clock: { now: () => CYCLE_NOW_MS, sleep: async () => {} },
        plannerOptions: { replications: 4 },
      },
    );
    const report: CycleReport = JSON.parse(await readFile(join(reportDir, 'latest.json'), 'utf8'));
    const memoryPath = options.memory ?? join(reportDir, 'state', 'memory.json');
    const memory = await readFile(memoryPath, 'utf8').catch(() => null);
    return { code, stdout, report, memory };
  }

  const lambda = () => new LambdaClient(moto.clientConfig());
  /** What moto holds: the alias's version and memory, `$LATEST`'s memory, the versions. */
  async function deployed() {
    const client = lambda();
    const viaAlias = await client.send(
      new GetFunctionConfigurationCommand({ FunctionName: 'ocr', Qualifier: 'live' }),
    );
    const latest = await client.send(new GetFunctionConfigurationCommand({ FunctionName: 'ocr' }));
    const alias = await client.send(new GetAliasCommand({ FunctionName: 'ocr', Name: 'live' }));
    const versions = await client.send(new ListVersionsByFunctionCommand({ FunctionName: 'ocr' }));
    return {
      aliasVersion: alias.FunctionVersion,
      aliasMemory: viaAlias.MemorySize,
      latestMemory: latest.MemorySize,
      versions: versions.Versions?.map((v) => v.Version),
    };
  }
  const UNCHANGED = {
    aliasVersion: '1',
    aliasMemory: 1024,
    latestMemory: 1024,
    versions: ['$LATEST', '1'],
  };
  const memoryCooldownOf = (memory: string | null) =>
    memory === null
      ? undefined
      : decodeTunerMemory(memory).memory.targets[':ocr:live']?.lastChange.memory;

  it('without faults, changes the memory and remembers it (the baseline)', async () => {
    // Act
    const outcome = await apply();

    // Assess
    expect(outcome.code).toBe(0);
    expect(outcome.report.targets[0]?.results.map((r) => r.status)).toEqual(['applied']);
    const now = await deployed();
    expect(now.aliasVersion).toBe('2');
    expect(now.aliasMemory).toBeGreaterThan(1024);
    expect(memoryCooldownOf(outcome.memory)).toEqual({ atMs: CYCLE_NOW_MS, direction: 'up' });
  });

  it('a stalled GetMetricData: stops at the deadline, changes nothing, writes no memory', async () => {
    // Prepare
    proxy.inject({ match: GET_METRIC_DATA, fault: { kind: 'stall' } });

    // Act
    const outcome = await apply({ deadline: 3 });

    // Assess
    expect(outcome.code).toBe(2);
    expect(outcome.report.status).toBe('deadline-passed');
    expect(outcome.report.error?.message).toMatch(/deadline .* passed while observing/);
    expect(outcome.stdout).toContain('passed while observing');
    expect(proxy.calls.some((call) => /^lambda (PUT|POST)/.test(call))).toBe(false);
    expect(await deployed()).toEqual(UNCHANGED);
    expect(outcome.memory).toBeNull();
    expect(outcome.report.memory.saved).toBe(false);
  });

  it('a reset PublishVersion: the alias is not moved, $LATEST is put back, nothing is remembered', async () => {
    // Prepare
    proxy.inject({ match: PUBLISH_VERSION, fault: { kind: 'reset' } });

    // Act
    const outcome = await apply();

    // Assess
    expect(outcome.code).toBe(2);
    const [result] = outcome.report.targets[0]?.results ?? [];
    expect(result?.status).toBe('failed');
    expect(result?.detail).toMatch(/^could not publish a version with \d+ MB: /);
    expect(result?.detail).toContain(
      'left: no version known to be published; $LATEST memory restored to 1024 MB; alias live left on version 1',
    );
    expect(proxy.calls.some((call) => UPDATE_ALIAS.test(call))).toBe(false);
    expect(await deployed()).toEqual(UNCHANGED);
    expect(memoryCooldownOf(outcome.memory)).toBeUndefined();
    expect(outcome.report.memory.saved).toBe(true);
  });

  it('an authorisation failure in XML: named as such, and no later step is tried', async () => {
    // Prepare
    const resource = 'arn:aws:lambda:us-east-1:123456789012:function:ocr';
    proxy.inject({
      match: UPDATE_CONFIGURATION,
      fault: xmlAccessDenied('lambda:UpdateFunctionConfiguration', resource),
    });

    // Act
    const outcome = await apply();

    // Assess
    expect(outcome.code).toBe(2);
    expect(outcome.stdout).toContain(
      `AccessDenied: User: arn:aws:iam::123456789012:user/tuner is not authorized to perform: lambda:UpdateFunctionConfiguration on resource: ${resource}`,
    );
    expect(proxy.calls.some((call) => PUBLISH_VERSION.test(call) || UPDATE_ALIAS.test(call))).toBe(
      false,
    );
    expect(await deployed()).toEqual(UNCHANGED);
    expect(memoryCooldownOf(outcome.memory)).toBeUndefined();
  });

  it('throttling on UpdateFunctionConfiguration: retried, then applied and remembered', async () => {
    // Prepare
    proxy.inject({ match: UPDATE_CONFIGURATION, fault: THROTTLED, times: 2 });

    // Act
    const outcome = await apply({ aws: { maxAttempts: 4 } });

    // Assess
    expect(proxy.faulted).toHaveLength(2);
    expect(outcome.code).toBe(0);
    expect((await deployed()).aliasVersion).toBe('2');
    expect(memoryCooldownOf(outcome.memory)).toEqual({ atMs: CYCLE_NOW_MS, direction: 'up' });
  });

  it('a 500 on GetAlias: the target is not planned, nothing changes', async () => {
    // Prepare
    proxy.inject({ match: GET_ALIAS, fault: SERVICE_ERROR });

    // Act
    const outcome = await apply();

    // Assess
    expect(outcome.code).toBe(2);
    expect(outcome.report.targets[0]?.plan.status).toBe('error');
    expect(outcome.stdout).toContain('ServiceException');
    expect(await deployed()).toEqual(UNCHANGED);
  });

  it('a memory that cannot be read: nothing changes, and it is not written over', async () => {
    // Prepare: a directory where the memory file should be cannot be read as one
    const memory = join(directory, 'memory.json');
    await mkdir(memory);

    // Act
    const outcome = await apply({ memory });

    // Assess
    expect(outcome.code).toBe(2);
    expect(outcome.report.status).toBe('memory-unavailable');
    expect(outcome.report.targets[0]?.results.map((r) => r.detail)).toEqual([
      expect.stringMatching(/^not applied: the memory at .* could not be read$/),
    ]);
    expect(proxy.calls.some((call) => /^lambda (PUT|POST)/.test(call))).toBe(false);
    expect(await deployed()).toEqual(UNCHANGED);
  });
});
