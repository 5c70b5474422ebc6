/**
 * Turns zod's issues into one-line config problems: the path as a user writes it, the value
 * quoted, unknown keys one by one with a "did you mean".
 */
import type { z } from 'zod';
import { closestName } from './closestName.ts';
import type { PathIssue, PathSegments } from './configPath.ts';

/** The parts of a zod schema definition this module walks (zod v4's `_zod.def`). */
interface SchemaDef {
  readonly type: string;
  readonly shape?: Readonly<Record<string, z.ZodType>>;
  readonly innerType?: z.ZodType;
  readonly out?: z.ZodType;
  readonly element?: z.ZodType;
  readonly items?: readonly z.ZodType[];
}

const defOf = (schema: z.ZodType): SchemaDef => schema._zod.def as unknown as SchemaDef;

/** Strips optional/nullable/default/preprocess wrappers. */
function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    const def = defOf(current);
    const inner = def.type === 'pipe' ? def.out : def.innerType;
    if (inner === undefined) return current;
    current = inner;
  }
}

/** The keys an object schema at `segments` accepts; empty when the path leads elsewhere. */
function knownKeysAt(schema: z.ZodType, segments: PathSegments): string[] {
  let current: z.ZodType | undefined = schema;
  for (const segment of segments) {
    if (current === undefined) return [];
    const def = defOf(unwrap(current));
    if (def.type === 'object' && typeof segment === 'string') current = def.shape?.[segment];
    else if (def.type === 'array') current = def.element;
    else if (def.type === 'tuple' && typeof segment === 'number') current = def.items?.[segment];
    else return [];
  }
  if (current === undefined) return [];
  const def = defOf(unwrap(current));
  return def.type === 'object' ? Object.keys(def.shape ?? {}) : [];
}

/**
 * A value as a config message quotes it: JSON, except numbers JSON cannot write (`Infinity`,
 * `NaN`), which it would show as `null`.
 *
 * @example
 * ```ts
 * showConfigValue('live'); // '"live"'
 * showConfigValue(Number.POSITIVE_INFINITY); // 'Infinity'
 * ```
 */
export function showConfigValue(value: unknown): string {
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return JSON.stringify(value) ?? String(value);
}
const show = showConfigValue;

/** Articles for zod's `expected` type names. */
function describeExpected(expected: string): string {
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

/**
 * Converts zod issues (parsed with `reportInput: true`) into path issues under `base`, one per
 * path (the first problem found there), unknown keys one per key.
 *
 * @example
 * ```ts
 * const result = targetInputSchema.safeParse(value, { reportInput: true });
 * if (!result.success) toPathIssues(result.error.issues, ['targets', 0], targetInputSchema);
 * ```
 */
export function toPathIssues(
  issues: readonly z.core.$ZodIssue[],
  base: PathSegments,
  schema: z.ZodType,
): PathIssue[] {
  const found: PathIssue[] = [];
  const seen = new Set<string>();
  const add = (segments: PathSegments, message: string) => {
    const key = JSON.stringify(segments);
    if (seen.has(key)) return;
    seen.add(key);
    found.push({ segments, message });
  };
  for (const issue of issues) {
    const local = issue.path.filter(
      (segment): segment is string | number => typeof segment !== 'symbol',
    );
    const segments = [...base, ...local];
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeysAt(schema, local);
      for (const key of issue.keys) {
        const guess = closestName(key, known);
        const hint =
          guess !== undefined
            ? ` (did you mean ${show(guess)}?)`
            : known.length > 0
              ? ` (expected ${known.join(', ')})`
              : '';
        add([...segments, key], `unknown key${hint}`);
      }
    } else if (issue.code === 'invalid_type' && issue.input === undefined) {
      add(segments, 'is required');
    } else if (issue.code === 'invalid_type' && typeof issue.input === 'number') {
      add(segments, `${show(issue.input)} is not a finite number`);
    } else if (issue.code === 'invalid_type' && !issue.message.startsWith('Invalid input')) {
      add(segments, issue.message);
    } else if (issue.code === 'invalid_type') {
      const got = issue.input === null ? 'null' : show(issue.input);
      add(segments, `expected ${describeExpected(issue.expected)}, got ${got}`);
    } else {
      add(segments, issue.message);
    }
  }
  return found;
}
