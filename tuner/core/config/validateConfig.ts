/**
 * A config value (already parsed from JSON or YAML) → the validated, defaulted
 * {@link ThermostatConfig}, or a {@link ConfigError} listing every problem.
 */
import { CONFIG_DEFAULTS } from './configDefaults.ts';
import { ConfigError, type ConfigIssue } from './configError.ts';
import { formatConfigPath, type PathIssue, type PathSegments } from './configPath.ts';
import { configInputSchema, targetInputSchema } from './configSchema.ts';
import { crossTargetIssues } from './crossTargetIssues.ts';
import { resolveGuardrails } from './resolveGuardrails.ts';
import { resolveTarget } from './resolveTarget.ts';
import { parseSchedule } from './schedule.ts';
import type { TargetConfig, ThermostatConfig } from './thermostatConfig.ts';
import { toPathIssues } from './zodIssues.ts';

/** Where problems are reported from. */
export interface ValidateConfigOptions {
  /** Names the source in the error message, e.g. the file name. */
  readonly source?: string;
  /** Finds the 1-based source line of a path, when the text is at hand. */
  readonly locate?: (segments: PathSegments) => number | undefined;
}

/**
 * Validates a parsed config and fills in its defaults.
 *
 * @throws ConfigError with one issue per problem, paths like `targets[1].bounds.memoryMb`.
 * @example
 * ```ts
 * const config = validateConfig({ targets: [{ function: 'ocr', alias: 'live', slo: { p99Ms: 300 } }] });
 * config.mode; // 'recommend'
 * config.targets[0]?.bounds.memoryMb; // [128, 10240]
 * ```
 */
export function validateConfig(
  value: unknown,
  options: ValidateConfigOptions = {},
): ThermostatConfig {
  const issues: PathIssue[] = [];
  const root = configInputSchema.safeParse(value, { reportInput: true });
  if (!root.success) issues.push(...toPathIssues(root.error.issues, [], configInputSchema));

  const rawTargets = targetsOf(value);
  const defaultRegion = root.success ? root.data.region : undefined;
  const targets: TargetConfig[] = [];
  rawTargets.forEach((raw, index) => {
    const parsed = targetInputSchema.safeParse(raw, { reportInput: true });
    if (!parsed.success) {
      issues.push(...toPathIssues(parsed.error.issues, ['targets', index], targetInputSchema));
      return;
    }
    const resolved = resolveTarget(parsed.data, index, defaultRegion);
    issues.push(...resolved.issues);
    if (resolved.target !== undefined) targets.push(resolved.target);
  });
  if (issues.length === 0) issues.push(...crossTargetIssues(targets));

  const guardrails = resolveGuardrails(root.success ? root.data.guardrails : undefined);
  if (root.success) issues.push(...guardrails.issues);

  if (!root.success || issues.length > 0) {
    const located = issues.map((issue) => locateIssue(issue, options.locate));
    // In source order when the text is at hand: the order a user fixes them in.
    const inSourceOrder = located
      .map((issue, position) => ({ issue, position }))
      .sort(
        (a, b) =>
          (a.issue.line ?? Infinity) - (b.issue.line ?? Infinity) || a.position - b.position,
      )
      .map(({ issue }) => issue);
    throw new ConfigError(inSourceOrder, options.source);
  }
  const input = root.data;
  const schedule = input.schedule ?? CONFIG_DEFAULTS.schedule;
  const parsedSchedule = parseSchedule(schedule);
  return {
    mode: input.mode ?? CONFIG_DEFAULTS.mode,
    schedule,
    scheduleIntervalMinutes: parsedSchedule?.kind === 'rate' ? parsedSchedule.minutes : null,
    namespace: input.namespace ?? CONFIG_DEFAULTS.namespace,
    ...(input.region === undefined ? {} : { region: input.region }),
    targets,
    ...(input.reports === undefined ? {} : { reports: reportsOf(input.reports) }),
    guardrails: guardrails.guardrails,
  };
}

function targetsOf(value: unknown): readonly unknown[] {
  if (typeof value !== 'object' || value === null || !('targets' in value)) return [];
  return Array.isArray(value.targets) ? value.targets : [];
}

function reportsOf(reports: { s3?: string | undefined; dir?: string | undefined }) {
  return reports.s3 !== undefined ? { s3: reports.s3 } : { dir: reports.dir ?? '' };
}

function locateIssue(issue: PathIssue, locate: ValidateConfigOptions['locate']): ConfigIssue {
  const path = formatConfigPath(issue.segments);
  const line = locate?.(issue.segments);
  return line === undefined
    ? { path, message: issue.message }
    : { path, message: issue.message, line };
}
