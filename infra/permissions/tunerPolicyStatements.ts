/**
 * The tuner's IAM statements, least privilege and per knob (docs/decisions/0025-tuner-iam-per-knob.md).
 * IAM cannot limit UpdateFunctionConfiguration to `MemorySize`, so each write action is granted
 * only on the functions whose config tunes the knob that needs it; the actuator's own test shows
 * that MemorySize is all it ever sends (test/infra/memoryOnlyUpdates.test.ts).
 *
 * Resources follow the Service Authorization Reference: function-level actions on the
 * unqualified function ARN; provisioned-concurrency actions on alias/version ARNs.
 */

import { Knob } from '@lambda-thermostat/tuner/config';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';

/** One target as the policy sees it. */
export interface PolicyTarget {
  /** Unqualified function ARN (may be a token). */
  readonly functionArn: string;
  readonly qualifier: string;
  readonly qualifierIsVersion: boolean;
  /** The knobs the validated config tunes for this target. */
  readonly tune: readonly Knob[];
}

/** Everything the statements are scoped to. */
export interface TunerPolicyInput {
  readonly targets: readonly PolicyTarget[];
  /** The reports bucket's ARN and the prefix under which reports and memory live. */
  readonly reports: { readonly bucketArn: string; readonly prefix: string };
  /** The SSM parameter holding the config, when the config lives there. */
  readonly configParameterArn?: string;
}

/** Statement ids, so tests and readers can find each grant. */
export const TunerStatementId = {
  READ_TARGETS: 'ReadTargets',
  READ_ACCOUNT: 'ReadAccountSettings',
  READ_METRICS: 'ReadMetrics',
  TUNE_PROVISIONED: 'TuneProvisionedConcurrency',
  TUNE_RESERVED: 'TuneReservedConcurrency',
  TUNE_MEMORY: 'TuneMemory',
  REPORTS_OBJECTS: 'ReportsAndMemoryObjects',
  REPORTS_LIST: 'ReportsPrefixListing',
  READ_CONFIG: 'ReadConfigParameter',
} as const;

const unique = (values: readonly string[]): string[] => [...new Set(values)];

/**
 * Where provisioned concurrency may go for a target: the version itself for a version target;
 * for an alias target, the function's qualified ARNs, because the tuner places it on the version
 * the alias points to (and, for a memory change, on the next version before the alias moves:
 * docs/decisions/0003-memory-change-workflow.md) and version numbers are not known at synth.
 */
function provisionedResources(target: PolicyTarget): string[] {
  return target.qualifierIsVersion
    ? [`${target.functionArn}:${target.qualifier}`]
    : [`${target.functionArn}:*`];
}

/**
 * Builds the statements.
 *
 * @example
 * ```ts
 * const statements = tunerPolicyStatements({
 *   targets: [{ functionArn: fn.functionArn, qualifier: 'live', qualifierIsVersion: false, tune: ['provisionedConcurrency'] }],
 *   reports: { bucketArn: bucket.bucketArn, prefix: 'thermostat/' },
 * });
 * for (const statement of statements) role.addToPrincipalPolicy(statement);
 * ```
 */
export function tunerPolicyStatements(input: TunerPolicyInput): PolicyStatement[] {
  const { targets } = input;
  const tuning = (knob: Knob) => targets.filter((t) => t.tune.includes(knob));
  const statements: PolicyStatement[] = [
    new PolicyStatement({
      sid: TunerStatementId.READ_TARGETS,
      effect: Effect.ALLOW,
      actions: [
        'lambda:GetAlias',
        'lambda:GetFunctionConfiguration',
        'lambda:GetFunctionConcurrency',
        'lambda:GetProvisionedConcurrencyConfig',
        'lambda:ListTags',
      ],
      // The function and its versions and aliases: reading a target reads its alias's version.
      resources: unique(targets.flatMap((t) => [t.functionArn, `${t.functionArn}:*`])),
    }),
    new PolicyStatement({
      sid: TunerStatementId.READ_ACCOUNT,
      effect: Effect.ALLOW,
      // Account-level: no resource-level permissions exist for it.
      actions: ['lambda:GetAccountSettings'],
      resources: ['*'],
    }),
    new PolicyStatement({
      sid: TunerStatementId.READ_METRICS,
      effect: Effect.ALLOW,
      // GetMetricData has no resource-level permissions.
      actions: ['cloudwatch:GetMetricData'],
      resources: ['*'],
    }),
  ];

  // A memory change moves provisioned concurrency to the new version: it needs the PC actions too.
  const placesProvisioned = targets.filter(
    (t) => t.tune.includes(Knob.PROVISIONED_CONCURRENCY) || t.tune.includes(Knob.MEMORY),
  );
  if (placesProvisioned.length > 0)
    statements.push(
      new PolicyStatement({
        sid: TunerStatementId.TUNE_PROVISIONED,
        effect: Effect.ALLOW,
        actions: [
          'lambda:PutProvisionedConcurrencyConfig',
          'lambda:DeleteProvisionedConcurrencyConfig',
        ],
        resources: unique(placesProvisioned.flatMap(provisionedResources)),
      }),
    );

  const reserved = tuning(Knob.RESERVED_CONCURRENCY);
  if (reserved.length > 0)
    statements.push(
      new PolicyStatement({
        sid: TunerStatementId.TUNE_RESERVED,
        effect: Effect.ALLOW,
        actions: ['lambda:PutFunctionConcurrency', 'lambda:DeleteFunctionConcurrency'],
        resources: unique(reserved.map((t) => t.functionArn)),
      }),
    );

  const memory = tuning(Knob.MEMORY);
  if (memory.length > 0)
    statements.push(
      new PolicyStatement({
        sid: TunerStatementId.TUNE_MEMORY,
        effect: Effect.ALLOW,
        actions: [
          'lambda:UpdateFunctionConfiguration',
          'lambda:PublishVersion',
          'lambda:UpdateAlias',
        ],
        resources: unique(memory.map((t) => t.functionArn)),
      }),
    );

  const { bucketArn, prefix } = input.reports;
  statements.push(
    new PolicyStatement({
      sid: TunerStatementId.REPORTS_OBJECTS,
      effect: Effect.ALLOW,
      actions: ['s3:GetObject', 's3:PutObject'],
      resources: [`${bucketArn}/${prefix}*`],
    }),
    new PolicyStatement({
      sid: TunerStatementId.REPORTS_LIST,
      effect: Effect.ALLOW,
      // Without it S3 answers a read of the not-yet-written memory with AccessDenied, not NoSuchKey.
      actions: ['s3:ListBucket'],
      resources: [bucketArn],
      conditions: { StringLike: { 's3:prefix': [`${prefix}*`] } },
    }),
  );

  if (input.configParameterArn !== undefined)
    statements.push(
      new PolicyStatement({
        sid: TunerStatementId.READ_CONFIG,
        effect: Effect.ALLOW,
        actions: ['ssm:GetParameter'],
        resources: [input.configParameterArn],
      }),
    );
  return statements;
}
