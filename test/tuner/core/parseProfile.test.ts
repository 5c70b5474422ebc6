import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  PROFILE_MAX_CHARS,
  ProfileFormatError,
  parseProfile,
} from '../../../tuner/core/profile/parseProfile.ts';

const FIXTURE = readFileSync('test/backtest/fixtures/profile.json', 'utf8');

/** The fixture with one field's JSON text replaced. */
function withField(field: string, json: string): string {
  const replaced = FIXTURE.replace(
    new RegExp(`"${field}": [^\\n]*?(,?)\\n`),
    `"${field}": ${json}$1\n`,
  );
  if (replaced === FIXTURE) throw new Error(`no field ${field} in the fixture`);
  return replaced;
}

function profileProblems(text: string): string[] {
  try {
    parseProfile(text);
    return [];
  } catch (error) {
    if (!(error instanceof ProfileFormatError)) throw error;
    return error.issues.map(
      (i) => `${i.path}: ${i.message}${i.line === undefined ? '' : ` (line ${i.line})`}`,
    );
  }
}

describe('parseProfile: profiles are read strictly and bounded', () => {
  it('reads the fixture profile', () => {
    // Act
    const profile = parseProfile(FIXTURE);

    // Assess
    expect(profile).toMatchObject({ name: 'fixture-ocr', memoryMb: 1769, maxThreads: 1 });
    expect(profile.serviceMs).toHaveLength(15);
  });

  it.each([
    [
      'a service time of 1e300 ms',
      withField('serviceMs', '[100, 1e300]'),
      'profile.serviceMs[1]: must be a duration within 0..900000 ms (an invocation stops at 15 minutes), got 1e+300 (line 5)',
    ],
    [
      'a service time of 1e400',
      withField('serviceMs', '[1e400]'),
      'profile.serviceMs[0]: 1e400 is too large to be a number (not a finite number) (line 5)',
    ],
    [
      'a fractional memory size',
      withField('memoryMb', '1769.5'),
      'profile.memoryMb: must be a whole number of MB within 128..10240, got 1769.5 (line 3)',
    ],
    [
      'a billion threads',
      withField('maxThreads', '1000000000'),
      'profile.maxThreads: must be a whole number within 1..1024, got 1000000000 (line 7)',
    ],
    [
      'a name that is not a string',
      withField('name', '42'),
      'profile.name: must be a name of 1..256 characters, got 42 (line 2)',
    ],
    [
      'a key given twice',
      FIXTURE.replace('"maxThreads": 1', '"maxThreads": 1,\n  "maxThreads": 4'),
      'profile.maxThreads: the key is given twice: give each key once (line 8)',
    ],
    [
      'an unknown key',
      FIXTURE.replace('"maxThreads": 1', '"maxThreads": 1,\n  "threads": 4'),
      'profile.threads: unknown key (a profile holds name, memoryMb, initMs, serviceMs, cpuBoundFraction, maxThreads, modelBytes) (line 8)',
    ],
    ['an array', '[1, 2]', 'profile: must be an object, got [1,2] (line 1)'],
  ])('refuses %s, naming the field and line', (_name, text, problem) => {
    // Act
    const problems = profileProblems(text);

    // Assess
    expect(problems).toEqual([problem]);
  });

  it('refuses a profile larger than the limit before parsing it', () => {
    // Prepare
    const text = `${FIXTURE.slice(0, -2)}, "pad": "${'x'.repeat(PROFILE_MAX_CHARS)}"}`;

    // Act
    const problems = profileProblems(text);

    // Assess
    expect(problems).toEqual([
      `profile: the text is ${text.length.toLocaleString('en-US')} characters, more than the limit of 4,194,304: nothing was read`,
    ]);
  });
});
