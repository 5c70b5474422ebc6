/**
 * The construct's props → the tuner's SLO config, in the shape a user writes it
 * (tuner/core/config/configSchema.ts), validated at synth time by the tuner's own
 * `validateConfig`: a bad config fails `cdk synth` with the message the CLI prints.
 *
 * Values known only at deploy time (function ARNs, bucket names: CDK tokens) are validated as a
 * placeholder that passes every name check; everything the user wrote is validated as written.
 */

import type { GuardrailsInput, ThermostatConfig, TunerMode } from '@lambda-thermostat/tuner/config';
import { validateConfig } from '@lambda-thermostat/tuner/config';
import { Token, Tokenization } from 'aws-cdk-lib';
import type { ResolvedTarget } from '../targets/tunedTarget.ts';

/**
 * Stands for a deploy-time value during validation: a valid function, alias and bucket name,
 * numbered per distinct token so that two targets are duplicates only when their tokens are.
 */
export const DEPLOY_TIME_PLACEHOLDER_PREFIX = 'deploy-time-';

/** What the config is built from. */
export interface TunerConfigDocumentInput {
  readonly targets: readonly ResolvedTarget[];
  readonly mode?: TunerMode;
  readonly schedule?: string;
  readonly namespace?: string;
  /** `s3://bucket/prefix/` (the bucket part may be a token). */
  readonly reportsUrl: string;
  readonly guardrails?: GuardrailsInput;
}

/** The config document (tokens left in place, for the deployment) and its validated reading. */
export interface TunerConfigDocument {
  readonly document: Record<string, unknown>;
  readonly validated: ThermostatConfig;
}

/**
 * Builds and validates the config.
 *
 * @throws ConfigError with the same path-precise issues the CLI prints, e.g.
 *   `targets[0].bounds.memoryMb: 12000 is above the Lambda maximum 10240`.
 * @example
 * ```ts
 * const { document, validated } = buildTunerConfigDocument(
 *   { targets: [resolveTarget({ alias, slo: { p99Ms: 300 } })], reportsUrl: 's3://b/thermostat/' },
 *   'InferenceTuner Tuner',
 * );
 * validated.targets[0]?.tune; // ['provisionedConcurrency', 'memory', 'reservedConcurrency']
 * ```
 */
export function buildTunerConfigDocument(
  input: TunerConfigDocumentInput,
  source: string,
): TunerConfigDocument {
  const document: Record<string, unknown> = {
    ...(input.mode === undefined ? {} : { mode: input.mode }),
    ...(input.schedule === undefined ? {} : { schedule: input.schedule }),
    ...(input.namespace === undefined ? {} : { namespace: input.namespace }),
    targets: input.targets.map(targetDocument),
    reports: { s3: input.reportsUrl },
    ...(input.guardrails === undefined ? {} : { guardrails: input.guardrails }),
  };
  const validated = validateConfig(withPlaceholders(document, new Map()), { source });
  return { document, validated };
}

function targetDocument(target: ResolvedTarget): Record<string, unknown> {
  const { tuning } = target;
  return {
    function: target.functionArn,
    alias: target.qualifier,
    slo: tuning.slo,
    ...(tuning.bounds === undefined ? {} : { bounds: tuning.bounds }),
    ...(tuning.tune === undefined ? {} : { tune: tuning.tune }),
    ...(tuning.budget === undefined ? {} : { budget: tuning.budget }),
    ...(tuning.allowZeroReserved === undefined
      ? {}
      : { allowZeroReserved: tuning.allowZeroReserved }),
    ...(tuning.paused === undefined ? {} : { paused: tuning.paused }),
  };
}

/**
 * A deep copy with every deploy-time value replaced by the placeholder: a string holding a token
 * becomes the placeholder as a whole (an ARN half known is no ARN), except in the reports URL,
 * where only the bucket is a token and the prefix the user wrote is checked as written.
 */
function withPlaceholders(value: unknown, seen: Map<string, string>): unknown {
  const placeholder = (token: string): string => {
    let name = seen.get(token);
    if (name === undefined) {
      name = `${DEPLOY_TIME_PLACEHOLDER_PREFIX}${seen.size}`;
      seen.set(token, name);
    }
    return name;
  };
  if (typeof value === 'string') {
    if (!Token.isUnresolved(value)) return value;
    if (!value.startsWith('s3://')) return placeholder(value);
    return Tokenization.reverseString(value)
      .mapTokens({ mapToken: (token) => placeholder(String(token)) })
      .join({ join: (left, right) => `${String(left)}${String(right)}` });
  }
  if (Array.isArray(value)) return value.map((item) => withPlaceholders(item, seen));
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, withPlaceholders(item, seen)]),
    );
  return value;
}
