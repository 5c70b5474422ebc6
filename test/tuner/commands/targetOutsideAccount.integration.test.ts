/**
 * `thermostat apply` against moto with a target named by the ARN of another account: the
 * credentials are for moto's account 123456789012, which holds a function of the same name that
 * the planner would give more memory. The target is refused before any call for it, nothing
 * changes, the exit code says so; the same function by the ARN of its own account is changed.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetFunctionConfigurationCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCycleCommand } from '../../../tuner/commands/cycleCommand.ts';
import type { CycleReport } from '../../../tuner/cycle/cycleReport.ts';
import { useMotoServer } from '../../support/moto.ts';
import { CYCLE_NOW_MS, deployOcrWithAnHourOfMetrics } from './support/motoDeployment.ts';

const moto = useMotoServer();

describe.skipIf(moto.skipped)('thermostat apply on a target outside the account', () => {
  let directory = '';

  beforeEach(async () => {
    await moto.reset();
    directory = await mkdtemp(join(tmpdir(), 'thermostat-account-'));
    await deployOcrWithAnHourOfMetrics(moto);
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  async function apply(
    arn: string,
  ): Promise<{ code: number; stdout: string; report: CycleReport }> {
    const config = join(directory, 'thermostat.yaml');
    await writeFile(
      config,
      [
        'mode: apply',
        'targets:',
        `  - function: ${arn}`,
        '    slo: { p99Ms: 120 }',
        '    bounds: { memoryMb: [512, 2048], provisionedConcurrency: [0, 0] }',
        '',
      ].join('\n'),
    );
    const reportDir = join(directory, 'reports');
    let stdout = '';
    const code = await runCycleCommand(
      'apply',
      { config, reportDir, endpoint: moto.endpoint, region: 'us-east-1' },
      {
        stdout: (text) => {
          stdout += text;
        },
        stderr: () => {},
        aws: { credentials: moto.clientConfig().credentials, maxAttempts: 2 },
        clock: { now: () => CYCLE_NOW_MS, sleep: async () => {} },
        plannerOptions: { replications: 4 },
      },
    );
    const report: CycleReport = JSON.parse(await readFile(join(reportDir, 'latest.json'), 'utf8'));
    return { code, stdout, report };
  }

  const memoryOfOcr = async () =>
    (
      await new LambdaClient(moto.clientConfig()).send(
        new GetFunctionConfigurationCommand({ FunctionName: 'ocr', Qualifier: 'live' }),
      )
    ).MemorySize;

  it('refuses the target, changes nothing and exits 2', async () => {
    // Act
    const { code, stdout, report } = await apply(
      'arn:aws:lambda:us-east-1:999999999999:function:ocr:live',
    );

    // Assess
    expect(code).toBe(2);
    expect(report.targets[0]?.plan.status).toBe('error');
    expect(report.targets[0]?.results).toEqual([]);
    expect(JSON.stringify(report)).toContain(
      'it is in account 999999999999 and the credentials are for account 123456789012; refused',
    );
    expect(stdout).toContain('TargetOutsideAccountError');
    expect(await memoryOfOcr()).toBe(1024);
  });

  it('changes the function named by the ARN of its own account', async () => {
    // Act
    const { code, report } = await apply('arn:aws:lambda:us-east-1:123456789012:function:ocr:live');

    // Assess
    expect(code).toBe(0);
    expect(report.targets[0]?.results.map((r) => r.status)).toContain('applied');
    expect(await memoryOfOcr()).toBeGreaterThan(1024);
  });
});
