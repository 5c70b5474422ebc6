/**
 * A target as the construct takes it (CDK objects) and as the rest of the construct uses it:
 * the unqualified function ARN, the qualifier, and whether that qualifier is a version.
 */

import type { Knob, SloInput } from '@lambda-thermostat/tuner/config';
import { Token } from 'aws-cdk-lib';
import type { IAlias, IFunction, IVersion } from 'aws-cdk-lib/aws-lambda';

/** The SLO, bounds and knobs of one target, as in the tuner's config (see README, "The tuner"). */
export interface TargetTuning {
  /**
   * The SLO on `EndToEndLatency`, as in the tuner's config: `{ p99Ms }` (period-based: p99 per
   * 5-minute period) or `{ requestBasedSli: { latencyMs } }`, each with an optional `goal`
   * (attainment goal, rolling or calendar interval, warning threshold). The tuner steers to it
   * and, with `serviceLevelObjectives`, CloudWatch Application Signals tracks the same SLO.
   */
  readonly slo: SloInput;
  readonly bounds?: {
    readonly memoryMb?: readonly [number, number];
    readonly provisionedConcurrency?: readonly [number, number];
    readonly reservedConcurrency?: readonly [number | null, number | null];
  };
  /** Knobs the tuner may turn. Default: all three. The IAM policy follows this list. */
  readonly tune?: readonly Knob[];
  readonly budget?: { readonly maxMonthlyUsd: number };
  readonly allowZeroReserved?: boolean;
  readonly paused?: boolean;
}

/** A target given by alias: the tuner steers the version the alias points to. */
export interface AliasTarget extends TargetTuning {
  readonly alias: IAlias;
}

/** A target given by function and published version (a version number or an `IVersion`). */
export interface VersionTarget extends TargetTuning {
  readonly function: IFunction;
  readonly version: IVersion | string;
}

/** One target of the construct. */
export type InferenceTunerTarget = AliasTarget | VersionTarget;

/** A target reduced to what the config, the policy, the dashboard and the SLOs need. */
export interface ResolvedTarget {
  readonly function: IFunction;
  /** Unqualified function ARN (may be a token). */
  readonly functionArn: string;
  readonly functionName: string;
  /** Alias name or version number (may be a token). */
  readonly qualifier: string;
  readonly qualifierIsVersion: boolean;
  readonly tuning: TargetTuning;
}

/**
 * Reduces a target to its function and qualifier.
 *
 * @example
 * ```ts
 * const resolved = resolveTarget({ alias: live, slo: { p99Ms: 300 } });
 * resolved.qualifier; // 'live'
 * ```
 */
export function resolveTarget(target: InferenceTunerTarget): ResolvedTarget {
  if ('alias' in target) {
    const fn = target.alias.version.lambda;
    return {
      function: fn,
      functionArn: fn.functionArn,
      functionName: fn.functionName,
      qualifier: target.alias.aliasName,
      qualifierIsVersion: false,
      tuning: target,
    };
  }
  const version = typeof target.version === 'string' ? target.version : target.version.version;
  return {
    function: target.function,
    functionArn: target.function.functionArn,
    functionName: target.function.functionName,
    qualifier: version,
    qualifierIsVersion: true,
    tuning: target,
  };
}

/** True when a value is known only at deploy time (a CDK token). */
export const isDeployTime = (value: string): boolean => Token.isUnresolved(value);
