import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runThermostatCli } from '../support/childProcess.ts';

const POLICIES = [
  'on-demand',
  'static-peak',
  'target-tracking',
  'target-tracking-max',
  'scheduled',
  'power-tuning',
  'power-tuning-balanced',
  'thermostat',
  'robust-floor',
  'oracle',
];

describe('the demo job (npm start), end to end', () => {
  let outDir = '';
  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'thermostat-demo-'));
  });
  afterAll(async () => {
    await rm(outDir, { recursive: true, force: true });
  });

  it('profiles the OCR example for real, backtests every policy, prints and writes the report', async () => {
    // Prepare: the real code path with a smaller profile and only the sparse function.

    // Act
    const run = await runThermostatCli([
      'demo',
      '--cold',
      '1',
      '--warm',
      '5',
      '--functions',
      'sparse',
      '--out-dir',
      outDir,
      '--no-progress',
    ]);

    // Assess: the printed tables
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Profile: ocr-detector @ \d+ MB/);
    expect(run.stdout).toMatch(/SLO: p99 ≤ \d+ ms per 5-min window: /);
    expect(run.stdout).toMatch(/SPARSE: 2,666 requests a day/);
    for (const policy of POLICIES)
      expect(run.stdout).toMatch(new RegExp(`\\n${policy}\\s+\\d+/60`));
    expect(run.stdout).toMatch(/windows ok = 5-min windows/);
    expect(run.stdout).toMatch(/scheduled: the trace holds one day.*flatters it/);

    // Assess: the report files
    const [runId] = await readdir(outDir);
    expect(runId).toMatch(/^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ$/);
    const directory = join(outDir, runId as string);
    const json = JSON.parse(await readFile(join(directory, 'report.json'), 'utf8'));
    expect(json).toMatchObject({ kind: 'lambda-thermostat.demo', version: 1 });
    const cycles = await readdir(join(directory, 'cycles', 'sparse', 'reports'));
    expect(cycles.length).toBeGreaterThan(280);
    expect(json.backtests[0].cycleReports).toBe(join('cycles', 'sparse'));
    expect(json.backtests[0].history.cycles).toBe(cycles.length);
    expect(json.profile).toMatchObject({ name: 'ocr-detector', maxThreads: 1 });
    expect(json.profile.initMs).toHaveLength(1);
    expect(json.profile.serviceMs).toHaveLength(5);
    expect(json.backtests).toHaveLength(1);
    expect(json.backtests[0].role).toBe('sparse');
    expect(json.backtests[0].result.policies.map((p: { policy: string }) => p.policy)).toEqual(
      POLICIES,
    );
    expect(json.backtests[0].result.sloP99Ms).toBe(json.slo.p99Ms);
    const markdown = await readFile(join(directory, 'report.md'), 'utf8');
    expect(markdown).toMatch(/^# lambda-thermostat demo /);
    expect(markdown).toMatch(/## sparse: 074d7db5/);
    expect(markdown).toContain('| policy | windows ok |');
    expect(markdown).toMatch(/`oracle` is the floor on cost/);
    expect(markdown).toMatch(/`robust-floor` is the fair floor/);
    expect(markdown).toMatch(/`scheduled`.*flatters it/);
    expect(run.stdout).toContain(`Report: ${join(directory, 'report.md')}`);
    const html = await readFile(join(directory, 'index.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<h2>sparse: 074d7db5');
    expect(html).toContain('sparse: the thermostat’s');
    expect(markdown).toMatch(
      /The thermostat's \d+ cycles \(cycle reports in `cycles\/sparse\/`\): met \d+\/\d+ windows/,
    );
    expect(run.stdout).toMatch(
      new RegExp(
        `Open ${join(directory, 'index.html').replaceAll('.', '\\.')} in a browser \\(\\d\\.\\d\\d MB`,
      ),
    );
  }, 300_000);
});
