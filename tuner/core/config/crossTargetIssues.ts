import { Knob, type TargetRef } from '../plan.ts';
import type { PathIssue } from './configPath.ts';
import type { TargetConfig } from './thermostatConfig.ts';

/**
 * Rules across targets: no function endpoint twice, and reserved concurrency (a per-function
 * setting) tuned by at most one target of each function, or two targets would fight over it.
 *
 * Two targets name the same function when name (and qualifier) match and neither the Region nor
 * the account tells them apart: a target without a Region runs in the default Region and one
 * without an account in the caller's, so either may be the other. The same name in two accounts
 * (or Regions) is two functions.
 *
 * @example
 * ```ts
 * crossTargetIssues([a, a]); // [{ segments: ['targets', 1], message: 'duplicates targets[0] (ocr:live)' }]
 * ```
 */
export function crossTargetIssues(targets: readonly TargetConfig[]): PathIssue[] {
  const issues: PathIssue[] = [];
  const kept: { readonly target: TargetConfig; readonly index: number }[] = [];
  const reservedTuners: { readonly target: TargetConfig; readonly index: number }[] = [];
  targets.forEach((target, index) => {
    const first = kept.find((other) => sameEndpoint(other.target.ref, target.ref));
    if (first !== undefined) {
      const label = `${target.functionName}:${target.qualifier}`;
      const why = [
        ...(first.target.ref.region === target.ref.region
          ? []
          : ['a target without a Region runs in the default one']),
        ...(first.target.ref.accountId === target.ref.accountId
          ? []
          : ["a target without an account is in the caller's"]),
      ];
      issues.push({
        segments: ['targets', index],
        message: `duplicates targets[${first.index}] (${label})${why.length === 0 ? '' : `: ${why.join(', and ')}`}`,
      });
      return;
    }
    kept.push({ target, index });
    if (!target.tune.includes(Knob.RESERVED_CONCURRENCY)) return;
    const owner = reservedTuners.find((other) => sameFunction(other.target.ref, target.ref));
    if (owner === undefined) reservedTuners.push({ target, index });
    else
      issues.push({
        segments: ['targets', index, 'tune'],
        message: `reservedConcurrency is set per function and targets[${owner.index}] already tunes it for "${target.functionName}"`,
      });
  });
  return issues;
}

/** Unknown (absent) matches anything: the default Region, the caller's account. */
const mayMatch = (a: string | undefined, b: string | undefined): boolean =>
  a === undefined || b === undefined || a === b;

function sameFunction(a: TargetRef, b: TargetRef): boolean {
  return (
    a.functionName === b.functionName &&
    mayMatch(a.region, b.region) &&
    mayMatch(a.accountId, b.accountId)
  );
}

function sameEndpoint(a: TargetRef, b: TargetRef): boolean {
  return sameFunction(a, b) && a.qualifier === b.qualifier;
}
