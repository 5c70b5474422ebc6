/**
 * Where the sharded cycle's functions find their config: `THERMOSTAT_CONFIG_S3` (an
 * s3://bucket/key object, no size limit) and the shard loader over `THERMOSTAT_SHARD_CONFIGS`;
 * and how a fleet is cut into shards (tuner/aws/shards/shardRanges.ts).
 */

import { GetObjectCommand, type GetObjectCommandOutput, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import {
  loadTunerConfig,
  TunerConfigSourceError,
} from '../../../../tuner/aws/cycle/tunerConfigSource.ts';
import { shardConfigLoader } from '../../../../tuner/aws/shards/shardHandler.ts';
import { ShardRangeError, shardRanges } from '../../../../tuner/aws/shards/shardRanges.ts';
import { ConfigError } from '../../../../tuner/core/config/configError.ts';

const s3 = mockClient(S3Client);
const AWS = { region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
// The one method of a GetObject body the reader calls.
const body = (text: string) =>
  ({ transformToString: async () => text }) as unknown as GetObjectCommandOutput['Body'];
const CONFIG = JSON.stringify({
  targets: [{ function: 'ocr', alias: 'live', slo: { p99Ms: 300 } }],
  reports: { s3: 's3://reports/thermostat/' },
});

afterEach(() => {
  s3.reset();
});

describe('THERMOSTAT_CONFIG_S3', () => {
  it('reads and validates the object it names', async () => {
    // Prepare
    s3.on(GetObjectCommand, { Bucket: 'reports', Key: 'cfg/x/shard-0000.json' }).resolves({
      Body: body(CONFIG),
    });

    // Act
    const { config, source } = await loadTunerConfig(
      { THERMOSTAT_CONFIG_S3: 's3://reports/cfg/x/shard-0000.json' },
      { aws: AWS },
    );

    // Assess
    expect(config.targets.map((t) => t.ref.functionName)).toEqual(['ocr']);
    expect(source).toBe('THERMOSTAT_CONFIG_S3=s3://reports/cfg/x/shard-0000.json');
  });

  it('names the variable and the object when it is missing, unreadable, not a URL or invalid', async () => {
    // Prepare
    s3.on(GetObjectCommand, { Key: 'missing.json' }).rejects(
      Object.assign(new Error('The specified key does not exist.'), { name: 'NoSuchKey' }),
    );
    s3.on(GetObjectCommand, { Key: 'denied.json' }).rejects(
      Object.assign(new Error('Access Denied'), { name: 'AccessDenied' }),
    );
    s3.on(GetObjectCommand, { Key: 'bad.json' }).resolves({ Body: body('{"targets": 3}') });
    const load = (url: string) => loadTunerConfig({ THERMOSTAT_CONFIG_S3: url }, { aws: AWS });

    // Act & Assess
    await expect(load('s3://b/missing.json')).rejects.toThrow(
      /THERMOSTAT_CONFIG_S3: s3:\/\/b\/missing.json is missing or empty/,
    );
    await expect(load('s3://b/denied.json')).rejects.toThrow(
      /THERMOSTAT_CONFIG_S3: cannot read s3:\/\/b\/denied.json \(AccessDenied: Access Denied\)/,
    );
    await expect(load('s3://b/')).rejects.toThrow(TunerConfigSourceError);
    await expect(load('https://b/x.json')).rejects.toThrow(/is not an s3:\/\/bucket\/key URL/);
    const invalid = await load('s3://b/bad.json').catch((e: Error) => e);
    expect(invalid).toBeInstanceOf(ConfigError);
    expect(String(invalid)).toContain('s3://b/bad.json (THERMOSTAT_CONFIG_S3)');
  });

  it('is one source among the others: two set at once is an error', async () => {
    await expect(
      loadTunerConfig({ THERMOSTAT_CONFIG_S3: 's3://b/k.json', THERMOSTAT_CONFIG: CONFIG }),
    ).rejects.toThrow(/several tuner config sources are set/);
  });
});

describe('the shard config loader', () => {
  it('reads shard-<n>.json under THERMOSTAT_SHARD_CONFIGS', async () => {
    // Prepare
    s3.on(GetObjectCommand, {
      Bucket: 'reports',
      Key: 'lambda-thermostat-config/t/shard-0012.json',
    }).resolves({ Body: body(CONFIG) });

    // Act
    const { source } = await shardConfigLoader(
      { THERMOSTAT_SHARD_CONFIGS: 's3://reports/lambda-thermostat-config/t' },
      AWS,
    )(12);

    // Assess
    expect(source).toBe(
      'THERMOSTAT_CONFIG_S3=s3://reports/lambda-thermostat-config/t/shard-0012.json',
    );
  });

  it('says which variable to set when there is none', async () => {
    await expect(shardConfigLoader({}, AWS)(0)).rejects.toThrow(
      /no shard configs: set THERMOSTAT_SHARD_CONFIGS/,
    );
  });
});

describe('cutting a fleet into shards', () => {
  it('makes the fewest shards of at most the maximum, sizes within one of each other', () => {
    // Act
    const ranges = shardRanges(250, 100);

    // Assess
    expect(ranges).toEqual([
      { index: 0, first: 0, count: 84 },
      { index: 1, first: 84, count: 83 },
      { index: 2, first: 167, count: 83 },
    ]);
    expect(shardRanges(100, 100)).toEqual([{ index: 0, first: 0, count: 100 }]);
    expect(shardRanges(10_000, 100)).toHaveLength(100);
  });

  it('covers every target exactly once, in order', () => {
    for (const [targets, max] of [
      [1, 1],
      [7, 3],
      [1001, 100],
      [9999, 250],
    ] as const) {
      const ranges = shardRanges(targets, max);
      expect(ranges.reduce((n, r) => n + r.count, 0)).toBe(targets);
      ranges.forEach((r, i) => {
        expect(r.first).toBe(
          i === 0 ? 0 : (ranges[i - 1]?.first ?? 0) + (ranges[i - 1]?.count ?? 0),
        );
        expect(r.count).toBeLessThanOrEqual(max);
      });
    }
  });

  it('refuses a maximum or a fleet that is not a positive whole number, naming it', () => {
    expect(() => shardRanges(10, 0)).toThrow(ShardRangeError);
    expect(() => shardRanges(10, 0)).toThrow(/maxPerShard: must be a whole number ≥ 1, got 0/);
    expect(() => shardRanges(0, 10)).toThrow(/targets: must be a whole number ≥ 1, got 0/);
  });
});
