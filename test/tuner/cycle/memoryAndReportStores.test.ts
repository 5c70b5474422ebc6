import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { S3TunerMemoryStore } from '../../../tuner/aws/s3TunerMemoryStore.ts';
import { FileReportSink, ReportNameError } from '../../../tuner/local/fileReportSink.ts';
import { FileTunerMemoryStore } from '../../../tuner/local/fileTunerMemoryStore.ts';

const AWS = { region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
const s3 = mockClient(S3Client);

let directory = '';
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'thermostat-stores-'));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});
afterEach(() => {
  s3.reset();
});

/** The part of a GetObject body the store reads. */
function body(text: string): never {
  return { transformToString: async () => text } as never;
}

describe('FileReportSink', () => {
  it('writes under its directory, creating it, and returns the path', async () => {
    // Prepare
    const sink = new FileReportSink(join(directory, 'reports'));

    // Act
    const path = await sink.write(
      'reports/2026-11-27T12-00-00Z.json',
      '{"a":1}',
      'application/json',
    );
    await sink.write('latest.json', '{"a":2}', 'application/json');

    // Assess
    expect(path).toBe(join(directory, 'reports', 'reports', '2026-11-27T12-00-00Z.json'));
    expect(await readFile(path, 'utf8')).toBe('{"a":1}');
    expect(await readFile(join(directory, 'reports', 'latest.json'), 'utf8')).toBe('{"a":2}');
    expect((await readdir(join(directory, 'reports'))).sort()).toEqual(['latest.json', 'reports']);
  });

  it.each(['', '/etc/passwd', '../outside.json', 'a/../../b.json'])(
    'refuses the name %j',
    async (name) => {
      // Act & Assess
      await expect(
        new FileReportSink(directory).write(name, '{}', 'application/json'),
      ).rejects.toThrow(ReportNameError);
    },
  );
});

describe('FileTunerMemoryStore', () => {
  it('loads null before the first save, then what was saved', async () => {
    // Prepare
    const store = new FileTunerMemoryStore(join(directory, 'state', 'memory.json'));

    // Act
    const before = await store.load();
    await store.save('{"version":1,"targets":{}}');
    const after = await store.load();

    // Assess
    expect(before).toBeNull();
    expect(after).toBe('{"version":1,"targets":{}}');
  });

  it('throws for a path it cannot read (a directory)', async () => {
    // Act & Assess
    await expect(new FileTunerMemoryStore(directory).load()).rejects.toThrow();
  });
});

describe('S3TunerMemoryStore', () => {
  it('keeps the memory at <prefix>state/memory.json beside the reports', async () => {
    // Prepare
    s3.on(GetObjectCommand).resolves({ Body: body('{"version":1,"targets":{}}') });
    s3.on(PutObjectCommand).resolves({});
    const store = new S3TunerMemoryStore('s3://thermostat-reports/prod/', { aws: AWS });

    // Act
    const loaded = await store.load();
    await store.save('{"saved":true}');

    // Assess
    expect(store.location).toBe('s3://thermostat-reports/prod/state/memory.json');
    expect(loaded).toBe('{"version":1,"targets":{}}');
    expect(s3.commandCalls(GetObjectCommand)[0]?.args[0].input).toEqual({
      Bucket: 'thermostat-reports',
      Key: 'prod/state/memory.json',
    });
    expect(s3.commandCalls(PutObjectCommand)[0]?.args[0].input).toEqual({
      Bucket: 'thermostat-reports',
      Key: 'prod/state/memory.json',
      Body: '{"saved":true}',
      ContentType: 'application/json',
    });
  });

  it('reads a missing object as nothing stored, and throws other failures', async () => {
    // Prepare
    const store = new S3TunerMemoryStore('s3://thermostat-reports', { aws: AWS });
    const failure = (name: string) => Object.assign(new Error(name), { name });
    s3.on(GetObjectCommand).rejectsOnce(failure('NoSuchKey')).rejectsOnce(failure('AccessDenied'));

    // Act & Assess
    expect(await store.load()).toBeNull();
    await expect(store.load()).rejects.toThrow('AccessDenied');
  });
});
