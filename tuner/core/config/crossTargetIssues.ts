import { Knob } from '../plan.ts';
import { targetKey } from '../ports.ts';
import type { PathIssue } from './configPath.ts';
import type { TargetConfig } from './thermostatConfig.ts';

/**
 * Rules across targets: no target twice, and reserved concurrency (a per-function setting) tuned
 * by at most one target of each function, or two targets would fight over it.
 *
 * @example
 * ```ts
 * crossTargetIssues([a, a]); // [{ segments: ['targets', 1], message: 'duplicates targets[0] (ocr:live)' }]
 * ```
 */
export function crossTargetIssues(targets: readonly TargetConfig[]): PathIssue[] {
  const issues: PathIssue[] = [];
  const firstByKey = new Map<string, number>();
  const reservedTunerByFunction = new Map<string, number>();
  targets.forEach((target, index) => {
    const key = targetKey(target.ref);
    const first = firstByKey.get(key);
    if (first === undefined) firstByKey.set(key, index);
    else {
      const label = `${target.functionName}:${target.qualifier}`;
      issues.push({
        segments: ['targets', index],
        message: `duplicates targets[${first}] (${label})`,
      });
      return;
    }
    if (!target.tune.includes(Knob.RESERVED_CONCURRENCY)) return;
    const functionKey = `${target.region ?? ''}:${target.functionName}`;
    const owner = reservedTunerByFunction.get(functionKey);
    if (owner === undefined) reservedTunerByFunction.set(functionKey, index);
    else
      issues.push({
        segments: ['targets', index, 'tune'],
        message: `reservedConcurrency is set per function and targets[${owner}] already tunes it for "${target.functionName}"`,
      });
  });
  return issues;
}
