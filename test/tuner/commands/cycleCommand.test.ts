/**
 * `thermostat plan|apply` without moto: config and flag errors, the apply refusal, and an apply
 * cycle on mocked AWS (aws-sdk-client-mock intercepts the clients the command builds).
 */
import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { Command } from 'commander';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { registerApplyCommand } from '../../../tuner/commands/apply.ts';
import {
  type CycleCommandFlags,
  CycleExitCode,
  runCycleCommand,
} from '../../../tuner/commands/cycleCommand.ts';
import { registerPlanCommand } from '../../../tuner/commands/plan.ts';
import { runThermostatCli } from '../../support/childProcess.ts';
import { FakeClock, FakeLambda, lambdaError } from '../aws/support/fakeLambda.ts';

const AWS = { region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
const config = (mode: string) =>
  `mode: ${mode}\ntargets:\n  - function: ocr\n    alias: live\n    slo: { p99Ms: 300 }\n`;

let directory = '';
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'thermostat-cycle-command-'));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

async function configFile(name: string, text: string): Promise<string> {
  const path = join(directory, name);
  await writeFile(path, text);
  return path;
}

async function runCommand(kind: 'plan' | 'apply', flags: CycleCommandFlags) {
  let stdout = '';
  let stderr = '';
  const code = await runCycleCommand(kind, flags, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    aws: AWS,
    clock: new FakeClock(),
  });
  return { code, stdout, stderr };
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

describe('thermostat plan|apply: refusals', () => {
  it('prints every config problem with its path and line, exits 1 and writes nothing', async () => {
    // Prepare
    const path = await configFile(
      'bad.yaml',
      'targets:\n  - function: ocr\n    alias: $LATEST\n    slo: { p99Ms: 0 }\n',
    );
    const reportDir = join(directory, 'bad-reports');

    // Act
    const { code, stdout, stderr } = await runCommand('plan', { config: path, reportDir });

    // Assess
    expect(code).toBe(CycleExitCode.REFUSED);
    expect(stdout).toBe('');
    expect(stderr).toContain(`Invalid thermostat config ${path} (2 problems):`);
    expect(stderr).toContain('  targets[0].alias: $LATEST cannot carry provisioned concurrency');
    expect(stderr).toContain('  targets[0].slo.p99Ms: 0 is not above 0 (line 4)');
    expect(await exists(reportDir)).toBe(false);
  });

  it('names --config when the file cannot be read', async () => {
    // Act
    const { code, stderr } = await runCommand('plan', { config: join(directory, 'absent.yaml') });

    // Assess
    expect(code).toBe(CycleExitCode.REFUSED);
    expect(stderr).toBe(
      `thermostat plan: --config: cannot read '${join(directory, 'absent.yaml')}' (ENOENT)\n`,
    );
  });

  it('refuses to apply a recommend-mode config without --force-apply, before observing anything', async () => {
    // Prepare
    const path = await configFile('recommend.yaml', config('recommend'));
    const reportDir = join(directory, 'refused-reports');

    // Act
    const { code, stderr } = await runCommand('apply', { config: path, reportDir });

    // Assess
    expect(code).toBe(CycleExitCode.REFUSED);
    expect(stderr).toContain('says mode: recommend, so apply would change nothing');
    expect(stderr).toContain('--force-apply');
    expect(await exists(reportDir)).toBe(false);
  });

  it('rejects an --endpoint that is not a URL and a --region that is not one', async () => {
    // Prepare
    let stderr = '';
    const program = new Command('thermostat')
      .exitOverride()
      .configureOutput({ writeErr: (text) => (stderr += text), writeOut: () => {} });
    registerPlanCommand(program);
    registerApplyCommand(program);
    const parse = (args: string[]) =>
      program.parseAsync(args, { from: 'user' }).then(
        () => 'parsed',
        (error: Error) => error.name,
      );

    // Act
    const endpoint = await parse(['plan', '--config', 'x.yaml', '--endpoint', 'localhost:5000']);
    const region = await parse(['apply', '--config', 'x.yaml', '--region', 'Europe']);

    // Assess
    expect(endpoint).toBe('CommanderError');
    expect(region).toBe('CommanderError');
    expect(stderr).toContain("'localhost:5000' is not an http(s) URL");
    expect(stderr).toContain("'Europe' is not an AWS Region code (e.g. eu-west-1)");
  });

  it('exits 1 through the real command line on a bad config', async () => {
    // Prepare
    const path = await configFile('cli-bad.yaml', 'targets: []\n');

    // Act
    const { code, stderr } = await runThermostatCli(['plan', '--config', path]);

    // Assess
    expect(code).toBe(1);
    expect(stderr).toContain('targets: list at least one target');
  });
});

describe('thermostat apply on mocked AWS', () => {
  let lambda: FakeLambda;
  const cloudWatch = mockClient(CloudWatchClient);

  beforeEach(() => {
    lambda = new FakeLambda();
    lambda.addFunction({ name: 'ocr', pc: { on: 'version', requested: 8 } });
    cloudWatch.on(GetMetricDataCommand).resolves({ MetricDataResults: [] });
  });

  afterEach(() => {
    lambda.restore();
    cloudWatch.reset();
  });

  it('applies an apply-mode config, writes the report and memory locally, exits 0', async () => {
    // Prepare
    const path = await configFile('apply.yaml', config('apply'));
    const reportDir = join(directory, 'apply-reports');

    // Act
    const { code, stdout } = await runCommand('apply', { config: path, reportDir });

    // Assess
    expect(code).toBe(CycleExitCode.OK);
    expect(lambda.pcOn('ocr', '1')?.requested).toBe(6);
    expect(stdout).toContain('· mode apply\n');
    expect(stdout).toContain('applied: ');
    const latest = JSON.parse(await readFile(join(reportDir, 'latest.json'), 'utf8'));
    expect(latest.totals).toMatchObject({ actionsPlanned: 1, actionsApplied: 1 });
    const memory = JSON.parse(await readFile(join(reportDir, 'state', 'memory.json'), 'utf8'));
    expect(memory.targets[':ocr:live'].lastChange.provisionedConcurrency.direction).toBe('down');
  });

  it('--force-apply applies a recommend-mode config, and says so', async () => {
    // Prepare
    const path = await configFile('forced.yaml', config('recommend'));

    // Act
    const { code, stderr } = await runCommand('apply', {
      config: path,
      reportDir: join(directory, 'forced-reports'),
      forceApply: true,
    });

    // Assess
    expect(code).toBe(CycleExitCode.OK);
    expect(stderr).toContain('--force-apply: applying although the config says mode: recommend');
    expect(lambda.pcOn('ocr', '1')?.requested).toBe(6);
  });

  it('plan changes nothing even for an apply-mode config', async () => {
    // Prepare
    const path = await configFile('plan-apply.yaml', config('apply'));

    // Act
    const { code, stdout } = await runCommand('plan', {
      config: path,
      reportDir: join(directory, 'plan-reports'),
    });

    // Assess
    expect(code).toBe(CycleExitCode.OK);
    expect(lambda.writes()).toEqual([]);
    expect(stdout).toContain('dry run: would set');
  });

  it('exits 2 when an action fails, the summary saying which', async () => {
    // Prepare
    const path = await configFile('failing.yaml', config('apply'));
    lambda.failOn('PutProvisionedConcurrencyConfigCommand', lambdaError('AccessDeniedException'));

    // Act
    const { code, stdout } = await runCommand('apply', {
      config: path,
      reportDir: join(directory, 'failing-reports'),
    });

    // Assess
    expect(code).toBe(CycleExitCode.FAILURES);
    expect(stdout).toContain('FAILED: ');
    expect(stdout).toContain('AccessDeniedException');
  });
});
