/**
 * The tuner role's statements, exactly, per knob combination: each write is granted only on the
 * targets whose config tunes the knob that needs it (infra/permissions/tunerPolicyStatements.ts).
 */
import { describe, expect, it } from 'vitest';
import { tunerPolicy } from './support/tunerPolicy.ts';
import { ACCOUNT, REGION, tunerStack } from './support/tunerStacks.ts';

const fn = (name: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;
const bucket = 'arn:aws:s3:::tunerreportsbucket1e8b1355';

const logs = {
  Sid: 'WriteOwnLogs',
  Effect: 'Allow',
  Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
  Resource: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:tunerfunctionlogs09ee0db9:*`,
};
const readTargets = (...names: string[]) => ({
  Sid: 'ReadTargets',
  Effect: 'Allow',
  Action: [
    'lambda:GetAlias',
    'lambda:GetFunctionConfiguration',
    'lambda:GetFunctionConcurrency',
    'lambda:GetProvisionedConcurrencyConfig',
    'lambda:ListTags',
  ],
  Resource: names.flatMap((name) => [fn(name), `${fn(name)}:*`]),
});
const readAccount = {
  Sid: 'ReadAccountSettings',
  Effect: 'Allow',
  Action: 'lambda:GetAccountSettings',
  Resource: '*',
};
const readMetrics = {
  Sid: 'ReadMetrics',
  Effect: 'Allow',
  Action: 'cloudwatch:GetMetricData',
  Resource: '*',
};
const reports = [
  {
    Sid: 'ReportsAndMemoryObjects',
    Effect: 'Allow',
    Action: ['s3:GetObject', 's3:PutObject'],
    Resource: `${bucket}/thermostat/*`,
  },
  {
    Sid: 'ReportsPrefixListing',
    Effect: 'Allow',
    Action: 's3:ListBucket',
    Resource: bucket,
    Condition: { StringLike: { 's3:prefix': ['thermostat/*'] } },
  },
];
const one = <T>(values: T[]): T | T[] => (values.length === 1 ? (values[0] as T) : values);
const tuneProvisioned = (...resources: string[]) => ({
  Sid: 'TuneProvisionedConcurrency',
  Effect: 'Allow',
  Action: ['lambda:PutProvisionedConcurrencyConfig', 'lambda:DeleteProvisionedConcurrencyConfig'],
  Resource: one(resources),
});
const tuneReserved = (...names: string[]) => ({
  Sid: 'TuneReservedConcurrency',
  Effect: 'Allow',
  Action: ['lambda:PutFunctionConcurrency', 'lambda:DeleteFunctionConcurrency'],
  Resource: one(names.map(fn)),
});
const tuneMemory = (...names: string[]) => ({
  Sid: 'TuneMemory',
  Effect: 'Allow',
  Action: ['lambda:UpdateFunctionConfiguration', 'lambda:PublishVersion', 'lambda:UpdateAlias'],
  Resource: one(names.map(fn)),
});

describe('the tuner role, per knob', () => {
  it('provisioned concurrency only: PC writes on the target’s qualified ARNs, nothing else writable', () => {
    // Act
    const policy = tunerPolicy(tunerStack([{ name: 'ocr', tune: ['provisionedConcurrency'] }]));

    // Assess
    expect(policy.Statement).toEqual([
      logs,
      readTargets('ocr'),
      readAccount,
      readMetrics,
      tuneProvisioned(`${fn('ocr')}:*`),
      ...reports,
    ]);
  });

  it('reserved concurrency only: PutFunctionConcurrency on the function ARN, no PC, no memory', () => {
    // Act
    const policy = tunerPolicy(tunerStack([{ name: 'ocr', tune: ['reservedConcurrency'] }]));

    // Assess
    expect(policy.Statement).toEqual([
      logs,
      readTargets('ocr'),
      readAccount,
      readMetrics,
      tuneReserved('ocr'),
      ...reports,
    ]);
  });

  it('memory only: update, publish and alias moves, and PC (it moves to the new version)', () => {
    // Act
    const policy = tunerPolicy(tunerStack([{ name: 'ocr', tune: ['memory'] }]));

    // Assess
    expect(policy.Statement).toEqual([
      logs,
      readTargets('ocr'),
      readAccount,
      readMetrics,
      tuneProvisioned(`${fn('ocr')}:*`),
      tuneMemory('ocr'),
      ...reports,
    ]);
  });

  it('mixed targets: each write only on the targets tuning its knob', () => {
    // Act
    const policy = tunerPolicy(
      tunerStack([
        { name: 'ocr' },
        { name: 'fraud', tune: ['provisionedConcurrency'] },
        { name: 'rank', tune: ['reservedConcurrency'] },
      ]),
    );

    // Assess
    expect(policy.Statement).toEqual([
      logs,
      readTargets('ocr', 'fraud', 'rank'),
      readAccount,
      readMetrics,
      tuneProvisioned(`${fn('ocr')}:*`, `${fn('fraud')}:*`),
      tuneReserved('ocr', 'rank'),
      tuneMemory('ocr'),
      ...reports,
    ]);
  });

  it('a config in SSM: GetParameter on that parameter only', () => {
    // Act
    const policy = tunerPolicy(
      tunerStack([{ name: 'ocr', tune: ['reservedConcurrency'] }], { configSource: 'ssm' }),
    );

    // Assess
    expect(policy.Statement.at(-1)).toEqual({
      Sid: 'ReadConfigParameter',
      Effect: 'Allow',
      Action: 'ssm:GetParameter',
      Resource: `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/tunerconfigc9b7a0c8`,
    });
    expect(policy.Statement.filter((s) => JSON.stringify(s).includes('ssm:'))).toHaveLength(1);
  });
});
