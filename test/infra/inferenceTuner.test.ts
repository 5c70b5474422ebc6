/**
 * What `InferenceTuner` creates, with aws-cdk-lib/assertions: the function (bundled, arm64,
 * Node.js 22/24, reserved concurrency 1, log retention), the schedule, the reports bucket, the
 * alarms, the optional dashboard and SLOs; the config validated at synth with the tuner's schema.
 */
import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Alias, Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { describe, expect, it } from 'vitest';
import { InferenceTuner, InferenceTunerPropsError } from '../../infra/index.ts';
import { ConfigError } from '../../tuner/core/config/configError.ts';
import { parseConfig } from '../../tuner/core/config/parseConfig.ts';
import { DEFAULT_TUNER_FUNCTION } from '../../tuner/core/cost/defaultToolUsage.ts';
import { ACCOUNT, REGION, testApp, tunerStack } from './support/tunerStacks.ts';

function targetStack() {
  const stack = new Stack(testApp(), 'Targets', { env: { account: ACCOUNT, region: REGION } });
  const fn = new LambdaFunction(stack, 'Ocr', {
    functionName: 'ocr',
    runtime: Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: Code.fromInline('exports.handler = async () => ({});'),
  });
  const alias = new Alias(stack, 'Live', { aliasName: 'live', version: fn.currentVersion });
  return { stack, fn, alias };
}

describe('InferenceTuner resources', () => {
  const { template, tuner } = tunerStack([{ name: 'ocr' }], { mode: 'apply' });

  it('deploys the tuner function: arm64, Node.js 22, reserved concurrency 1, bundled ESM', () => {
    // Assess
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: 'lambda-thermostat: one tuning cycle per invocation',
      Architectures: ['arm64'],
      Runtime: 'nodejs22.x',
      ReservedConcurrentExecutions: 1,
      Handler: 'index.handler',
      Timeout: 840,
      LoggingConfig: { LogGroup: Match.anyValue() },
    });
  });

  it('deploys the tuner function the tool’s bill prices (memory, architecture)', () => {
    // Assess: tuner/core/cost/defaultToolUsage.ts prices this function
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: 'lambda-thermostat: one tuning cycle per invocation',
      Architectures: [DEFAULT_TUNER_FUNCTION.architecture],
      MemorySize: DEFAULT_TUNER_FUNCTION.memoryMb,
    });
  });

  it('gives the tuner its config in the environment, as the JSON the tuner parses', () => {
    // Assess
    const fn = Object.values(template.findResources('AWS::Lambda::Function')).find(
      (r) => r.Properties.Description === 'lambda-thermostat: one tuning cycle per invocation',
    );
    const joined = fn?.Properties.Environment.Variables.THERMOSTAT_CONFIG['Fn::Join'] as [
      string,
      unknown[],
    ];
    const text = joined[1].map((part) => (typeof part === 'string' ? part : 'x')).join('');
    const config = parseConfig(
      text.replace(/"x"/g, '"ocr"').replace(/s3:\/\/x\//, 's3://reports-bucket/'),
    );
    expect(config.mode).toBe('apply');
    expect(config.targets[0]).toMatchObject({ qualifier: 'live', slo: { p99Ms: 300 } });
    expect(config.reports).toEqual({ s3: 's3://reports-bucket/thermostat/' });
  });

  it('keeps its logs for a month in its own log group', () => {
    // Assess
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
  });

  it('runs on an EventBridge Scheduler schedule every 5 minutes, without retries', () => {
    // Assess
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(5 minutes)',
      State: 'ENABLED',
      Target: { RetryPolicy: { MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 300 } },
    });
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({
            Principal: { Service: 'scheduler.amazonaws.com' },
            Condition: { StringEquals: Match.objectLike({ 'aws:SourceAccount': '123456789012' }) },
          }),
        ],
      },
    });
  });

  it('keeps reports in an encrypted, private, TLS-only bucket whose old reports expire', () => {
    // Assess
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
        ],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({ Prefix: 'thermostat/reports/', ExpirationInDays: 90 }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: [
          Match.objectLike({
            Effect: 'Deny',
            Action: 's3:*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ],
      },
    });
  });

  it('alarms on failed cycles, API errors and cycles that stopped running', () => {
    // Assess
    template.resourceCountIs('AWS::CloudWatch::Alarm', 3);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'LambdaThermostat/Tuner',
      MetricName: 'ApiErrors',
      Threshold: 1,
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Invocations',
      ComparisonOperator: 'LessThanThreshold',
      TreatMissingData: 'breaching',
    });
    expect(tuner.config.targets).toHaveLength(1);
  });

  it('makes no dashboard and no SLOs unless asked', () => {
    // Assess
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 0);
    template.resourceCountIs('AWS::ApplicationSignals::ServiceLevelObjective', 0);
  });
});

describe('InferenceTuner options', () => {
  it('makes a request-based Application Signals SLO with the target’s goal, and the tuner steers to the same', () => {
    // Act
    const { template, tuner } = tunerStack(
      [
        {
          name: 'ocr',
          slo: {
            requestBasedSli: { latencyMs: 250 },
            goal: {
              attainmentGoal: 99.9,
              interval: {
                calendarInterval: {
                  startTime: '2026-12-01T00:00:00Z',
                  duration: 1,
                  durationUnit: 'MONTH',
                },
              },
              warningThreshold: 30,
            },
          },
        },
      ],
      { serviceLevelObjectives: true },
    );

    // Assess
    expect(tuner.config.targets[0]?.slo).toMatchObject({ kind: 'request', latencyMs: 250 });
    template.hasResourceProperties('AWS::ApplicationSignals::ServiceLevelObjective', {
      RequestBasedSli: {
        RequestBasedSliMetric: {
          MonitoredRequestCountMetric: {
            GoodCountMetric: [
              Match.objectLike({
                MetricStat: Match.objectLike({
                  Stat: 'TC(:250)',
                  Metric: Match.objectLike({ MetricName: 'EndToEndLatency' }),
                }),
              }),
            ],
          },
          TotalRequestCountMetric: Match.arrayWith([
            Match.objectLike({
              Id: 'throttles',
              MetricStat: Match.objectLike({
                Metric: Match.objectLike({ Namespace: 'AWS/Lambda', MetricName: 'Throttles' }),
              }),
            }),
            Match.objectLike({
              Id: 'total',
              Expression: 'served + FILL(throttles, 0)',
              ReturnData: true,
            }),
          ]),
        },
      },
      Goal: {
        AttainmentGoal: 99.9,
        WarningThreshold: 30,
        Interval: {
          CalendarInterval: { StartTime: 1_796_083_200, Duration: 1, DurationUnit: 'MONTH' },
        },
      },
    });
  });

  it('refuses a bad SLO at synth with the field named', () => {
    // Act / Assess
    expect(() =>
      tunerStack([
        {
          name: 'ocr',
          slo: { requestBasedSli: { latencyMs: 250 }, goal: { attainmentGoal: 100 } },
        },
      ]),
    ).toThrow(/targets\[0\]\.slo\.goal\.attainmentGoal: 100 is not below 100/);
  });

  it('builds a dashboard and one Application Signals SLO per target, on the SDK’s p99', () => {
    // Act
    const { template } = tunerStack(
      [{ name: 'ocr', slo: { p99Ms: 300, goal: { attainmentGoal: 99.5 } } }, { name: 'fraud' }],
      {
        dashboard: true,
        serviceLevelObjectives: true,
        runtime: 'nodejs24.x',
      },
    );

    // Assess
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    template.resourceCountIs('AWS::ApplicationSignals::ServiceLevelObjective', 2);
    template.hasResourceProperties('AWS::ApplicationSignals::ServiceLevelObjective', {
      Sli: {
        ComparisonOperator: 'LessThanOrEqualTo',
        MetricThreshold: 300,
        SliMetric: {
          MetricDataQueries: [
            Match.objectLike({
              MetricStat: Match.objectLike({
                Period: 300,
                Stat: 'p99',
                Metric: Match.objectLike({
                  Namespace: 'LambdaThermostat',
                  MetricName: 'EndToEndLatency',
                }),
              }),
            }),
          ],
        },
      },
      Goal: {
        AttainmentGoal: 99.5,
        Interval: { RollingInterval: { Duration: 7, DurationUnit: 'DAY' } },
      },
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      ReservedConcurrentExecutions: 1,
    });
  });

  it('uses a given bucket and prefix and creates none', () => {
    // Prepare
    const { stack, alias } = targetStack();
    const bucket = Bucket.fromBucketName(stack, 'Given', 'team-reports');

    // Act
    const tuner = new InferenceTuner(stack, 'Tuner', {
      targets: [{ alias, slo: { p99Ms: 250 } }],
      reports: { bucket, prefix: 'ocr/' },
    });

    // Assess
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::S3::Bucket', 0);
    expect(tuner.reports.url).toBe('s3://team-reports/ocr/');
    expect(tuner.config.reports).toEqual({ s3: 's3://team-reports/ocr/' });
  });

  it('reads the config from an SSM parameter it creates when asked', () => {
    // Act
    const { template } = tunerStack([{ name: 'ocr' }], { configSource: 'ssm' });

    // Assess
    template.hasResourceProperties('AWS::SSM::Parameter', { Type: 'String', Tier: 'Standard' });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ THERMOSTAT_CONFIG_SSM: Match.anyValue() }) },
    });
  });

  it('moves a config too large for the environment to SSM, and refuses it in the environment', () => {
    // Prepare
    const many = Array.from({ length: 30 }, (_, i) => ({ name: `fn${i}` }));

    // Act
    const { template } = tunerStack(many);

    // Assess
    template.resourceCountIs('AWS::SSM::Parameter', 1);
    expect(() => tunerStack(many, { configSource: 'environment' })).toThrow(
      InferenceTunerPropsError,
    );
  });

  it('tunes a published version given with its function', () => {
    // Prepare
    const { stack, fn } = targetStack();

    // Act
    const tuner = new InferenceTuner(stack, 'Tuner', {
      targets: [
        { function: fn, version: '7', slo: { p99Ms: 250 }, tune: ['provisionedConcurrency'] },
      ],
    });

    // Assess
    expect(tuner.config.targets[0]).toMatchObject({
      qualifier: '7',
      tune: ['provisionedConcurrency'],
    });
    const statement = tuner.policyStatements.find((s) => s.sid === 'TuneProvisionedConcurrency');
    expect(stack.resolve(statement?.resources)).toEqual([
      { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Ocr2D1ED3E6', 'Arn'] }, ':7']] },
    ]);
  });
});

describe('InferenceTuner config validation at synth', () => {
  it('fails with the path-precise message the CLI prints for the same mistake', () => {
    // Prepare
    const { stack, alias } = targetStack();
    const cliMessage = (() => {
      try {
        parseConfig(
          'targets:\n  - function: ocr\n    alias: live\n    slo: { p99Ms: 300 }\n    bounds: { memoryMb: [1024, 12000] }\n',
        );
      } catch (error) {
        return (error as ConfigError).issues.map((i) => `${i.path}: ${i.message}`);
      }
      return [];
    })();

    // Act
    const failure = (() => {
      try {
        new InferenceTuner(stack, 'Tuner', {
          targets: [{ alias, slo: { p99Ms: 300 }, bounds: { memoryMb: [1024, 12000] } }],
        });
      } catch (error) {
        return error as ConfigError;
      }
      return undefined;
    })();

    // Assess
    expect(failure).toBeInstanceOf(ConfigError);
    expect(cliMessage).toEqual([
      'targets[0].bounds.memoryMb: 12000 is above the Lambda maximum 10240',
    ]);
    expect(failure?.message).toBe(
      `Invalid thermostat config (InferenceTuner Targets/Tuner) (1 problem):\n  ${cliMessage[0]}`,
    );
  });

  it('names every problem of the props, guardrails and schedule included', () => {
    // Prepare
    const { stack, alias } = targetStack();

    // Act & Assess
    expect(
      () =>
        new InferenceTuner(stack, 'Tuner', {
          targets: [{ alias, slo: { p99Ms: -5 }, tune: ['memory', 'cpu' as never] }],
          schedule: 'every 5 minutes',
          guardrails: { minUnreservedConcurrency: 10 },
        }),
    ).toThrow(
      /schedule: "every 5 minutes" is not an EventBridge schedule[\s\S]*guardrails.minUnreservedConcurrency: 10 is below 100/,
    );
  });

  it('finds duplicate targets even when their names are known only at deploy time', () => {
    // Prepare
    const { stack, alias } = targetStack();

    // Act & Assess
    expect(
      () =>
        new InferenceTuner(stack, 'Tuner', {
          targets: [
            { alias, slo: { p99Ms: 300 } },
            { alias, slo: { p99Ms: 200 } },
          ],
        }),
    ).toThrow('targets[1]: duplicates targets[0]');
  });
});
