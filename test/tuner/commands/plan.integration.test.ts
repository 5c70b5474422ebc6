/**
 * `thermostat plan` against a real moto_server: a deployed alias with a published version, an
 * hour of CloudWatch datapoints, then the command (its exported function, the same the CLI runs)
 * with `--endpoint`. moto has no provisioned-concurrency API and no percentile statistics: the
 * endpoint flag selects the emulator profile (PC API off, p99 read as Maximum, p50 as Average).
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  GetAliasCommand,
  GetFunctionConcurrencyCommand,
  GetFunctionConfigurationCommand,
  LambdaClient,
  ListVersionsByFunctionCommand,
} from '@aws-sdk/client-lambda';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCycleCommand } from '../../../tuner/commands/cycleCommand.ts';
import { useMotoServer } from '../../support/moto.ts';
import { CYCLE_NOW_MS, deployOcrWithAnHourOfMetrics } from './support/motoDeployment.ts';

const moto = useMotoServer();

describe.skipIf(moto.skipped)('thermostat plan against moto', () => {
  let directory = '';
  let lambda: LambdaClient;

  beforeEach(async () => {
    await moto.reset();
    directory = await mkdtemp(join(tmpdir(), 'thermostat-plan-'));
    lambda = new LambdaClient(moto.clientConfig());
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('prints a summary, writes the report and memory, and changes nothing in AWS', async () => {
    // Prepare
    const nowMs = CYCLE_NOW_MS;
    await deployOcrWithAnHourOfMetrics(moto, nowMs);
    const config = join(directory, 'thermostat.yaml');
    await writeFile(
      config,
      [
        'mode: apply # plan must still change nothing',
        'targets:',
        '  - function: ocr',
        '    alias: live',
        '    slo: { p99Ms: 120 }',
        '    bounds: { memoryMb: [512, 2048], provisionedConcurrency: [0, 10] }',
        '',
      ].join('\n'),
    );
    const reportDir = join(directory, 'reports');
    let stdout = '';
    let stderr = '';

    // Act
    const code = await runCycleCommand(
      'plan',
      { config, reportDir, endpoint: moto.endpoint, region: 'us-east-1' },
      {
        stdout: (text) => {
          stdout += text;
        },
        stderr: (text) => {
          stderr += text;
        },
        aws: { credentials: moto.clientConfig().credentials, maxAttempts: 2 },
        clock: { now: () => nowMs, sleep: async () => {} },
        plannerOptions: { replications: 4 },
      },
    );

    // Assess: the summary
    expect(code, stderr).toBe(0);
    expect(stderr).toContain('says mode: apply; plan runs in recommend mode and changes nothing');
    expect(stdout).toContain('mode recommend (dry run: nothing changed)');
    expect(stdout).toContain(
      '| Target | Observed p99 / target | Current → planned | Action | Predicted p99 | Cost/h |',
    );
    expect(stdout).toMatch(/\| ocr:live \| 150 \/ 120 ms ✗ \| 1024 MB, PC 0, RC 50 → /);
    expect(stdout).toContain('dry run: would change memory of ocr:live: 1024 →');
    expect(stdout).toContain('account concurrency unreadable');

    // Assess: the report and the memory, on disk
    const latest = JSON.parse(await readFile(join(reportDir, 'latest.json'), 'utf8'));
    expect(latest).toMatchObject({ status: 'completed', mode: 'recommend', dryRun: true });
    expect(latest.targets[0].state).toMatchObject({
      memoryMb: 1024,
      aliasVersion: '1',
      reservedConcurrency: 50,
    });
    expect(latest.targets[0].observed.requestsLastHour).toBeGreaterThan(0);
    expect(latest.targets[0].plan.status).toBe('planned');
    expect(latest.targets[0].plan.actions.length).toBeGreaterThan(0);
    for (const result of latest.targets[0].results) {
      expect(result.status).toBe('skipped');
      expect(result.detail).toMatch(/^dry run: /);
    }
    expect(await readdir(join(reportDir, 'reports'))).toHaveLength(1);
    const memory = JSON.parse(await readFile(join(reportDir, 'state', 'memory.json'), 'utf8'));
    expect(Object.keys(memory.targets)).toEqual([':ocr:live']);

    // Assess: nothing changed in moto
    const viaAlias = await lambda.send(
      new GetFunctionConfigurationCommand({ FunctionName: 'ocr', Qualifier: 'live' }),
    );
    expect(viaAlias).toMatchObject({ Version: '1', MemorySize: 1024 });
    const alias = await lambda.send(new GetAliasCommand({ FunctionName: 'ocr', Name: 'live' }));
    expect(alias.FunctionVersion).toBe('1');
    const versions = await lambda.send(new ListVersionsByFunctionCommand({ FunctionName: 'ocr' }));
    expect(versions.Versions?.map((v) => v.Version)).toEqual(['$LATEST', '1']);
    const reserved = await lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: 'ocr' }));
    expect(reserved.ReservedConcurrentExecutions).toBe(50);
  });
});
