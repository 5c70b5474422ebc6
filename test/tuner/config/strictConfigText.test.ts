import { describe, expect, it } from 'vitest';
import {
  CONFIG_MAX_CHARS,
  ConfigError,
  formatConfigIssue,
  validateConfig,
} from '../../../tuner/core/config/index.ts';
import { configProblems } from './support/configProblems.ts';

const problemsOf = configProblems;

const yamlTarget = (p99: string) =>
  `targets:\n  - function: ocr\n    alias: live\n    slo: { p99Ms: ${p99} }\n`;
const jsonTarget = (p99: string) =>
  `{"targets": [{"function": "ocr", "alias": "live", "slo": {"p99Ms": ${p99}}}]}`;

describe('config text is read strictly, and its problems said in the user’s terms', () => {
  it.each([
    [
      'YAML 1e400',
      yamlTarget('1e400'),
      'c.yaml',
      'targets[0].slo.p99Ms: 1e400 is too large to be a number (not a finite number) (line 4)',
    ],
    [
      'YAML .inf',
      yamlTarget('.inf'),
      'c.yaml',
      'targets[0].slo.p99Ms: .inf is not a finite number: give a decimal number (line 4)',
    ],
    [
      'YAML .nan',
      yamlTarget('.nan'),
      'c.yaml',
      'targets[0].slo.p99Ms: .nan is not a finite number: give a decimal number (line 4)',
    ],
    [
      'YAML hexadecimal',
      yamlTarget('0x12c'),
      'c.yaml',
      'targets[0].slo.p99Ms: 0x12c is not written in decimal: write 300 (line 4)',
    ],
    [
      'YAML octal',
      yamlTarget('0o454'),
      'c.yaml',
      'targets[0].slo.p99Ms: 0o454 is not written in decimal: write 300 (line 4)',
    ],
    [
      'YAML plus sign',
      yamlTarget('+300'),
      'c.yaml',
      'targets[0].slo.p99Ms: +300 is not written in decimal: write 300 (line 4)',
    ],
    [
      'JSON 1e400',
      jsonTarget('1e400'),
      'c.json',
      'targets[0].slo.p99Ms: 1e400 is too large to be a number (not a finite number) (line 1)',
    ],
  ])('reports %s at its path', (_name, text, fileName, problem) => {
    // Act
    const problems = problemsOf(text, fileName);

    // Assess
    expect(problems).toEqual([problem]);
  });

  it('refuses a duplicate JSON key rather than taking the last value', () => {
    // Prepare: "mode" twice; JSON.parse alone would silently keep "recommend".
    const text = `{\n  "mode": "apply",\n  "mode": "recommend",\n  "targets": [{"function": "ocr", "alias": "live", "slo": {"p99Ms": 300}}]\n}`;

    // Act
    const problems = problemsOf(text, 'c.json');

    // Assess
    expect(problems).toEqual(['mode: the key is given twice: give each key once (line 3)']);
  });

  it('refuses a duplicate key inside a target, naming its path', () => {
    // Act
    const problems = problemsOf(
      `{"targets": [{"function": "ocr", "alias": "live", "slo": {"p99Ms": 300, "p99Ms": 3}}]}`,
      'c.json',
    );

    // Assess
    expect(problems).toEqual([
      'targets[0].slo.p99Ms: the key is given twice: give each key once (line 1)',
    ]);
  });

  it('refuses an alias bomb, saying the aliases expand too far', () => {
    // Prepare: nine levels of nine aliases each: 9⁹ copies if expanded.
    const levels = ['a0: &a0 [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++)
      levels.push(
        `a${i}: &a${i} [${Array(9)
          .fill(`*a${i - 1}`)
          .join(', ')}]`,
      );
    const text = `${levels.join('\n')}\ntargets:\n  - function: ocr\n    alias: live\n    slo: { p99Ms: 300 }\n`;

    // Act
    const problems = problemsOf(text, 'c.yaml');

    // Assess
    expect(problems).toEqual([
      '(syntax): the aliases (*name) expand into more than 100 copies: write the repeated parts out, or repeat them less',
    ]);
  });

  it('refuses a 10 MB config by its size, before parsing it', () => {
    // Prepare: 10 MB of valid YAML comments after a valid config.
    const text = `${yamlTarget('300')}${'# padding padding padding padding\n'.repeat(300_000)}`;

    // Act
    const problems = problemsOf(text, 'big.yaml');

    // Assess
    expect(text.length).toBeGreaterThan(10_000_000);
    expect(problems).toEqual([
      `(config): the text is ${text.length.toLocaleString('en-US')} characters, more than the limit of ${CONFIG_MAX_CHARS.toLocaleString('en-US')}: nothing was read`,
    ]);
  });

  it('reads flow collections nested too deeply for the parser as a syntax error, not a crash', () => {
    // Prepare: the YAML library's error excerpt of such a line exhausted the heap.
    const text = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;

    // Act
    const problems = problemsOf(text, 'deep.yaml');

    // Assess
    expect(problems).toEqual(['(syntax): YAML syntax error: nested too deeply to read (line 1)']);
  });

  it.each([
    [
      'p99Ms 1e300',
      'slo: { p99Ms: 1e300 }',
      'targets[0].slo.p99Ms: 1e+300 is above 900000 (an invocation stops at 15 minutes)',
    ],
    [
      'a provisioned-concurrency bound of 2³²',
      'slo: { p99Ms: 300 }\n    bounds: { provisionedConcurrency: [0, 4294967296] }',
      "targets[0].bounds.provisionedConcurrency: 4294967296 is above 1000000, more than any account's concurrency",
    ],
    [
      'a reserved-concurrency bound of 1e300',
      'slo: { p99Ms: 300 }\n    bounds: { reservedConcurrency: [null, 1e300] }',
      "targets[0].bounds.reservedConcurrency: 1e+300 is above 1000000, more than any account's concurrency",
    ],
    [
      'a budget of 1e300 USD',
      'slo: { p99Ms: 300 }\n    budget: { maxMonthlyUsd: 1e300 }',
      'targets[0].budget.maxMonthlyUsd: 1e+300 is above 1000000000 (a billion dollars a month)',
    ],
  ])('refuses %s as out of range', (_name, lines, problem) => {
    // Prepare
    const text = `targets:\n  - function: ocr\n    alias: live\n    ${lines}\n`;

    // Act
    const problems = problemsOf(text, 'c.yaml').map((p) => p.replace(/ \(line \d+\)$/, ''));

    // Assess
    expect(problems).toEqual([problem]);
  });

  it('quotes Infinity as Infinity, not null, when a program passes it', () => {
    // Act
    const error = (() => {
      try {
        validateConfig({
          targets: [{ function: 'ocr', alias: 'live', slo: { p99Ms: Number.POSITIVE_INFINITY } }],
        });
      } catch (e) {
        return e;
      }
    })();

    // Assess
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues.map(formatConfigIssue)).toEqual([
      'targets[0].slo.p99Ms: Infinity is not a finite number',
    ]);
  });
});
