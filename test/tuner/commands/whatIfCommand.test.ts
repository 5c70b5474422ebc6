import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Profile } from '../../../tuner/sim/index.ts';
import { runThermostatCli } from '../../support/childProcess.ts';

const OCR_PROFILE = 'examples/ocr-detector/profile.json';

describe('thermostat whatif', () => {
  let directory = '';
  let trace = '';
  let faster = '';
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'thermostat-whatif-'));
    // Half an hour of traffic, a request a second with a quiet stretch, as a plain CSV trace.
    const rows = ['timestamp_ms'];
    for (let t = 0; t < 1_800_000; t += 1000) if (t < 600_000 || t > 900_000) rows.push(String(t));
    trace = join(directory, 'hour.csv');
    await writeFile(trace, `${rows.join('\n')}\n`);
    // The OCR detector against a model twice as fast (same init).
    const ocr = JSON.parse(await readFile(OCR_PROFILE, 'utf8')) as Profile;
    faster = join(directory, 'faster.json');
    await writeFile(
      faster,
      JSON.stringify({
        ...ocr,
        name: 'ocr-detector-fast',
        serviceMs: ocr.serviceMs.map((ms) => ms / 2),
      }),
    );
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('compares the OCR profile with a faster one on the same traffic, in dollars a month', async () => {
    // Prepare
    const jsonFile = join(directory, 'out', 'whatif.json');
    // Act
    const result = await runThermostatCli([
      'whatif',
      '--trace',
      trace,
      '--profile',
      OCR_PROFILE,
      '--profile',
      faster,
      '--slo-p99-ms',
      '600',
      '--json',
      jsonFile,
      '--no-progress',
    ]);
    // Assess
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/\s+ocr-detector\s+ocr-detector-fast\n/);
    expect(result.stdout).toMatch(/model size\s+4\.5 MB\s+4\.5 MB/);
    expect(result.stdout).toMatch(/service, median \/ p99\s+111 \/ \d+ ms\s+5[56] \/ \d+ ms/);
    expect(result.stdout).toMatch(
      /ocr-detector-fast meets the SLO in (as many windows as|\d+ more windows? than) ocr-detector \(.+\) for \$[\d.,]+ less a month\./,
    );
    const json = JSON.parse(await readFile(jsonFile, 'utf8'));
    expect(json).toMatchObject({ policy: 'thermostat', sloP99Ms: 600, traceMinutes: 30 });
    expect(json.variants.map((v: { label: string }) => v.label)).toEqual([
      'ocr-detector',
      'ocr-detector-fast',
    ]);
    expect(json.variants[0].monthlyDifferenceUsd).toBe(0);
    expect(json.variants[1].monthlyDifferenceUsd).toBeLessThan(0);
    expect(json.variants[1].monthlyCostUsd).toBeCloseTo(json.variants[1].costUsd * 730 * 2, 9);
  }, 120_000);

  it('refuses a single profile, and names an unreadable one', async () => {
    // Prepare / Act
    const one = await runThermostatCli([
      'whatif',
      '--trace',
      trace,
      '--profile',
      OCR_PROFILE,
      '--slo-p99-ms',
      '600',
    ]);
    const missing = await runThermostatCli([
      'whatif',
      '--trace',
      trace,
      '--profile',
      OCR_PROFILE,
      '--profile',
      'no/such.json',
      '--slo-p99-ms',
      '600',
    ]);
    // Assess
    expect(one.code).toBe(1);
    expect(one.stderr).toMatch(/--profile: give at least two profiles to compare, got 1/);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/--profile: cannot read 'no\/such\.json' \(ENOENT\)/);
  }, 60_000);
});
