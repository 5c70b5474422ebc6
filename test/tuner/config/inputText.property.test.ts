/**
 * Properties of the config and profile readers over arbitrary text: each either returns a
 * checked value or throws its own error whose every issue names a place (a field path, the
 * whole, or the syntax), and nothing else escapes: no crash, no other exception type.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { ConfigError, parseConfig } from '../../../tuner/core/config/index.ts';
import { ProfileFormatError, parseProfile } from '../../../tuner/core/profile/parseProfile.ts';
import { ProfileLimits } from '../../../tuner/sim/index.ts';

/** Numbers and number-like texts a careless or hostile file holds. */
const extremeNumber = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(0, -1, 2 ** 32, 2 ** 53, 1e300, -1e300, Number.MAX_VALUE, Number.MIN_VALUE),
);
const extremeText = fc.constantFrom(
  '1e400',
  '.inf',
  '-.inf',
  '.nan',
  '0x10',
  '0o17',
  '+5',
  '1_000',
  '~',
  'null',
  '*a',
  '&a [1]',
);

/** A value somewhere in a document: extreme numbers, odd texts, nesting. */
const anyValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    extremeNumber,
    fc.string({ maxLength: 12 }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 8 }), tie('value'), { maxKeys: 4 }),
  ),
})).value;

const target = fc.record(
  {
    function: fc.oneof(fc.constant('ocr'), fc.string({ maxLength: 70 })),
    alias: fc.oneof(fc.constant('live'), fc.string({ maxLength: 8 })),
    slo: fc.record({ p99Ms: fc.oneof(extremeNumber, anyValue) }),
    bounds: fc.record(
      {
        memoryMb: fc.tuple(extremeNumber, extremeNumber),
        provisionedConcurrency: fc.tuple(extremeNumber, extremeNumber),
        reservedConcurrency: fc.tuple(fc.option(extremeNumber), fc.option(extremeNumber)),
      },
      { requiredKeys: [] },
    ),
    budget: fc.record({ maxMonthlyUsd: extremeNumber }),
  },
  { requiredKeys: ['function', 'slo'] },
);
const config = fc.record(
  {
    mode: fc.constantFrom('recommend', 'apply', 'bogus'),
    targets: fc.array(target, { maxLength: 3 }),
    guardrails: anyValue,
  },
  { requiredKeys: ['targets'] },
);

/** YAML text with some scalars replaced by notations JSON cannot carry. */
const yamlText = fc.tuple(config, fc.array(extremeText, { maxLength: 3 })).map(([value, texts]) => {
  let text = stringify(value);
  for (const t of texts) text = text.replace(/: -?\d+(\.\d+)?(e[-+]?\d+)?\n/, `: ${t}\n`);
  return text;
});

function expectConfigOutcome(text: string, fileName: string): void {
  try {
    const parsed = parseConfig(text, { fileName });
    expect(parsed.targets.length).toBeGreaterThan(0);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    expect(error.issues.length).toBeGreaterThan(0);
    for (const issue of error.issues) {
      expect(issue.path).not.toBe('');
      expect(issue.message).not.toBe('');
    }
  }
}

function expectProfileOutcome(text: string): void {
  try {
    const profile = parseProfile(text);
    for (const sample of [...profile.initMs, ...profile.serviceMs]) {
      expect(sample).toBeLessThanOrEqual(ProfileLimits.MAX_SAMPLE_MS);
    }
  } catch (error) {
    if (!(error instanceof ProfileFormatError)) throw error;
    for (const issue of error.issues) expect(issue.path).toMatch(/^(\(syntax\)|profile)/);
  }
}

describe('config and profile readers: properties over arbitrary text', () => {
  it('arbitrary text is a config or a ConfigError with located issues', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 300 }),
        fc.constantFrom('c.yaml', 'c.json', 'c'),
        (text, name) => {
          // Prepare / Act / Assess
          expectConfigOutcome(text, name);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('well-formed configs of extreme values, as JSON and as YAML, are configs or located ConfigErrors', () => {
    fc.assert(
      fc.property(config, (value) => {
        // Prepare / Act / Assess
        expectConfigOutcome(JSON.stringify(value), 'c.json');
        expectConfigOutcome(stringify(value), 'c.yaml');
      }),
      { numRuns: 200 },
    );
  });

  it('YAML configs with non-JSON notations are configs or located ConfigErrors', () => {
    fc.assert(
      fc.property(yamlText, (text) => {
        // Prepare / Act / Assess
        expectConfigOutcome(text, 'c.yaml');
      }),
      { numRuns: 200 },
    );
  });

  it('arbitrary text and extreme profiles are profiles within the bounds or located errors', () => {
    const profile = fc.record(
      {
        name: fc.oneof(fc.string({ maxLength: 10 }), extremeNumber),
        memoryMb: extremeNumber,
        initMs: fc.array(extremeNumber, { maxLength: 4 }),
        serviceMs: fc.array(extremeNumber, { maxLength: 4 }),
        cpuBoundFraction: extremeNumber,
        maxThreads: extremeNumber,
        extra: anyValue,
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 300 }),
          profile.map((p) => JSON.stringify(p)),
        ),
        (text) => {
          // Prepare / Act / Assess
          expectProfileOutcome(text);
        },
      ),
      { numRuns: 300 },
    );
  });
});
