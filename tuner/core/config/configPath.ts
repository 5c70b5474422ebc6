/** A path into the config as segments: keys and array indexes. */
export type PathSegments = readonly (string | number)[];

/** A problem found at a path, before it is located in the source text. */
export interface PathIssue {
  readonly segments: PathSegments;
  readonly message: string;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * Writes path segments the way a user reads them; the empty path is `(config)`.
 *
 * @example
 * ```ts
 * formatConfigPath(['targets', 1, 'bounds', 'memoryMb']); // 'targets[1].bounds.memoryMb'
 * ```
 */
export function formatConfigPath(segments: PathSegments): string {
  if (segments.length === 0) return '(config)';
  let text = '';
  for (const segment of segments) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) text += text === '' ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}
