/**
 * Profile text (the JSON `thermostat profile` writes) → a checked {@link Profile}. Pure: reading
 * the file is the caller's job. Read strictly, like a config (../config/parseStructuredText.ts),
 * and checked against the simulator's bounds (tuner/sim/service/profileServiceModel.ts).
 */
import type { Profile } from '../../sim/profile.ts';
import { validateProfile } from '../../sim/service/profileServiceModel.ts';
import { SimulationInputError } from '../../sim/simulationInputError.ts';
import type { PathSegments } from '../config/configPath.ts';
import {
  parseStructuredText,
  type StructuredText,
  StructuredTextError,
  type StructuredTextIssue,
} from '../config/parseStructuredText.ts';

/**
 * The longest profile text accepted, characters (4 MiB): the profiler writes a few hundred
 * samples, about 10 characters each.
 */
export const PROFILE_MAX_CHARS = 4 << 20;

const PROFILE_KEYS = [
  'name',
  'memoryMb',
  'initMs',
  'serviceMs',
  'cpuBoundFraction',
  'maxThreads',
  'modelBytes',
] as const;

/** A profile that cannot be used: `issues` says where (`profile.<field>`, line) and what. */
export class ProfileFormatError extends Error {
  readonly issues: readonly StructuredTextIssue[];

  constructor(issues: readonly StructuredTextIssue[]) {
    super(
      issues
        .map((i) => `${i.path}: ${i.message}${i.line === undefined ? '' : ` (line ${i.line})`}`)
        .join('; '),
    );
    this.name = 'ProfileFormatError';
    this.issues = issues;
  }
}

/**
 * Parses and checks a profile: a JSON object of exactly the profile's fields, every number
 * finite, decimal and within the simulator's bounds; no duplicate key; at most
 * {@link PROFILE_MAX_CHARS} characters.
 *
 * @throws ProfileFormatError naming the field (`profile.serviceMs[3]`) and its line.
 * @example
 * ```ts
 * const profile = parseProfile(await readFile('profile.json', 'utf8'));
 * parseProfile('{"serviceMs": [1e300]}'); // throws ProfileFormatError: profile.memoryMb: ...
 * ```
 */
export function parseProfile(text: string): Profile {
  let parsed: StructuredText;
  try {
    parsed = parseStructuredText(text, {
      format: 'json',
      maxChars: PROFILE_MAX_CHARS,
      rootName: 'profile',
    });
  } catch (error) {
    if (error instanceof StructuredTextError) {
      throw new ProfileFormatError(error.issues.map(underProfile));
    }
    throw error;
  }
  const issues: StructuredTextIssue[] = [];
  try {
    validateProfile(parsed.value as Profile);
  } catch (error) {
    if (!(error instanceof SimulationInputError)) throw error;
    issues.push(located(error.field, error.message.slice(error.field.length + 2), parsed));
  }
  const value = parsed.value;
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const key of Object.keys(value)) {
      if (!(PROFILE_KEYS as readonly string[]).includes(key)) {
        issues.push(
          located(
            `profile.${key}`,
            `unknown key (a profile holds ${PROFILE_KEYS.join(', ')})`,
            parsed,
          ),
        );
      }
    }
  }
  if (issues.length > 0) throw new ProfileFormatError(issues);
  return value as Profile;
}

/** A field path `profile.serviceMs[3]` as segments, to find its line. */
function segmentsOf(field: string): PathSegments {
  const segments: (string | number)[] = [];
  for (const match of field.replace(/^profile\.?/, '').matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (match[2] !== undefined) segments.push(Number(match[2]));
    else if (match[1] !== undefined) segments.push(match[1]);
  }
  return segments;
}

function located(path: string, message: string, parsed: StructuredText): StructuredTextIssue {
  const line = parsed.locate(segmentsOf(path));
  return line === undefined ? { path, message } : { path, message, line };
}

/** Issue paths from the text reader (`serviceMs[0]`) as profile fields (`profile.serviceMs[0]`). */
function underProfile(issue: StructuredTextIssue): StructuredTextIssue {
  if (issue.path === '(syntax)' || issue.path === 'profile') return issue;
  return { ...issue, path: `profile.${issue.path}` };
}
