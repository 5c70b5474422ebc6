/** One problem in a config: where it is and what is wrong, on one line. */
export interface ConfigIssue {
  /** Dotted path into the config, e.g. `targets[1].bounds.memoryMb`; `(config)` for the whole. */
  readonly path: string;
  readonly message: string;
  /** 1-based line in the source text, when known. */
  readonly line?: number;
}

/**
 * Formats an issue as the one line a user sees.
 *
 * @example
 * ```ts
 * formatConfigIssue({ path: 'targets[1].bounds.memoryMb', message: '12000 is above the Lambda maximum 10240', line: 9 });
 * // 'targets[1].bounds.memoryMb: 12000 is above the Lambda maximum 10240 (line 9)'
 * ```
 */
export function formatConfigIssue(issue: ConfigIssue): string {
  const where = issue.line === undefined ? '' : ` (line ${issue.line})`;
  return `${issue.path}: ${issue.message}${where}`;
}

/**
 * The config is not valid: `issues` lists every problem found, one line each.
 *
 * @example
 * ```ts
 * try {
 *   parseConfig(text, { fileName: 'thermostat.config.yaml' });
 * } catch (error) {
 *   if (error instanceof ConfigError) for (const issue of error.issues) console.error(formatConfigIssue(issue));
 * }
 * ```
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly ConfigIssue[], source?: string) {
    const heading = `Invalid thermostat config${source === undefined ? '' : ` ${source}`}`;
    const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
    super(`${heading} (${count}):\n${issues.map((i) => `  ${formatConfigIssue(i)}`).join('\n')}`);
    this.issues = issues;
  }
}
