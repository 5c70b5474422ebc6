import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { ReportLocationError, S3ReportSink } from '../../../tuner/aws/index.ts';

const s3 = mockClient(S3Client);
const AWS = { region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };

afterEach(() => {
  s3.reset();
});

describe('S3ReportSink', () => {
  it('writes under the URL prefix and returns the object URL', async () => {
    // Prepare
    s3.on(PutObjectCommand).resolves({});
    const sink = new S3ReportSink('s3://thermostat-reports/prod', { aws: AWS });

    // Act
    const location = await sink.write(
      '2026-11-27T12-00Z/report.json',
      '{"ok":true}',
      'application/json',
    );

    // Assess
    expect(location).toBe('s3://thermostat-reports/prod/2026-11-27T12-00Z/report.json');
    expect(s3.commandCalls(PutObjectCommand)[0]?.args[0].input).toEqual({
      Bucket: 'thermostat-reports',
      Key: 'prod/2026-11-27T12-00Z/report.json',
      Body: '{"ok":true}',
      ContentType: 'application/json',
    });
  });

  it('refuses URLs and names it cannot write', async () => {
    // Prepare
    const sink = new S3ReportSink('s3://thermostat-reports/', { aws: AWS });

    // Act & Assess
    expect(() => new S3ReportSink('https://thermostat-reports/')).toThrow(ReportLocationError);
    await expect(sink.write('../escape.json', '{}', 'application/json')).rejects.toThrow(
      ReportLocationError,
    );
    await expect(sink.write('/abs.json', '{}', 'application/json')).rejects.toThrow(
      ReportLocationError,
    );
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0);
  });

  it('lets an S3 error through to the caller', async () => {
    // Prepare
    const denied = new Error('Access Denied');
    denied.name = 'AccessDenied';
    s3.on(PutObjectCommand).rejects(denied);
    const sink = new S3ReportSink('s3://thermostat-reports/', { aws: AWS });

    // Act
    const act = sink.write('r.json', '{}', 'application/json');

    // Assess
    await expect(act).rejects.toThrow('Access Denied');
  });
});
