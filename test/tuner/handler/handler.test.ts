/**
 * The scheduled handler end to end on mocked AWS (aws-sdk-client-mock): Lambda through the
 * stateful fake, CloudWatch answering with no datapoints (every target idle), S3 for memory and
 * reports, SSM for the config.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetParameterCommand, ParameterNotFound, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TunerConfigSourceError } from '../../../tuner/aws/cycle/tunerConfigSource.ts';
import { TUNER_NAMESPACE } from '../../../tuner/aws/cycle/tunerMetrics.ts';
import { createTunerHandler, type TunerHandlerOptions } from '../../../tuner/aws/handler.ts';
import { ConfigError } from '../../../tuner/core/config/configError.ts';
import { DEFAULT_TUNER_CYCLE_USAGE } from '../../../tuner/core/cost/defaultToolUsage.ts';
import { capturingWriter, emfAudit } from '../../support/emfSpecification.ts';
import { FakeClock, FakeLambda } from '../aws/support/fakeLambda.ts';

const AWS = { region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
const CONTEXT = { functionName: 'thermostat-tuner', getRemainingTimeInMillis: () => 600_000 };

const yamlConfig = (mode: 'recommend' | 'apply') => `
mode: ${mode}
targets:
  - function: ocr
    alias: live
    slo: { p99Ms: 300 }
reports: { s3: s3://thermostat-reports/prod/ }
`;

let lambda: FakeLambda;
const cloudWatch = mockClient(CloudWatchClient);
const s3 = mockClient(S3Client);
const ssm = mockClient(SSMClient);
let logged: string[];

beforeEach(() => {
  lambda = new FakeLambda();
  lambda.addFunction({ name: 'ocr', pc: { on: 'version', requested: 8 } });
  cloudWatch.on(GetMetricDataCommand).resolves({ MetricDataResults: [] });
  s3.on(GetObjectCommand).rejects(Object.assign(new Error('missing'), { name: 'NoSuchKey' }));
  s3.on(PutObjectCommand).resolves({});
  logged = [];
});

afterEach(() => {
  lambda.restore();
  cloudWatch.reset();
  s3.reset();
  ssm.reset();
});

function handlerWith(env: Record<string, string>, options: Partial<TunerHandlerOptions> = {}) {
  return createTunerHandler({
    env,
    aws: AWS,
    clock: new FakeClock(),
    logger: { info: (m) => logged.push(m), warn: (m) => logged.push(`WARN ${m}`) },
    ...options,
  });
}

function putKeys(): string[] {
  return s3.commandCalls(PutObjectCommand).map((call) => call.args[0].input.Key ?? '');
}

describe('the scheduled handler', () => {
  it('runs a recommend cycle from THERMOSTAT_CONFIG: logs the summary, writes the reports and memory, changes nothing', async () => {
    // Prepare
    const emf = capturingWriter();
    const run = handlerWith(
      { THERMOSTAT_CONFIG: yamlConfig('recommend') },
      { emfWriter: emf.write },
    );

    // Act
    const summary = await run({ source: 'aws.events' }, CONTEXT);

    // Assess
    expect(summary).toEqual({
      status: 'completed',
      mode: 'recommend',
      dryRun: true,
      targets: 1,
      actionsPlanned: 1,
      actionsApplied: 0,
      actionsFailed: 0,
      apiErrors: 0,
      report: 's3://thermostat-reports/prod/reports/2026-11-27T12-00-00Z.json',
      html: 's3://thermostat-reports/prod/index.html',
    });
    expect(lambda.writes()).toEqual([]);
    expect(putKeys().sort()).toEqual([
      'prod/history.json',
      'prod/index.html',
      'prod/latest.json',
      'prod/reports/2026-11-27T12-00-00Z.json',
      'prod/state/memory.json',
    ]);
    expect(logged[0]).toBe(
      'config from THERMOSTAT_CONFIG: 1 target(s), mode recommend, schedule rate(5 minutes)',
    );
    expect(logged.at(-1)).toContain('| ocr:live | – / 300 ms |');
    expect(logged.at(-1)).toContain('dry run: would set');
    expect(emf.documents).toHaveLength(2);
  });

  it('keeps the last day as history.json and index.html, reading one object per cycle', async () => {
    // Prepare: S3 serves back what the handler wrote
    const stored = new Map<string, string>();
    s3.on(PutObjectCommand).callsFake((input: { Key: string; Body: string }) => {
      stored.set(input.Key, input.Body);
      return {};
    });
    s3.on(GetObjectCommand).callsFake((input: { Key: string }) => {
      const body = stored.get(input.Key);
      if (body === undefined) throw Object.assign(new Error('missing'), { name: 'NoSuchKey' });
      return { Body: { transformToString: async () => body } };
    });
    const clock = new FakeClock();
    const run = handlerWith({ THERMOSTAT_CONFIG: yamlConfig('recommend') }, { clock });

    // Act: two cycles, five minutes apart
    await run({}, CONTEXT);
    await clock.sleep(300_000);
    const readsBefore = s3.commandCalls(GetObjectCommand).length;
    await run({}, CONTEXT);

    // Assess
    const history = JSON.parse(stored.get('prod/history.json') ?? '{}');
    expect(history.kind).toBe('lambda-thermostat.history');
    expect(history.cycles).toBe(2);
    expect(history.targets[0].decisions).toHaveLength(2);
    expect(stored.get('prod/index.html')).toContain('<h2>ocr:live</h2>');
    const keysRead = s3
      .commandCalls(GetObjectCommand)
      .slice(readsBefore)
      .map((call) => call.args[0].input.Key);
    expect(keysRead.filter((key) => key !== 'prod/state/memory.json')).toEqual([
      'prod/history.json',
    ]);
  });

  it('emits its EMF metrics per target and per tuner, valid by the specification', async () => {
    // Prepare
    const emf = capturingWriter();
    const violationsBefore = emfAudit.violations.length;
    const run = handlerWith(
      { THERMOSTAT_CONFIG: yamlConfig('recommend') },
      { emfWriter: emf.write },
    );

    // Act
    await run({}, CONTEXT);

    // Assess
    expect(emfAudit.violations.length).toBe(violationsBefore);
    const [perTarget, perTuner] = emf.documents;
    expect(perTarget).toMatchObject({
      _aws: {
        Timestamp: Date.UTC(2026, 10, 27, 12, 0, 0),
        CloudWatchMetrics: [
          {
            Namespace: TUNER_NAMESPACE,
            Dimensions: [['Target']],
            // Per target: plain members, no custom metrics (docs/decisions/0031-tool-bill.md).
            Metrics: [],
          },
        ],
      },
      Target: 'ocr:live',
      ActionsPlanned: 1,
      ActionsApplied: 0,
      ApiErrors: 0,
      planStatus: 'no-data',
    });
    expect(perTuner).toMatchObject({
      _aws: {
        CloudWatchMetrics: [
          {
            Namespace: TUNER_NAMESPACE,
            Dimensions: [['Tuner']],
            // No errors, no metric: the counts are plain members (each metric $0.30 a month).
            Metrics: [],
          },
        ],
      },
      Tuner: 'thermostat-tuner',
      ActionsPlanned: 1,
      ActionsApplied: 0,
      ApiErrors: 0,
      cycleStatus: 'completed',
    });
  });

  it('makes, in an apply cycle without actions, the S3 requests the tool’s bill prices', async () => {
    // Prepare: no provisioned concurrency, no traffic: nothing to change
    lambda.restore();
    lambda = new FakeLambda();
    lambda.addFunction({ name: 'ocr' });
    const run = handlerWith({ THERMOSTAT_CONFIG: yamlConfig('apply') }, { emfWriter: () => {} });

    // Act
    const summary = await run({}, CONTEXT);

    // Assess
    expect(summary.actionsPlanned).toBe(0);
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(
      DEFAULT_TUNER_CYCLE_USAGE.s3PutsPerCycle,
    );
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(
      DEFAULT_TUNER_CYCLE_USAGE.s3GetsPerCycle,
    );
  });

  it('writes its EMF to stdout by default, where the log agent extracts it', async () => {
    // Prepare
    const before = emfAudit.stdoutDocuments.length;
    const run = handlerWith({ THERMOSTAT_CONFIG: yamlConfig('recommend') });

    // Act
    await run({}, CONTEXT);

    // Assess
    const written = emfAudit.stdoutDocuments.slice(before);
    expect(written.map((d) => d.Target ?? d.Tuner)).toEqual(['ocr:live', 'thermostat-tuner']);
  });

  it('reads the config from SSM and, in apply mode, applies the plan', async () => {
    // Prepare
    ssm.on(GetParameterCommand).resolves({ Parameter: { Value: yamlConfig('apply') } });
    const emf = capturingWriter();
    const run = handlerWith(
      { THERMOSTAT_CONFIG_SSM: '/thermostat/config' },
      { emfWriter: emf.write },
    );

    // Act
    const summary = await run({}, CONTEXT);

    // Assess
    expect(ssm.commandCalls(GetParameterCommand)[0]?.args[0].input).toEqual({
      Name: '/thermostat/config',
      WithDecryption: true,
    });
    expect(logged[0]).toContain('config from THERMOSTAT_CONFIG_SSM=/thermostat/config');
    expect(summary).toMatchObject({
      mode: 'apply',
      dryRun: false,
      actionsPlanned: 1,
      actionsApplied: 1,
    });
    expect(lambda.pcOn('ocr', '1')?.requested).toBe(6);
    expect(emf.documents[0]).toMatchObject({ Target: 'ocr:live', ActionsApplied: 1 });
  });

  it('reads the config from a file in the bundle, relative to LAMBDA_TASK_ROOT', async () => {
    // Prepare
    const root = await mkdtemp(join(tmpdir(), 'thermostat-bundle-'));
    await writeFile(join(root, 'thermostat.yaml'), yamlConfig('recommend'));
    const run = handlerWith({ THERMOSTAT_CONFIG_FILE: 'thermostat.yaml', LAMBDA_TASK_ROOT: root });

    try {
      // Act
      const summary = await run({}, CONTEXT);

      // Assess
      expect(summary.status).toBe('completed');
      expect(logged[0]).toContain(
        `config from THERMOSTAT_CONFIG_FILE=${join(root, 'thermostat.yaml')}`,
      );
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('fails with an error naming the variables when no config source is set', async () => {
    // Act
    const failure = await handlerWith({})({}, CONTEXT).catch((error: Error) => error);

    // Assess
    expect(failure).toBeInstanceOf(TunerConfigSourceError);
    expect((failure as Error).message).toBe(
      'no tuner config: set THERMOSTAT_CONFIG (the config as JSON or YAML), THERMOSTAT_CONFIG_FILE (a file in the bundle), THERMOSTAT_CONFIG_SSM (an SSM parameter name) or THERMOSTAT_CONFIG_S3 (an s3://bucket/key object)',
    );
    expect(cloudWatch.commandCalls(GetMetricDataCommand)).toEqual([]);
    expect(lambda.calls).toEqual([]);
  });

  it('refuses two config sources at once', async () => {
    // Act & Assess
    await expect(
      handlerWith({ THERMOSTAT_CONFIG: yamlConfig('apply'), THERMOSTAT_CONFIG_SSM: '/x' })(
        {},
        CONTEXT,
      ),
    ).rejects.toThrow(
      'several tuner config sources are set (THERMOSTAT_CONFIG, THERMOSTAT_CONFIG_SSM): set exactly one',
    );
  });

  it('names the variable and the path of an invalid config', async () => {
    // Prepare
    const bad = yamlConfig('apply').replace('p99Ms: 300', 'p99Ms: -1');

    // Act
    const failure = await handlerWith({ THERMOSTAT_CONFIG: bad })({}, CONTEXT).catch(
      (e: Error) => e,
    );

    // Assess
    expect(failure).toBeInstanceOf(ConfigError);
    expect((failure as Error).message).toMatch(
      /^Invalid thermostat config THERMOSTAT_CONFIG \(1 problem\):/,
    );
    expect((failure as Error).message).toContain('targets[0].slo.p99Ms: -1 is not above 0');
    expect(lambda.calls).toEqual([]);
  });

  it('names the variable and the parameter when SSM cannot give the config', async () => {
    // Prepare
    ssm
      .on(GetParameterCommand)
      .rejects(new ParameterNotFound({ message: 'not found', $metadata: {} }));

    // Act & Assess
    await expect(handlerWith({ THERMOSTAT_CONFIG_SSM: '/absent' })({}, CONTEXT)).rejects.toThrow(
      'THERMOSTAT_CONFIG_SSM: cannot read parameter /absent (ParameterNotFound: not found)',
    );
  });

  it('needs reports in S3, where it keeps its memory', async () => {
    // Prepare
    const local = yamlConfig('recommend').replace(
      '{ s3: s3://thermostat-reports/prod/ }',
      '{ dir: ./r }',
    );

    // Act
    const failure = await handlerWith({ THERMOSTAT_CONFIG: local })({}, CONTEXT).catch(
      (e: Error) => e,
    );

    // Assess
    expect(failure).toBeInstanceOf(ConfigError);
    expect((failure as ConfigError).issues[0]?.path).toBe('reports');
    expect(lambda.calls).toEqual([]);
  });

  it('reports a CloudWatch outage, changes nothing and counts the API error', async () => {
    // Prepare
    cloudWatch
      .on(GetMetricDataCommand)
      .rejects(Object.assign(new Error('down'), { name: 'InternalServiceError' }));
    const emf = capturingWriter();
    const run = handlerWith({ THERMOSTAT_CONFIG: yamlConfig('apply') }, { emfWriter: emf.write });

    // Act
    const summary = await run({}, CONTEXT);

    // Assess
    expect(summary).toMatchObject({ status: 'observe-failed', actionsPlanned: 0, apiErrors: 1 });
    expect(lambda.writes()).toEqual([]);
    expect(putKeys()).not.toContain('prod/state/memory.json');
    expect(putKeys()).toContain('prod/latest.json');
    // A cycle with errors declares ApiErrors, the metric the construct alarms on.
    expect(emf.documents[1]).toMatchObject({
      _aws: {
        CloudWatchMetrics: [
          { Dimensions: [['Tuner']], Metrics: [{ Name: 'ApiErrors', Unit: 'Count' }] },
        ],
      },
      Tuner: 'thermostat-tuner',
      ApiErrors: 1,
    });
  });
});
