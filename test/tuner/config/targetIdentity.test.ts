/**
 * Which function a target names: partitions the tuner supports, the Region an ARN's partition
 * holds, and when two targets are one function (a config error) or two (the same name in two
 * accounts).
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, formatConfigIssue, parseConfig } from '../../../tuner/core/config/index.ts';
import { targetKey } from '../../../tuner/core/ports.ts';

function problemsOf(text: string): string[] {
  try {
    parseConfig(text, { fileName: 'thermostat.yaml' });
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.issues.map(formatConfigIssue);
  }
}

const targets = (...lines: string[]) => ['targets:', ...lines.map((l) => `  - ${l}`)].join('\n');
const arnTarget = (arn: string) => `{ function: "${arn}", slo: { p99Ms: 300 } }`;

describe('target partitions', () => {
  it('refuses a partition other than aws, aws-cn and aws-us-gov', () => {
    // Act
    const problems = problemsOf(
      targets(arnTarget('arn:aws-iso:lambda:us-iso-east-1:123456789012:function:ocr:live')),
    );

    // Assess
    expect(problems).toEqual([
      'targets[0].function: partition "aws-iso" is not supported (expected aws, aws-cn, aws-us-gov) (line 2)',
    ]);
  });

  it('refuses an ARN whose Region is not in its partition', () => {
    // Act
    const problems = problemsOf(
      targets(arnTarget('arn:aws-cn:lambda:us-east-1:123456789012:function:ocr:live')),
    );

    // Assess
    expect(problems).toEqual([
      'targets[0].function: Region "us-east-1" is not in partition "aws-cn" (it is in "aws") (line 2)',
    ]);
  });

  it('refuses a Region of an isolated partition', () => {
    // Act
    const problems = problemsOf(
      `region: us-iso-east-1\n${targets('{ function: ocr, alias: live, slo: { p99Ms: 300 } }')}`,
    );

    // Assess
    expect(problems).toEqual([
      'region: "us-iso-east-1" is in an isolated partition (supported: aws, aws-cn, aws-us-gov) (line 1)',
    ]);
  });

  it('accepts GovCloud and China ARNs and keeps account and partition on the ref', () => {
    // Act
    const config = parseConfig(
      targets(
        arnTarget('arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:ocr:live'),
        arnTarget('arn:aws-cn:lambda:cn-north-1:123456789012:function:ocr:live'),
      ),
    );

    // Assess
    expect(config.targets.map((t) => t.ref)).toEqual([
      {
        functionName: 'ocr',
        qualifier: 'live',
        region: 'us-gov-west-1',
        accountId: '123456789012',
        partition: 'aws-us-gov',
      },
      {
        functionName: 'ocr',
        qualifier: 'live',
        region: 'cn-north-1',
        accountId: '123456789012',
        partition: 'aws-cn',
      },
    ]);
  });
});

describe('duplicate targets', () => {
  it('are a name with an alias and the equivalent ARN, also without a Region in the config', () => {
    // Act
    const problems = problemsOf(
      targets(
        '{ function: ocr, alias: live, slo: { p99Ms: 300 } }',
        arnTarget('arn:aws:lambda:us-east-1:123456789012:function:ocr:live'),
      ),
    );

    // Assess
    expect(problems).toEqual([
      "targets[1]: duplicates targets[0] (ocr:live): a target without a Region runs in the default one, and a target without an account is in the caller's (line 3)",
    ]);
  });

  it('are not the same name in two accounts, which get keys of their own', () => {
    // Act
    const config = parseConfig(
      targets(
        arnTarget('arn:aws:lambda:us-east-1:123456789012:function:ocr:live'),
        arnTarget('arn:aws:lambda:us-east-1:210987654321:function:ocr:live'),
      ),
    );

    // Assess
    const keys = config.targets.map((t) => targetKey(t.ref));
    expect(keys).toEqual(['123456789012/us-east-1:ocr:live', '210987654321/us-east-1:ocr:live']);
  });

  it('are not the same name in two Regions', () => {
    // Act
    const config = parseConfig(
      targets(
        '{ function: ocr, alias: live, region: eu-west-1, slo: { p99Ms: 300 } }',
        arnTarget('arn:aws:lambda:us-east-1:123456789012:function:ocr:live'),
      ),
    );

    // Assess
    expect(config.targets).toHaveLength(2);
  });

  it('tuning reserved concurrency of one function twice is refused across name and ARN', () => {
    // Act
    const problems = problemsOf(
      targets(
        '{ function: ocr, alias: live, slo: { p99Ms: 300 } }',
        arnTarget('arn:aws:lambda:us-east-1:123456789012:function:ocr:canary'),
      ),
    );

    // Assess
    expect(problems).toEqual([
      'targets[1].tune: reservedConcurrency is set per function and targets[0] already tunes it for "ocr" (line 3)',
    ]);
  });
});
