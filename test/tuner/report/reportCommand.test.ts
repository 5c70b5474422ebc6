import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runReportCommand } from '../../../tuner/commands/report.ts';
import { cycleReportName } from '../../../tuner/cycle/reportNames.ts';

const MINUTE_MS = 60_000;
const s3 = mockClient(S3Client);
let directory: string;
let fixture: { generatedAtMs: number; generatedAt: string };

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: {
      stdout: (t: string) => out.push(t),
      stderr: (t: string) => err.push(t),
      nowMs: fixture.generatedAtMs + 10 * MINUTE_MS,
    },
  };
}

/** The fixture cycle, `minutesAgo` before the fixture's own time, as the tuner names it. */
async function writeCycle(root: string, minutesBefore: number, change: object = {}) {
  const atMs = fixture.generatedAtMs - minutesBefore * MINUTE_MS;
  const report = {
    ...fixture,
    generatedAtMs: atMs,
    generatedAt: new Date(atMs).toISOString(),
    ...change,
  };
  const path = join(root, cycleReportName(atMs));
  await mkdir(join(root, 'reports'), { recursive: true });
  await writeFile(path, JSON.stringify(report));
  return JSON.stringify(report);
}

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'thermostat-report-command-'));
  fixture = JSON.parse(await readFile('test/tuner/report/fixtures/cycle.v1.json', 'utf8'));
});

afterEach(async () => {
  s3.reset();
  await rm(directory, { recursive: true, force: true });
});

describe('thermostat report', () => {
  it('writes index.html, report.md and report.json from a directory of cycle reports', async () => {
    // Prepare
    const from = join(directory, 'tuner');
    for (const ago of [0, 5, 10]) await writeCycle(from, ago);
    const out = join(directory, 'out');
    const run = io();

    // Act
    const code = await runReportCommand({ from, out }, run.io);

    // Assess
    expect(code).toBe(0);
    const history = JSON.parse(await readFile(join(out, 'report.json'), 'utf8'));
    expect(history).toMatchObject({ kind: 'lambda-thermostat.history', version: 1, cycles: 3 });
    expect(await readFile(join(out, 'index.html'), 'utf8')).toMatch(/^<!doctype html>/);
    expect(await readFile(join(out, 'report.md'), 'utf8')).toMatch(
      /^# lambda-thermostat: tuning report/,
    );
    expect(run.out.join('')).toContain(`Open ${join(out, 'index.html')} (0.`);
    expect(run.out.join('')).toMatch(/\(0\.\d\d MB, no network needed\)/);
  });

  it('reads only the reports of the last --since', async () => {
    // Prepare
    const from = join(directory, 'tuner');
    for (const ago of [0, 5, 120]) await writeCycle(from, ago);
    const out = join(directory, 'out');

    // Act
    const code = await runReportCommand({ from, out, since: 60 * MINUTE_MS }, io().io);

    // Assess
    expect(code).toBe(0);
    expect(JSON.parse(await readFile(join(out, 'report.json'), 'utf8')).cycles).toBe(2);
  });

  it('says where it looked when there is no report, and exits 1', async () => {
    // Prepare
    const run = io();

    // Act
    const code = await runReportCommand({ from: directory, out: join(directory, 'out') }, run.io);

    // Assess
    expect(code).toBe(1);
    expect(run.err.join('')).toBe(
      `thermostat report: no cycle reports under ${directory}/reports/: the tuner writes one per cycle there (reports/<time>.json)\n`,
    );
  });

  it('names the report of an unknown version, and exits 1', async () => {
    // Prepare
    const from = join(directory, 'tuner');
    await writeCycle(from, 0);
    await writeCycle(from, 5, { version: 7 });
    const run = io();

    // Act
    const code = await runReportCommand({ from, out: join(directory, 'out') }, run.io);

    // Assess
    expect(code).toBe(1);
    expect(run.err.join('')).toContain(
      `${cycleReportName(fixture.generatedAtMs - 5 * MINUTE_MS)}: lambda-thermostat.cycle version 7 is unknown`,
    );
  });

  it('reads an S3 prefix page by page', async () => {
    // Prepare
    const bodies = new Map<string, string>();
    for (const ago of [0, 5]) {
      const atMs = fixture.generatedAtMs - ago * MINUTE_MS;
      bodies.set(`prod/${cycleReportName(atMs)}`, await writeCycle(directory, ago));
    }
    const [first, second] = [...bodies.keys()];
    s3.on(ListObjectsV2Command, { ContinuationToken: undefined }).resolves({
      Contents: [{ Key: first }],
      IsTruncated: true,
      NextContinuationToken: 'page-2',
    });
    s3.on(ListObjectsV2Command, { ContinuationToken: 'page-2' }).resolves({
      Contents: [{ Key: second }],
      IsTruncated: false,
    });
    s3.on(GetObjectCommand).callsFake((input: { Key: string }) => ({
      Body: { transformToString: async () => bodies.get(input.Key) ?? '' },
    }));
    const out = join(directory, 'out');

    // Act
    const code = await runReportCommand(
      { from: 's3://thermostat-reports/prod/', out },
      {
        ...io().io,
        aws: { region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } },
      },
    );

    // Assess
    expect(code).toBe(0);
    expect(s3.commandCalls(ListObjectsV2Command)[0]?.args[0].input.Prefix).toBe('prod/reports/');
    expect(JSON.parse(await readFile(join(out, 'report.json'), 'utf8')).cycles).toBe(2);
  });
});
