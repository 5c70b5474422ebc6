import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import {
  CONFIG_DEFAULTS,
  ConfigError,
  parseConfig,
  validateConfig,
} from '../../../tuner/core/config/index.ts';
import { configProblems } from './support/configProblems.ts';

const problemsOf = (text: string, fileName = 'thermostat.config.yaml') =>
  configProblems(text, fileName);

const EXAMPLE = new URL('../../../examples/thermostat.config.yaml', import.meta.url);

/** A YAML config with one target whose extra lines are `targetLines`. */
function oneTarget(...targetLines: string[]): string {
  return [
    'targets:',
    '  - function: ocr-detector',
    ...targetLines.map((line) => `    ${line}`),
  ].join('\n');
}

const MINIMAL = oneTarget('alias: live', 'slo: { p99Ms: 300 }');

describe('parseConfig: the example and the defaults', () => {
  it('loads examples/thermostat.config.yaml', async () => {
    // Prepare
    const text = await readFile(EXAMPLE, 'utf8');

    // Act
    const config = parseConfig(text, { fileName: 'thermostat.config.yaml' });

    // Assess
    expect(config.mode).toBe('recommend');
    expect(config.targets).toHaveLength(2);
    expect(config.targets[0]?.ref).toEqual({
      functionName: 'ocr-detector',
      qualifier: 'live',
      region: 'us-east-1',
    });
    expect(config.targets[0]?.bounds).toEqual({
      memoryMb: [1024, 4096],
      provisionedConcurrency: [0, 40],
      reservedConcurrency: [null, 200],
    });
    expect(config.targets[1]).toMatchObject({
      functionName: 'tabular-scorer',
      qualifier: 'prod',
      region: 'eu-west-1',
      accountId: '123456789012',
      tune: ['provisionedConcurrency'],
      paused: true,
    });
    expect(config.reports).toEqual({ s3: 's3://my-thermostat-reports/prod/' });
  });

  it('fills every default for a minimal target', () => {
    // Act
    const config = parseConfig(MINIMAL);

    // Assess
    expect(config).toMatchObject({
      mode: 'recommend',
      schedule: 'rate(5 minutes)',
      scheduleIntervalMinutes: 5,
      namespace: 'LambdaThermostat',
    });
    expect(config.reports).toBeUndefined();
    expect(config.targets[0]).toMatchObject({
      functionName: 'ocr-detector',
      qualifier: 'live',
      bounds: {
        memoryMb: [128, 10240],
        provisionedConcurrency: [0, 100],
        reservedConcurrency: [null, null],
      },
      tune: ['provisionedConcurrency', 'memory', 'reservedConcurrency'],
      allowZeroReserved: false,
      paused: false,
    });
    expect(config.targets[0]?.ref.region).toBeUndefined();
    expect(config.guardrails).toEqual({
      ...CONFIG_DEFAULTS.guardrails,
      cooldownMinutes: CONFIG_DEFAULTS.guardrails.cooldownMinutes,
    });
    expect(config.guardrails.minUnreservedConcurrency).toBe(100);
  });

  it('caps the default provisioned-concurrency maximum at the reserved maximum', () => {
    // Act
    const config = parseConfig(
      oneTarget('alias: live', 'slo: { p99Ms: 300 }', 'bounds: { reservedConcurrency: [10, 30] }'),
    );

    // Assess
    expect(config.targets[0]?.bounds.provisionedConcurrency).toEqual([0, 30]);
  });

  it('reads a cooldown given as one number as both directions', () => {
    // Act
    const config = parseConfig(`${MINIMAL}\nguardrails: { cooldownMinutes: { memory: 45 } }`);

    // Assess
    expect(config.guardrails.cooldownMinutes.memory).toEqual({ up: 45, down: 45 });
    expect(config.guardrails.cooldownMinutes.provisionedConcurrency).toEqual({ up: 5, down: 15 });
  });
});

describe('parseConfig: JSON and YAML', () => {
  const json = JSON.stringify({
    mode: 'apply',
    schedule: 'rate(1 minute)',
    targets: [{ function: 'ocr-detector', alias: '7', slo: { p99Ms: 250 } }],
    reports: { dir: './reports' },
  });

  it('reads JSON by extension', () => {
    // Act
    const config = parseConfig(json, { fileName: 'thermostat.config.json' });

    // Assess
    expect(config).toMatchObject({ mode: 'apply', scheduleIntervalMinutes: 1 });
    expect(config.targets[0]?.qualifier).toBe('7');
    expect(config.reports).toEqual({ dir: './reports' });
  });

  it('reads JSON and YAML by content when the extension says nothing', () => {
    // Act
    const fromJson = parseConfig(json, { fileName: 'thermostat.conf' });
    const fromYaml = parseConfig(MINIMAL, { fileName: 'thermostat.conf' });

    // Assess
    expect(fromJson.mode).toBe('apply');
    expect(fromYaml.targets[0]?.qualifier).toBe('live');
  });

  it('reports JSON syntax errors with a line', () => {
    // Act
    const problems = problemsOf('{\n  "targets": [\n}', 'broken.json');

    // Assess
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^\(syntax\): JSON syntax error: .* \(line \d+\)$/);
  });

  it('reports YAML syntax errors with a line', () => {
    // Act
    const problems = problemsOf('targets:\n  - function: a\n   alias: [live\n');

    // Assess
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^\(syntax\): YAML syntax error: .* \(line \d+\)$/);
  });

  it('rejects duplicate YAML keys', () => {
    // Act
    const problems = problemsOf(`${MINIMAL}\nmode: apply\nmode: recommend`);

    // Assess
    expect(problems).toEqual(['mode: the key is given twice: give each key once (line 6)']);
  });

  it('names the source file in the error message', () => {
    // Act
    const act = () => parseConfig('mode: nope\ntargets: []', { fileName: 'prod.yaml' });

    // Assess
    expect(act).toThrowError(/^Invalid thermostat config prod\.yaml \(2 problems\):\n {2}mode:/);
  });
});

describe('parseConfig: what Lambda would reject', () => {
  it('rejects memory above the Lambda maximum, with the exact path, value and line', () => {
    // Prepare
    const text = [
      'targets:',
      '  - function: a',
      '    alias: live',
      '    slo: { p99Ms: 300 }',
      '  - function: b',
      '    alias: live',
      '    slo: { p99Ms: 300 }',
      '    bounds:',
      '      memoryMb: [1024, 12000]',
    ].join('\n');

    // Act
    const problems = problemsOf(text);

    // Assess
    expect(problems).toEqual([
      'targets[1].bounds.memoryMb: 12000 is above the Lambda maximum 10240 (line 9)',
    ]);
  });

  it('rejects memory below the minimum, fractional memory and min above max', () => {
    // Act
    const below = problemsOf(
      oneTarget('alias: live', 'slo: { p99Ms: 1 }', 'bounds: { memoryMb: [64, 512] }'),
    );
    const fraction = problemsOf(
      oneTarget('alias: live', 'slo: { p99Ms: 1 }', 'bounds: { memoryMb: [512.5, 1024] }'),
    );
    const reversed = problemsOf(
      oneTarget('alias: live', 'slo: { p99Ms: 1 }', 'bounds: { memoryMb: [2048, 1024] }'),
    );

    // Assess
    expect(below).toEqual([
      'targets[0].bounds.memoryMb: 64 is below the Lambda minimum 128 (line 5)',
    ]);
    expect(fraction[0]).toBe(
      'targets[0].bounds.memoryMb: 512.5 is not a whole number of MB (line 5)',
    );
    expect(reversed[0]).toBe(
      'targets[0].bounds.memoryMb: minimum 2048 is above maximum 1024 (line 5)',
    );
  });

  it('rejects min above max in the concurrency bounds', () => {
    // Act
    const pc = problemsOf(
      oneTarget('alias: live', 'slo: { p99Ms: 1 }', 'bounds: { provisionedConcurrency: [5, 2] }'),
    );
    const reserved = problemsOf(
      oneTarget('alias: live', 'slo: { p99Ms: 1 }', 'bounds: { reservedConcurrency: [50, 20] }'),
    );

    // Assess
    expect(pc).toEqual([
      'targets[0].bounds.provisionedConcurrency: minimum 5 is above maximum 2 (line 5)',
    ]);
    expect(reserved).toEqual([
      'targets[0].bounds.reservedConcurrency: minimum 50 is above maximum 20 (line 5)',
    ]);
  });

  it('rejects $LATEST as the alias and in a qualified ARN', () => {
    // Act
    const alias = problemsOf(oneTarget('alias: $LATEST', 'slo: { p99Ms: 300 }'));
    const arn = problemsOf(
      'targets:\n  - function: arn:aws:lambda:us-east-1:123456789012:function:ocr:$LATEST\n    slo: { p99Ms: 300 }',
    );

    // Assess
    expect(alias).toEqual([
      'targets[0].alias: $LATEST cannot carry provisioned concurrency: use an alias name or a published version number (line 3)',
    ]);
    expect(arn[0]).toMatch(
      /^targets\[0\]\.function: \$LATEST cannot carry provisioned concurrency/,
    );
  });

  it('requires an alias unless the ARN is qualified', () => {
    // Act
    const missing = problemsOf(oneTarget('slo: { p99Ms: 300 }'));
    const qualified = parseConfig(
      'targets:\n  - function: arn:aws:lambda:us-east-1:123456789012:function:ocr:3\n    slo: { p99Ms: 300 }',
    );

    // Assess
    expect(missing[0]).toMatch(
      /^targets\[0\]\.alias: is required: provisioned concurrency lives on an alias/,
    );
    expect(qualified.targets[0]?.ref).toEqual({
      functionName: 'ocr',
      qualifier: '3',
      region: 'us-east-1',
      accountId: '123456789012',
      partition: 'aws',
    });
  });

  it('rejects an alias or Region that contradicts the ARN', () => {
    // Prepare
    const arn = 'arn:aws:lambda:us-east-1:123456789012:function:ocr:live';

    // Act
    const problems = problemsOf(
      `targets:\n  - function: ${arn}\n    alias: blue\n    region: eu-west-1\n    slo: { p99Ms: 300 }`,
    );

    // Assess
    expect(problems).toEqual([
      'targets[0].alias: "blue" contradicts the qualifier "live" of the function ARN (line 3)',
      'targets[0].region: "eu-west-1" contradicts the Region "us-east-1" of the function ARN (line 4)',
    ]);
  });

  it('rejects malformed function ARNs and names', () => {
    // Act
    const arn = problemsOf(
      'targets:\n  - function: arn:aws:lambda:us-east-1:1234:function:ocr\n    alias: live\n    slo: { p99Ms: 1 }',
    );
    const name = problemsOf(
      'targets:\n  - function: "ocr detector"\n    alias: live\n    slo: { p99Ms: 1 }',
    );

    // Assess
    expect(arn[0]).toMatch(
      /^targets\[0\]\.function: malformed function ARN "arn:aws:lambda:us-east-1:1234:function:ocr"/,
    );
    expect(name[0]).toMatch(/^targets\[0\]\.function: "ocr detector" is neither a function name/);
  });

  it('parses Region and account from an ARN', () => {
    // Act
    const config = parseConfig(
      'targets:\n  - function: arn:aws-cn:lambda:cn-north-1:123456789012:function:ocr\n    alias: live\n    slo: { p99Ms: 1 }',
    );

    // Assess
    expect(config.targets[0]).toMatchObject({
      region: 'cn-north-1',
      accountId: '123456789012',
      functionName: 'ocr',
    });
  });

  it('uses the config Region for targets given by name', () => {
    // Act
    const config = parseConfig(`region: ap-south-1\n${MINIMAL}`);

    // Assess
    expect(config.targets[0]?.ref.region).toBe('ap-south-1');
  });

  it('rejects provisioned-concurrency bounds above the reserved-concurrency bounds', () => {
    // Act
    const problems = problemsOf(
      oneTarget(
        'alias: live',
        'slo: { p99Ms: 300 }',
        'bounds: { provisionedConcurrency: [0, 300], reservedConcurrency: [null, 200] }',
      ),
    );

    // Assess
    expect(problems).toEqual([
      'targets[0].bounds.provisionedConcurrency: maximum 300 is above the reserved-concurrency maximum 200 (Lambda refuses provisioned concurrency above reserved) (line 5)',
    ]);
  });

  it('rejects reserved concurrency 0 unless allowZeroReserved is set on the target', () => {
    // Prepare
    const bounds = 'bounds: { reservedConcurrency: [0, 10], provisionedConcurrency: [0, 0] }';

    // Act
    const refused = problemsOf(oneTarget('alias: live', 'slo: { p99Ms: 300 }', bounds));
    const allowed = parseConfig(
      oneTarget('alias: live', 'slo: { p99Ms: 300 }', bounds, 'allowZeroReserved: true'),
    );

    // Assess
    expect(refused).toEqual([
      'targets[0].bounds.reservedConcurrency: reserved concurrency 0 stops the function: set allowZeroReserved: true on this target to allow it (line 5)',
    ]);
    expect(allowed.targets[0]?.bounds.reservedConcurrency).toEqual([0, 10]);
  });

  it('rejects duplicate targets, also when one is an ARN and one a name in the same Region', () => {
    // Prepare
    const text = [
      'region: us-east-1',
      'targets:',
      '  - { function: ocr, alias: live, slo: { p99Ms: 300 } }',
      '  - { function: "arn:aws:lambda:us-east-1:123456789012:function:ocr:live", slo: { p99Ms: 200 } }',
    ].join('\n');

    // Act
    const problems = problemsOf(text);

    // Assess
    expect(problems).toEqual([
      "targets[1]: duplicates targets[0] (ocr:live): a target without an account is in the caller's (line 4)",
    ]);
  });

  it('rejects two targets of one function that both tune reserved concurrency', () => {
    // Prepare
    const text = [
      'targets:',
      '  - { function: ocr, alias: live, slo: { p99Ms: 300 } }',
      '  - { function: ocr, alias: canary, slo: { p99Ms: 300 } }',
      '  - { function: ocr, alias: batch, slo: { p99Ms: 900 }, tune: [memory] }',
    ].join('\n');

    // Act
    const problems = problemsOf(text);

    // Assess
    expect(problems).toEqual([
      'targets[1].tune: reservedConcurrency is set per function and targets[0] already tunes it for "ocr" (line 3)',
    ]);
  });

  it('rejects unknown and repeated knob names in tune', () => {
    // Act
    const problems = problemsOf(
      oneTarget('alias: live', 'slo: { p99Ms: 300 }', 'tune: [memory, pc, memory]'),
    );
    const repeated = problemsOf(
      oneTarget('alias: live', 'slo: { p99Ms: 300 }', 'tune: [memory, memory]'),
    );

    // Assess
    expect(problems).toEqual([
      'targets[0].tune[1]: unknown knob "pc" (expected provisionedConcurrency, memory or reservedConcurrency) (line 5)',
    ]);
    expect(repeated).toEqual(['targets[0].tune[1]: "memory" is listed twice (line 5)']);
  });

  it('rejects a budget of 0 or less', () => {
    // Act
    const zero = problemsOf(
      oneTarget('alias: live', 'slo: { p99Ms: 300 }', 'budget: { maxMonthlyUsd: 0 }'),
    );
    const negative = problemsOf(
      oneTarget('alias: live', 'slo: { p99Ms: 300 }', 'budget: { maxMonthlyUsd: -5 }'),
    );

    // Assess
    expect(zero).toEqual(['targets[0].budget.maxMonthlyUsd: 0 is not above 0 (line 5)']);
    expect(negative).toEqual(['targets[0].budget.maxMonthlyUsd: -5 is not above 0 (line 5)']);
  });

  it('accepts paused per target', () => {
    // Act
    const config = parseConfig(oneTarget('alias: live', 'slo: { p99Ms: 300 }', 'paused: true'));

    // Assess
    expect(config.targets[0]?.paused).toBe(true);
  });
});

describe('parseConfig: typos and types', () => {
  it('names unknown keys one by one, with a guess', () => {
    // Act
    const problems = problemsOf(
      `${oneTarget('aliass: live', 'slo: { p99Ms: 300, p50Ms: 100 }')}\nreport: { dir: x }`,
    );

    // Assess
    expect(problems).toEqual([
      'targets[0].aliass: unknown key (did you mean "alias"?) (line 3)',
      'targets[0].slo.p50Ms: unknown key (expected p99Ms, requestBasedSli, goal) (line 4)',
      'report: unknown key (did you mean "reports"?) (line 5)',
    ]);
  });

  it('says what type was expected and what was found', () => {
    // Act
    const problems = problemsOf(oneTarget('alias: live', 'slo: { p99Ms: fast }', 'paused: "yes"'));

    // Assess
    expect(problems).toEqual([
      'targets[0].slo.p99Ms: expected a number, got "fast" (line 4)',
      'targets[0].paused: expected a boolean, got "yes" (line 5)',
    ]);
  });

  it('requires targets, and a p99 per target', () => {
    // Act
    const noTargets = problemsOf('mode: apply');
    const emptyTargets = problemsOf('targets: []');
    const noSlo = problemsOf(oneTarget('alias: live'));

    // Assess
    expect(noTargets).toEqual(['targets: is required (line 1)']);
    expect(emptyTargets).toEqual(['targets: list at least one target (line 1)']);
    expect(noSlo).toEqual(['targets[0].slo: is required (line 2)']);
  });

  it('rejects an unknown mode, a bad schedule and a reports section with both or neither', () => {
    // Act
    const problems = problemsOf(
      `mode: auto\nschedule: rate(1 minutes)\nreports: { s3: "s3://bucket/p/", dir: ./r }\n${MINIMAL}`,
    );

    // Assess
    expect(problems).toEqual([
      'mode: "auto" is not a mode (expected recommend or apply) (line 1)',
      'schedule: "rate(1 minutes)" is not an EventBridge schedule (expected e.g. rate(5 minutes) or cron(0/5 * * * ? *)) (line 2)',
      'reports: give exactly one of s3 (s3://bucket/prefix/) or dir (./reports) (line 3)',
    ]);
  });

  it('rejects a malformed S3 URL', () => {
    // Act
    const problems = problemsOf(`reports: { s3: "https://bucket/x" }\n${MINIMAL}`);

    // Assess
    expect(problems).toEqual([
      'reports.s3: "https://bucket/x" is not an s3://bucket/prefix/ URL (line 1)',
    ]);
  });

  it('accepts cron schedules without an interval', () => {
    // Act
    const config = parseConfig(`schedule: cron(0/5 * * * ? *)\n${MINIMAL}`);

    // Assess
    expect(config.scheduleIntervalMinutes).toBeNull();
  });

  it('checks the guardrails', () => {
    // Prepare
    const guardrails = [
      'guardrails:',
      '  minUnreservedConcurrency: 50',
      '  scaleDownMaxStep: { memory: 1.5 }',
      '  cooldownMinutes: { memory: { up: -1 } }',
      '  pcAllocationTimeoutSec: 0',
    ].join('\n');

    // Act
    const problems = problemsOf(`${MINIMAL}\n${guardrails}`);

    // Assess
    expect(problems).toEqual([
      'guardrails.minUnreservedConcurrency: 50 is below 100: Lambda always keeps 100 unreserved (line 6)',
      'guardrails.scaleDownMaxStep.memory: 1.5 is above 1 (line 7)',
      'guardrails.cooldownMinutes.memory.up: -1 is below 0 (line 8)',
      'guardrails.pcAllocationTimeoutSec: 0 is not above 0 (line 9)',
    ]);
  });

  it('checks that the safety margin starts between its bounds', () => {
    // Act
    const problems = problemsOf(`${MINIMAL}\nguardrails: { safetyMargin: { initial: 0.02 } }`);

    // Assess
    expect(problems).toEqual([
      'guardrails.safetyMargin: needs min ≤ initial ≤ max, got min 0.05, initial 0.02, max 0.5 (line 5)',
    ]);
  });

  it('reports the problems of every target, not just the first broken one', () => {
    // Prepare
    const text = [
      'targets:',
      '  - { function: a, alias: live, slo: { p99Ms: 0 } }',
      '  - { function: b, alias: live, slo: { p99Ms: 300 }, bounds: { memoryMb: [64, 128] } }',
    ].join('\n');

    // Act
    const problems = problemsOf(text);

    // Assess
    expect(problems).toEqual([
      'targets[0].slo.p99Ms: 0 is not above 0 (line 2)',
      'targets[1].bounds.memoryMb: 64 is below the Lambda minimum 128 (line 3)',
    ]);
  });
});

describe('validateConfig', () => {
  it('validates a plain object and throws ConfigError without lines', () => {
    // Act
    const act = () =>
      validateConfig({ targets: [{ function: 'ocr', alias: 'live', slo: { p99Ms: -1 } }] });

    // Assess
    expect(act).toThrow(ConfigError);
    try {
      act();
    } catch (error) {
      expect((error as ConfigError).issues).toEqual([
        { path: 'targets[0].slo.p99Ms', message: '-1 is not above 0' },
      ]);
    }
  });

  it('rejects a config that is not an object', () => {
    // Act
    const problems = problemsOf('just a string');

    // Assess
    expect(problems).toEqual(['(config): expected an object, got "just a string" (line 1)']);
  });
});
