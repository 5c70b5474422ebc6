/**
 * `thermostat report --from s3://bucket/prefix/` against a real S3 API (moto_server on
 * 127.0.0.1): the cycle reports the deployed handler's sink writes are listed page by page, read,
 * and turned into the history's three files; `--since` leaves the older ones unread.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { S3ReportSink } from '../../../tuner/aws/index.ts';
import { runReportCommand } from '../../../tuner/commands/report.ts';
import { cycleReportName } from '../../../tuner/cycle/reportNames.ts';
import { useMotoServer } from '../../support/moto.ts';

const moto = useMotoServer();
const MINUTE_MS = 60_000;
const BUCKET = 'thermostat-reports';
/** Cycle reports written: more than the progress bar's threshold (20). */
const CYCLES = 30;

let directory: string;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'thermostat-report-s3-'));
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe.skipIf(moto.skipped)('thermostat report from S3 (moto)', () => {
  it('reads every cycle report under the prefix and writes the history; --since reads the last only', async () => {
    // Prepare: 30 cycles five minutes apart, written as the handler's sink writes them
    await moto.reset();
    const s3 = new S3Client({ ...moto.clientConfig(), forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    const fixture = JSON.parse(await readFile('test/tuner/report/fixtures/cycle.v1.json', 'utf8'));
    const sink = new S3ReportSink(`s3://${BUCKET}/prod/`, { aws: moto.clientConfig() });
    const lastMs = fixture.generatedAtMs as number;
    for (let k = 0; k < CYCLES; k++) {
      const atMs = lastMs - (CYCLES - 1 - k) * 5 * MINUTE_MS;
      const report = { ...fixture, generatedAtMs: atMs, generatedAt: new Date(atMs).toISOString() };
      await sink.write(cycleReportName(atMs), JSON.stringify(report), 'application/json');
    }
    const out = join(directory, 'all');
    const recent = join(directory, 'recent');
    const printed: string[] = [];
    const io = {
      stdout: (t: string) => printed.push(t),
      stderr: (t: string) => printed.push(t),
      nowMs: lastMs + MINUTE_MS,
      aws: moto.clientConfig(),
    };

    // Act
    const all = await runReportCommand({ from: `s3://${BUCKET}/prod/`, out }, io);
    const lastHour = await runReportCommand(
      { from: `s3://${BUCKET}/prod/`, out: recent, since: 60 * MINUTE_MS },
      io,
    );

    // Assess
    expect([all, lastHour]).toEqual([0, 0]);
    const history = JSON.parse(await readFile(join(out, 'report.json'), 'utf8'));
    expect(history).toMatchObject({
      kind: 'lambda-thermostat.history',
      version: 1,
      cycles: CYCLES,
    });
    expect(JSON.parse(await readFile(join(recent, 'report.json'), 'utf8')).cycles).toBe(12);
    expect(await readFile(join(out, 'index.html'), 'utf8')).toContain('<h2>');
    expect(printed.join('')).toContain(`Open ${join(out, 'index.html')}`);
    // The reports are where the handler keeps them, untouched by reading.
    const first = await s3.send(
      new GetObjectCommand({
        Bucket: BUCKET,
        Key: `prod/${cycleReportName(lastMs - (CYCLES - 1) * 5 * MINUTE_MS)}`,
      }),
    );
    expect(JSON.parse((await first.Body?.transformToString()) ?? '{}').kind).toBe(
      'lambda-thermostat.cycle',
    );
  });

  it('says where it looked when the prefix holds no report, and exits 1', async () => {
    // Prepare
    await moto.reset();
    const s3 = new S3Client({ ...moto.clientConfig(), forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    const errors: string[] = [];

    // Act
    const code = await runReportCommand(
      { from: `s3://${BUCKET}/empty/`, out: join(directory, 'none') },
      { stdout: () => {}, stderr: (t) => errors.push(t), aws: moto.clientConfig() },
    );

    // Assess
    expect(code).toBe(1);
    expect(errors.join('')).toContain(`no cycle reports under s3://${BUCKET}/empty/reports/`);
  });
});
