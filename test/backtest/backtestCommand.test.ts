import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerBacktestCommand } from '../../tuner/commands/backtest.ts';
import { errorLine } from '../../tuner/commands/optionFlags.ts';
import { runProcess, runThermostatCli } from '../support/childProcess.ts';

const TRACE = 'examples/traces/azure2019/100_inv.csv';
const PROFILE = 'test/backtest/fixtures/profile.json';

/** Parses a backtest command line in process; returns the error and what commander wrote. */
async function parseFailure(args: string[]): Promise<{ error: Error; stderr: string }> {
  let stderr = '';
  const program = new Command('thermostat')
    .exitOverride()
    .configureOutput({ writeErr: (text) => (stderr += text), writeOut: () => {} });
  registerBacktestCommand(program);
  const error = await program.parseAsync(['backtest', ...args], { from: 'user' }).then(
    () => {
      throw new Error('expected the command to fail');
    },
    (e: Error) => e,
  );
  return { error, stderr };
}

const required = ['--trace', TRACE, '--profile', PROFILE, '--slo-p99-ms', '200'];

describe('thermostat backtest: the documented command line', () => {
  let directory = '';
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'thermostat-backtest-'));
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('runs through npm on the bundled trace and writes the JSON document exactly', async () => {
    // Prepare
    const jsonFile = join(directory, 'nested', 'backtest.json');

    // Act
    const result = await runProcess('npm', [
      'run',
      'thermostat',
      '--',
      'backtest',
      '--trace',
      TRACE,
      '--format',
      'azure2019',
      '--function',
      'e80f0c',
      '--profile',
      PROFILE,
      '--slo-p99-ms',
      '200',
      '--window-min',
      '5',
      '--policies',
      'on-demand,static-peak,target-tracking,scheduled,power-tuning,oracle',
      '--seed',
      '1',
      '--memory-mb',
      '1769',
      '--json',
      jsonFile,
      '--no-progress',
    ]);

    // Assess
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/policy\s+windows ok\s+attain\s+p99 ms/);
    const json = JSON.parse(await readFile(jsonFile, 'utf8'));
    expect(Object.keys(json)).toEqual([
      'kind',
      'version',
      'function',
      'invocations',
      'sloP99Ms',
      'slo',
      'windowMinutes',
      'warmUpWindows',
      'traceMinutes',
      'policies',
    ]);
    expect(json.function).toMatch(/^e80f0c2ac8/);
    expect(json).toMatchObject({
      kind: 'lambda-thermostat.backtest',
      version: 1,
      invocations: 195_064,
      sloP99Ms: 200,
      windowMinutes: 5,
      traceMinutes: 1440,
    });
    expect(json.policies.map((p: { policy: string }) => p.policy)).toEqual([
      'on-demand',
      'static-peak',
      'target-tracking',
      'scheduled',
      'power-tuning',
      'oracle',
    ]);
    for (const policy of json.policies) {
      expect(Object.keys(policy).sort()).toEqual(
        [
          'policy',
          'invocations',
          'throttles',
          'windowsWithTraffic',
          'windowsMeetingSlo',
          'attainment',
          'requestsScored',
          'goodRequests',
          'goodRequestShare',
          'errorBudget',
          'p99Ms',
          'coldStarts',
          'coldStartRate',
          'costUsd',
          'costPerMillionUsd',
          'costVsOracle',
          'costVsRobustFloor',
          'cost',
        ].sort(),
      );
      expect(Object.keys(policy.cost)).toEqual([
        'requests',
        'duration',
        'init',
        'provisioned',
        'provisionedDuration',
      ]);
      // The first window is left out for every policy.
      expect(policy.windowsWithTraffic).toBe(287);
      expect(typeof policy.costVsOracle).toBe('number');
    }
    expect(json.policies.at(-1).costVsOracle).toBe(1);
  }, 300_000);

  it('fails with exit code 1 and names the flag when the trace file is missing', async () => {
    // Prepare / Act
    const result = await runThermostatCli([
      'backtest',
      '--trace',
      'no/such/trace.csv',
      '--profile',
      PROFILE,
      '--slo-p99-ms',
      '200',
    ]);

    // Assess
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/--trace: cannot read 'no\/such\/trace\.csv' \(ENOENT\)/);
  }, 120_000);
});

describe('thermostat backtest: flag errors', () => {
  it.each([
    [
      ['--slo-p99-ms', 'abc'],
      /option '--slo-p99-ms <ms>' argument 'abc' is invalid\. must be a number > 0/,
    ],
    [['--slo-p99-ms', '0'], /'--slo-p99-ms <ms>' argument '0' is invalid/],
    [
      ['--policies', 'on-demand,magic'],
      /'--policies <names>' argument 'on-demand,magic' is invalid\. unknown policy 'magic'; valid: on-demand, static-peak, target-tracking, target-tracking-max, scheduled, power-tuning, power-tuning-balanced, thermostat, robust-floor, oracle/,
    ],
    [['--window-min', '0'], /'--window-min <minutes>'.*must be an integer in 1\.\.1440/],
    [['--memory-mb', '99999'], /'--memory-mb <mb>'.*128\.\.10240/],
    [['--seed', 'x'], /'--seed <n>' argument 'x' is invalid/],
    [
      ['--seeds', '5..1'],
      /'--seeds <seeds>' argument '5\.\.1' is invalid\. --seeds: the range 5\.\.1 is empty/,
    ],
    [['--seeds', '1,x'], /'--seeds <seeds>' argument '1,x' is invalid\. --seeds: /],
    [['--seeds', '2,2'], /--seeds: a seed is named twice in '2,2'/],
    [
      ['--format', 'xml'],
      /'--format <format>' argument 'xml' is invalid.*azure2019, azure2021, csv/,
    ],
  ])('rejects %j naming the flag', async (args, message) => {
    // Prepare
    const argv = [...required];
    for (let i = 0; i < args.length; i += 2) {
      const at = argv.indexOf(args[i] as string);
      if (at >= 0) argv.splice(at, 2);
      argv.push(args[i] as string, args[i + 1] as string);
    }

    // Act
    const { error, stderr } = await parseFailure(argv);

    // Assess
    expect(error).toBeInstanceOf(CommanderError);
    expect(stderr).toMatch(message);
  });

  it('requires --trace and --profile', async () => {
    // Prepare / Act
    const { stderr } = await parseFailure(['--trace', TRACE, '--slo-p99-ms', '200']);

    // Assess
    expect(stderr).toMatch(/required option '--profile <file>' not specified/);
  });

  it.each([
    [[], /--slo-p99-ms: required \(or --slo-kind request with --slo-latency-ms\)/],
    [['--slo-kind', 'request'], /--slo-latency-ms: required with --slo-kind request/],
    [
      ['--slo-kind', 'request', '--slo-latency-ms', '300', '--slo-p99-ms', '200'],
      /--slo-p99-ms: a period SLO’s; with --slo-kind request give --slo-latency-ms/,
    ],
    [
      ['--slo-p99-ms', '200', '--slo-latency-ms', '300'],
      /--slo-latency-ms: only with --slo-kind request/,
    ],
    [
      ['--slo-p99-ms', '200', '--slo-calendar-start', '2026-12-01T00:00:00Z'],
      /--slo-calendar-start: needs --slo-interval/,
    ],
    [
      ['--slo-kind', 'request', '--slo-latency-ms', '300', '--slo-goal', '100'],
      /--slo-goal: 100 is not below 100/,
    ],
    [
      ['--slo-p99-ms', '200', '--slo-interval', '1d', '--slo-calendar-start', 'monday'],
      /--slo-calendar-start: "monday" is not a time/,
    ],
    [['--slo-p99-ms', '200', '--slo-interval', '400d'], /--slo-interval: 400 is above 366/],
  ])('names the SLO flag of %j', async (args, message) => {
    // Prepare / Act
    const { error } = await parseFailure([
      ...['--trace', TRACE, '--function', 'e80f0c', '--profile', PROFILE],
      ...args,
    ]);

    // Assess
    expect(errorLine(error)).toMatch(message);
  });

  it('rejects an interval it cannot read', async () => {
    // Prepare / Act
    const { stderr } = await parseFailure([...required, '--slo-interval', '7w']);

    // Assess
    expect(stderr).toMatch(/'7w' is not an interval: whole units of m, h, d or M/);
  });

  it.each([
    [
      ['--profile', 'no/such/profile.json'],
      /--profile: cannot read 'no\/such\/profile\.json' \(ENOENT\)/,
    ],
    [
      ['--profile', 'package.json'],
      /--profile: 'package\.json' is not a usable profile: profile\.memoryMb/,
    ],
    [['--function', 'zzzz'], /zzzz/],
    [['--seed', '3', '--seeds', '1..2'], /--seeds: give --seed or --seeds, not both/],
  ])('reports %j as a clear error', async (args, message) => {
    // Prepare
    const argv = [...required];
    const at = argv.indexOf(args[0] as string);
    if (at >= 0) argv.splice(at, 2);
    argv.push(...args);

    // Act
    const { error } = await parseFailure(argv);

    // Assess: the error names the option; the CLI's line names the flag
    expect(errorLine(error)).toMatch(message);
  });
});

/** Two functions of a two-hour Azure 2021 trace: sparse, with bursts every seventh minute. */
function accountTrace(): string {
  const rows = ['app,func,end_timestamp,duration'];
  for (const func of ['func-a', 'func-b']) {
    for (let minute = 0; minute < 120; minute++) {
      const count = minute % 7 === (func === 'func-a' ? 0 : 3) ? 30 : 6;
      for (let i = 0; i < count; i++) {
        const end = minute * 60 + ((i + 0.5) * 60) / count + 0.1;
        rows.push(`app-1,${func},${end.toFixed(3)},0.100`);
      }
    }
  }
  return `${rows.join('\n')}\n`;
}

describe('thermostat backtest --functions: a whole simulated account', () => {
  let directory = '';
  let trace = '';
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'thermostat-account-'));
    trace = join(directory, 'account.csv');
    await writeFile(trace, accountTrace());
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('backtests both functions in one account and says how often its headroom held a reservation back', async () => {
    // Prepare / Act
    const result = await runThermostatCli([
      'backtest',
      '--trace',
      trace,
      '--functions',
      'func-a,func-b',
      '--profile',
      PROFILE,
      '--slo-p99-ms',
      '200',
      '--account-concurrency',
      '102',
      '--reserved-concurrency',
      '1',
      '--no-progress',
    ]);

    // Assess
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^func-a: [\d,]+ requests/m);
    expect(result.stdout).toMatch(/^func-b: [\d,]+ requests/m);
    expect(result.stdout).toContain('The account: 2 functions, concurrency limit 102');
    // 24 windows each, the first left out of every policy's attainment: 2 × 23
    expect(result.stdout).toMatch(/^on-demand\s+\d+\/46\s/m);
    expect(result.stdout).toMatch(/^thermostat\s+\d+\/46\s/m);
    const held =
      /The thermostat ran 23 cycles; the account's headroom held a reservation back in (\d+) of them; at least 100 of the account stayed unreserved\./.exec(
        result.stdout,
      );
    expect(held).not.toBeNull();
    expect(Number(held?.[1])).toBeGreaterThan(0);
  });

  it.each([
    [
      ['--functions', 'func-a'],
      /'--functions <ids>' argument 'func-a' is invalid\. name at least two/,
    ],
    [
      ['--functions', 'func-a,func-b', '--account-concurrency', '99'],
      /'--account-concurrency <n>'.*100\.\.1000000/,
    ],
    [
      ['--functions', 'func-a,func-b', '--reserved-concurrency', '0'],
      /'--reserved-concurrency <n>'.*got '0'/,
    ],
  ])('rejects %j while parsing, naming the flag', async (args, message) => {
    // Prepare / Act
    const { error, stderr } = await parseFailure([...required, ...args]);

    // Assess
    expect(error).toBeInstanceOf(CommanderError);
    expect(stderr).toMatch(message);
  });

  it.each([
    [
      ['--functions', 'func-a,func-b', '--json', 'x.json'],
      /FlagCombinationError: --json: not with --functions/,
    ],
    [['--functions', 'func-a,func-b', '--function', 'func-a'], /--function: not with --functions/],
    [
      ['--reserved-concurrency', '5', '--function', 'func-a'],
      /--reserved-concurrency: only with --functions/,
    ],
    [
      [
        '--functions',
        'func-a,func-b',
        '--account-concurrency',
        '200',
        '--reserved-concurrency',
        '60',
      ],
      /thermostat: BacktestOptionError: --reserved-concurrency: must be an integer ≥ 1 whose total .* \(at most 50 each\), got 60/,
    ],
    [['--functions', 'func-a,func-zzz'], /func-zzz/],
    [
      ['--function', 'func-a', '--seed', 'abc'],
      /'--seed <n>' argument 'abc' is invalid\. --seed: must be an integer/,
    ],
  ])('rejects %j with exit code 1 and one line naming the flag', async (args, message) => {
    // Prepare / Act
    const result = await runThermostatCli([
      'backtest',
      '--trace',
      trace,
      '--profile',
      PROFILE,
      '--slo-p99-ms',
      '200',
      '--no-progress',
      ...args,
    ]);

    // Assess
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toContain('ProfileOptionError');
    expect(result.stdout).toBe('');
  });
});

describe('thermostat backtest: inputs that ask for unbounded work', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'thermostat-backtest-inputs-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each([
    [
      'a three-row trace spanning decades',
      'decades.csv',
      '0,10\n1000000000000,10\n1700000000000,10\n',
      '--trace',
      /decades\.csv:2:1: timestamp_ms: 1000000000000 is 11574 days after the first arrival/,
    ],
    [
      'a profile whose service time is 1e300 ms',
      'huge.json',
      '{"name": "x", "memoryMb": 1769, "initMs": [300], "serviceMs": [1e300], "cpuBoundFraction": 1, "maxThreads": 1}',
      '--profile',
      /--profile: '.*huge\.json' is not a usable profile: profile\.serviceMs\[0\]: must be a duration within 0\.\.900000 ms/,
    ],
  ])('refuses %s before simulating anything', async (_name, fileName, text, flag, message) => {
    // Prepare
    const file = join(dir, fileName);
    await writeFile(file, text);
    const argv = [...required];
    argv.splice(argv.indexOf(flag), 2, flag, file);

    // Act
    const { error } = await parseFailure([...argv, '--no-progress']);

    // Assess
    expect(errorLine(error)).toMatch(message);
  });
});
