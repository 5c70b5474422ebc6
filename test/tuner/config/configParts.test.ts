import { describe, expect, it } from 'vitest';
import { closestName } from '../../../tuner/core/config/closestName.ts';
import { formatConfigPath } from '../../../tuner/core/config/configPath.ts';
import { parseFunctionArn, parseS3Url, parseSchedule } from '../../../tuner/core/config/index.ts';

describe('parseFunctionArn', () => {
  it('splits qualified and unqualified ARNs, in any partition', () => {
    // Act
    const qualified = parseFunctionArn('arn:aws:lambda:eu-west-1:123456789012:function:ocr:live');
    const plain = parseFunctionArn('arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:ocr');

    // Assess
    expect(qualified).toEqual({
      partition: 'aws',
      region: 'eu-west-1',
      accountId: '123456789012',
      functionName: 'ocr',
      qualifier: 'live',
    });
    expect(plain).toEqual({
      partition: 'aws-us-gov',
      region: 'us-gov-west-1',
      accountId: '123456789012',
      functionName: 'ocr',
    });
  });

  it('returns null for anything else', () => {
    // Act
    const results = [
      'ocr',
      'arn:aws:lambda:eu-west-1:12345:function:ocr',
      'arn:aws:s3:::bucket',
      'arn:aws:lambda:eu-west-1:123456789012:layer:x:1',
    ].map(parseFunctionArn);

    // Assess
    expect(results).toEqual([null, null, null, null]);
  });
});

describe('parseS3Url', () => {
  it('normalises the prefix to end in a slash', () => {
    // Act & Assess
    expect(parseS3Url('s3://my-bucket/a/b')).toEqual({ bucket: 'my-bucket', prefix: 'a/b/' });
    expect(parseS3Url('s3://my-bucket/a/')).toEqual({ bucket: 'my-bucket', prefix: 'a/' });
    expect(parseS3Url('s3://my-bucket/')).toEqual({ bucket: 'my-bucket', prefix: '' });
    expect(parseS3Url('s3://my-bucket')).toEqual({ bucket: 'my-bucket', prefix: '' });
  });

  it('refuses other schemes and invalid bucket names', () => {
    // Act & Assess
    expect(parseS3Url('https://my-bucket/a')).toBeNull();
    expect(parseS3Url('s3://My_Bucket/a')).toBeNull();
    expect(parseS3Url('s3://ab/a')).toBeNull();
    expect(parseS3Url('s3://a..b/a')).toBeNull();
  });
});

describe('parseSchedule', () => {
  it('accepts what EventBridge accepts', () => {
    // Act & Assess
    expect(parseSchedule('rate(1 minute)')).toEqual({ kind: 'rate', minutes: 1 });
    expect(parseSchedule('rate(5 minutes)')).toEqual({ kind: 'rate', minutes: 5 });
    expect(parseSchedule('rate(2 hours)')).toEqual({ kind: 'rate', minutes: 120 });
    expect(parseSchedule('rate(1 day)')).toEqual({ kind: 'rate', minutes: 1440 });
    expect(parseSchedule('cron(0/5 * * * ? *)')).toEqual({
      kind: 'cron',
      expression: 'cron(0/5 * * * ? *)',
    });
  });

  it('refuses what EventBridge refuses', () => {
    // Act & Assess
    for (const text of [
      'rate(1 minutes)',
      'rate(5 minute)',
      'rate(0 minutes)',
      'every 5 minutes',
      'cron(* * *)',
    ]) {
      expect(parseSchedule(text)).toBeNull();
    }
  });
});

describe('formatConfigPath and closestName', () => {
  it('writes paths the way users read them', () => {
    // Act & Assess
    expect(formatConfigPath([])).toBe('(config)');
    expect(formatConfigPath(['targets', 1, 'bounds', 'memoryMb'])).toBe(
      'targets[1].bounds.memoryMb',
    );
    expect(formatConfigPath(['targets', 0, 'odd key'])).toBe('targets[0]["odd key"]');
  });

  it('guesses close names only', () => {
    // Act & Assess
    expect(closestName('aliass', ['function', 'alias', 'slo'])).toBe('alias');
    expect(closestName('Tune', ['tune', 'paused'])).toBe('tune');
    expect(closestName('xyz', ['function', 'alias'])).toBeUndefined();
  });
});
