/**
 * JSON or YAML text → a plain value, strictly: what JSON.parse and a YAML loader let through
 * silently (a duplicate key taking the last value, `1e400` and `.inf` becoming Infinity, `0x10`
 * becoming 16, aliases expanding without end, a 10 MB file parsed for seconds) is an issue with
 * its path and line, in the user's terms. Pure: the caller reads the text. Shared by the config
 * and the profile readers (docs/decisions/0010-bounded-strict-inputs.md).
 */
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseDocument,
  Scalar,
} from 'yaml';
import { formatConfigPath, type PathSegments } from './configPath.ts';

/** The text's format. */
export const StructuredTextFormat = {
  JSON: 'json',
  YAML: 'yaml',
} as const;
export type StructuredTextFormat = (typeof StructuredTextFormat)[keyof typeof StructuredTextFormat];

/** One problem found in the text: where (path and line) and what. */
export interface StructuredTextIssue {
  /** `(syntax)`, the document's own name for the whole (e.g. `(config)`), or a field path. */
  readonly path: string;
  readonly message: string;
  /** 1-based line, when known. */
  readonly line?: number;
}

/** How to read the text. */
export interface StructuredTextOptions {
  readonly format: StructuredTextFormat;
  /** The longest text accepted, characters; checked before anything is parsed. */
  readonly maxChars: number;
  /** What the whole is called in issues, e.g. `(config)`. */
  readonly rootName: string;
}

/** A parsed text: its value, and the line of any path in it. */
export interface StructuredText {
  readonly value: unknown;
  /** The 1-based line of the deepest node on the path (a missing key: its parent's). */
  readonly locate: (segments: PathSegments) => number | undefined;
}

/** The text could not be read; `issues` says why, each with its place. */
export class StructuredTextError extends Error {
  readonly issues: readonly StructuredTextIssue[];

  constructor(issues: readonly StructuredTextIssue[]) {
    super(issues.map((i) => `${i.path}: ${i.message}`).join('; '));
    this.name = 'StructuredTextError';
    this.issues = issues;
  }
}

/** Expanded aliases allowed in one document (the YAML library's default, made explicit). */
const MAX_ALIAS_EXPANSIONS = 100;
/** A number as JSON writes it (YAML's decimal notation is the same). */
const DECIMAL_NUMBER = /^-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?$/;

/**
 * Parses JSON or YAML text strictly; throws {@link StructuredTextError} listing every problem:
 * text over `maxChars` (nothing parsed), a syntax error, a key given twice, a number that is not
 * finite (`1e400`, `.inf`, `.nan`) or not in decimal notation (`0x10`, `0o17`, `+5`), aliases
 * that expand past 100 copies.
 *
 * @example
 * ```ts
 * const { value } = parseStructuredText('{"a": 1}', { format: 'json', maxChars: 1 << 20, rootName: '(config)' });
 * parseStructuredText('a: 1e400', { format: 'yaml', maxChars: 1 << 20, rootName: '(config)' });
 * // throws StructuredTextError: a: 1e400 is not a finite number (line 1)
 * ```
 */
export function parseStructuredText(text: string, options: StructuredTextOptions): StructuredText {
  if (text.length > options.maxChars) {
    throw new StructuredTextError([
      {
        path: options.rootName,
        message: `the text is ${text.length.toLocaleString('en-US')} characters, more than the limit of ${options.maxChars.toLocaleString('en-US')}: nothing was read`,
      },
    ]);
  }
  const lines = new LineCounter();
  // prettyErrors off: the library's excerpt of a deeply nested line can exhaust the heap.
  const document = parseDocument(text, {
    lineCounter: lines,
    prettyErrors: false,
    uniqueKeys: false,
  });
  const lineAt = (offset: number | undefined) =>
    offset === undefined ? undefined : lines.linePos(offset).line;

  let value: unknown;
  if (options.format === StructuredTextFormat.JSON) {
    try {
      value = JSON.parse(text);
    } catch (error) {
      // JSON.parse does not say where; the YAML parser usually does.
      throw syntaxError(
        `JSON syntax error: ${(error as Error).message.replace(/\s+/g, ' ')}`,
        lineAt(document.errors[0]?.pos[0]),
      );
    }
  } else if (document.errors.length > 0) {
    const first = document.errors[0];
    throw syntaxError(
      `YAML syntax error: ${yamlMessage(first?.message ?? '')}`,
      lineAt(first?.pos[0]),
    );
  }

  const issues: StructuredTextIssue[] = [];
  // A JSON text the YAML parser cannot follow has no positions, and nothing to walk.
  if (document.errors.length === 0) {
    walk(document.contents, [], (segments, node, message) => {
      const line = lineAt(node.range?.[0]);
      const path = segments.length === 0 ? options.rootName : formatConfigPath(segments);
      issues.push(line === undefined ? { path, message } : { path, message, line });
    });
  }
  if (issues.length > 0) throw new StructuredTextError(issues);

  if (options.format === StructuredTextFormat.YAML) {
    try {
      value = document.toJS({ maxAliasCount: MAX_ALIAS_EXPANSIONS });
    } catch (error) {
      if (error instanceof ReferenceError && /alias/i.test(error.message)) {
        throw syntaxError(
          `the aliases (*name) expand into more than ${MAX_ALIAS_EXPANSIONS} copies: write the repeated parts out, or repeat them less`,
        );
      }
      throw syntaxError(`cannot read the YAML: ${yamlMessage((error as Error).message)}`);
    }
  }
  return {
    value,
    locate: (segments) =>
      document.errors.length > 0 ? undefined : lineAt(offsetOf(document.contents, segments)),
  };
}

type Report = (segments: PathSegments, node: Node, message: string) => void;

/** Finds duplicate keys and numbers that are not finite or not decimal, depth first. */
function walk(node: unknown, segments: PathSegments, report: Report): void {
  if (isMap(node)) {
    const seen = new Set<unknown>();
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? pair.key.value : pair.key;
      const keyPath = [...segments, String(key)];
      if (seen.has(key) && isScalar(pair.key)) {
        report(keyPath, pair.key, 'the key is given twice: give each key once');
      }
      seen.add(key);
      walk(pair.value, keyPath, report);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => {
      walk(item, [...segments, index], report);
    });
  } else if (isScalar(node) && !isAlias(node)) {
    const problem = numberProblem(node);
    if (problem !== null) report(segments, node, problem);
  }
}

function numberProblem(node: Scalar): string | null {
  if (typeof node.value !== 'number' || node.type !== Scalar.PLAIN) return null;
  const source = (node.source ?? String(node.value)).trim();
  if (!Number.isFinite(node.value)) {
    return DECIMAL_NUMBER.test(source)
      ? `${source} is too large to be a number (not a finite number)`
      : `${source} is not a finite number: give a decimal number`;
  }
  if (!DECIMAL_NUMBER.test(source)) {
    return `${source} is not written in decimal: write ${String(node.value)}`;
  }
  return null;
}

function syntaxError(message: string, line?: number): StructuredTextError {
  return new StructuredTextError([
    line === undefined ? { path: '(syntax)', message } : { path: '(syntax)', message, line },
  ]);
}

/** The library's message without its position suffix; a stack overflow in the user's terms. */
function yamlMessage(message: string): string {
  const first = (message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
  return /maximum call stack/i.test(first) ? 'nested too deeply to read' : first;
}

/** Source offset of the deepest node on the path (a missing key points at its parent). */
function offsetOf(root: unknown, segments: PathSegments): number | undefined {
  let node = root as Node | null | undefined;
  let offset = node?.range?.[0];
  for (const segment of segments) {
    if (node === null || node === undefined) break;
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && item.key.value === segment);
      if (pair === undefined) break;
      offset = isScalar(pair.key) ? pair.key.range?.[0] : offset;
      node = pair.value as Node | null;
    } else if ('items' in node && Array.isArray(node.items) && typeof segment === 'number') {
      node = node.items[segment] as Node | undefined;
      offset = node?.range?.[0] ?? offset;
    } else break;
  }
  return offset;
}
