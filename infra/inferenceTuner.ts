/**
 * `InferenceTuner`: deploys the lambda-thermostat tuner for a set of Lambda aliases or versions.
 * A facade over one construct per concern (config, function, permissions, schedule, reports,
 * alarms, dashboard, SLOs), as in cdklabs/cdk-monitoring-constructs.
 */

import type { GuardrailsInput, ThermostatConfig, TunerMode } from '@lambda-thermostat/tuner/config';
import { MAX_TARGETS_PER_SHARD, shardRanges } from '@lambda-thermostat/tuner/shards';
import { Stack } from 'aws-cdk-lib';
import type { IAlarmAction } from 'aws-cdk-lib/aws-cloudwatch';
import type { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { ParameterTier, StringParameter } from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { TunerAlarms } from './alarms/tunerAlarms.ts';
import { buildTunerConfigDocument } from './config/tunerConfigDocument.ts';
import { FleetDashboard } from './dashboard/fleetDashboard.ts';
import { TunerFunction, type TunerRuntime } from './function/tunerFunction.ts';
import { acknowledgeWildcards, WILDCARD_REASONS } from './permissions/acknowledgedFindings.ts';
import { TunerStatementId, tunerPolicyStatements } from './permissions/tunerPolicyStatements.ts';
import { TunerReportsBucket, type TunerReportsProps } from './reports/tunerReportsBucket.ts';
import { TunerSchedule } from './schedule/tunerSchedule.ts';
import { ShardedTunerCycle } from './sharding/shardedTunerCycle.ts';
import { TargetServiceLevelObjectives } from './slo/targetServiceLevelObjectives.ts';
import { type InferenceTunerTarget, resolveTarget } from './targets/tunedTarget.ts';

/** Where the deployed tuner reads its config. */
export const ConfigSource = {
  /** `THERMOSTAT_CONFIG` (Lambda's 4 KB environment limit applies). */
  ENVIRONMENT: 'environment',
  /** An SSM parameter the construct creates (`THERMOSTAT_CONFIG_SSM`), read every cycle. */
  SSM: 'ssm',
} as const;
export type ConfigSource = (typeof ConfigSource)[keyof typeof ConfigSource];

/** Props of {@link InferenceTuner}. */
export interface InferenceTunerProps {
  /** The aliases or versions to tune, each with its SLO, bounds and knobs. */
  readonly targets: readonly InferenceTunerTarget[];
  /** `recommend` (default: plan and report, change nothing) or `apply`. */
  readonly mode?: TunerMode;
  /** EventBridge schedule expression. Default `rate(5 minutes)`. */
  readonly schedule?: string;
  /** The SDK's EMF namespace. Default `LambdaThermostat`. */
  readonly namespace?: string;
  readonly reports?: TunerReportsProps;
  readonly guardrails?: GuardrailsInput;
  /** Default: the environment while the config fits in it. */
  readonly configSource?: ConfigSource;
  readonly runtime?: TunerRuntime;
  readonly logRetention?: RetentionDays;
  /** Notified by every tuner alarm. */
  readonly alarmActions?: readonly IAlarmAction[];
  /** A CloudWatch dashboard of the fleet. Default false. */
  readonly dashboard?: boolean | { readonly dashboardName?: string };
  /**
   * An Application Signals SLO per target, the one in the target's `slo` (its goal and interval
   * included: the tuner's error budget and CloudWatch's are the same). Default false.
   */
  readonly serviceLevelObjectives?: boolean;
  /**
   * Above `maxTargetsPerShard` targets (default {@link MAX_TARGETS_PER_SHARD}, what one
   * invocation plans in a minute) the cycle runs as a Step Functions state machine of shards
   * (./sharding/shardedTunerCycle.ts); `maxConcurrency` shards at once (default 10).
   */
  readonly sharding?: { readonly maxTargetsPerShard?: number; readonly maxConcurrency?: number };
}

/** Lambda's limit on all environment variables of a function together, bytes. */
export const LAMBDA_ENVIRONMENT_LIMIT_BYTES = 4096;
/** Room a deploy-time value (an ARN, a bucket name) may take once resolved, bytes. */
const DEPLOY_TIME_VALUE_BYTES = 140;
/** Lambda's limit on a standard SSM parameter, bytes; advanced ones take 8 KB. */
const STANDARD_PARAMETER_LIMIT_BYTES = 4096;

/**
 * Raised at synth time when the props cannot make a working deployment (a config too large
 * for its source); an invalid SLO config raises the tuner's own `ConfigError`.
 *
 * @example
 * ```ts
 * throw new InferenceTunerPropsError('the config does not fit in the environment');
 * ```
 */
export class InferenceTunerPropsError extends Error {
  override readonly name = 'InferenceTunerPropsError';
}

/**
 * The tuner, scheduled, with its reports bucket, least-privilege role and alarms.
 *
 * @example
 * ```ts
 * const live = new Alias(this, 'Live', { aliasName: 'live', version: ocr.currentVersion });
 * new InferenceTuner(this, 'Tuner', {
 *   mode: 'apply',
 *   targets: [{ alias: live, slo: { p99Ms: 300 }, bounds: { memoryMb: [1024, 4096] } }],
 *   dashboard: true,
 *   serviceLevelObjectives: true,
 * });
 * ```
 */
export class InferenceTuner extends Construct {
  /** The config the deployed tuner runs with, as validated at synth. */
  readonly config: ThermostatConfig;
  /** The function that tunes the targets (in a sharded deployment, the shard function). */
  readonly tuner: TunerFunction;
  /** The state machine of shards, when the fleet is larger than one invocation plans. */
  readonly sharded?: ShardedTunerCycle;
  readonly reports: TunerReportsBucket;
  readonly schedule: TunerSchedule;
  readonly alarms: TunerAlarms;
  /** The statements granted to the tuner for its targets, reports and config. */
  readonly policyStatements: readonly PolicyStatement[];
  readonly configParameter?: StringParameter;
  readonly dashboard?: FleetDashboard;
  readonly serviceLevelObjectives?: TargetServiceLevelObjectives;

  constructor(scope: Construct, id: string, props: InferenceTunerProps) {
    super(scope, id);
    const targets = props.targets.map(resolveTarget);
    this.reports = new TunerReportsBucket(this, 'Reports', props.reports);
    const { document, validated } = buildTunerConfigDocument(
      {
        targets,
        reportsUrl: this.reports.url,
        ...(props.mode === undefined ? {} : { mode: props.mode }),
        ...(props.schedule === undefined ? {} : { schedule: props.schedule }),
        ...(props.namespace === undefined ? {} : { namespace: props.namespace }),
        ...(props.guardrails === undefined ? {} : { guardrails: props.guardrails }),
      },
      `(InferenceTuner ${this.node.path})`,
    );
    this.config = validated;

    const maxPerShard = props.sharding?.maxTargetsPerShard ?? MAX_TARGETS_PER_SHARD;
    if (validated.targets.length > maxPerShard) {
      if (props.configSource !== undefined)
        throw new InferenceTunerPropsError(
          `configSource: a fleet of ${validated.targets.length} targets is sharded (more than ${maxPerShard} a shard), and each shard reads its config from S3: leave configSource unset`,
        );
      const shards = shardRanges(validated.targets.length, maxPerShard);
      const targetDocuments = document.targets as unknown[];
      this.sharded = new ShardedTunerCycle(this, 'Sharded', {
        shards,
        shardConfigs: shards.map((s) => ({
          ...document,
          targets: targetDocuments.slice(s.first, s.first + s.count),
        })),
        bucket: this.reports.bucket,
        ...(props.sharding?.maxConcurrency === undefined
          ? {}
          : { maxConcurrency: props.sharding.maxConcurrency }),
        ...(props.runtime === undefined ? {} : { runtime: props.runtime }),
        ...(props.logRetention === undefined ? {} : { logRetention: props.logRetention }),
      });
      this.tuner = this.sharded.shard;
    } else {
      const { environment, parameter } = this.#configSource(document, props.configSource);
      if (parameter !== undefined) this.configParameter = parameter;
      this.tuner = new TunerFunction(this, 'Function', {
        environment,
        ...(props.runtime === undefined ? {} : { runtime: props.runtime }),
        ...(props.logRetention === undefined ? {} : { logRetention: props.logRetention }),
      });
    }
    this.policyStatements = tunerPolicyStatements({
      targets: targets.map((target, index) => ({
        functionArn: target.functionArn,
        qualifier: target.qualifier,
        qualifierIsVersion: target.qualifierIsVersion,
        tune: validated.targets[index]?.tune ?? [],
      })),
      reports: { bucketArn: this.reports.bucket.bucketArn, prefix: this.reports.prefix },
      ...(this.configParameter === undefined
        ? {}
        : { configParameterArn: this.configParameter.parameterArn }),
    });
    for (const statement of this.policyStatements) this.tuner.role.addToPrincipalPolicy(statement);
    acknowledgeWildcards(this.tuner.role, this.policyStatements, (resource, statement) => {
      if (resource === '*') return WILDCARD_REASONS.star;
      if (statement.sid === TunerStatementId.REPORTS_OBJECTS) return WILDCARD_REASONS.objects;
      if (statement.sid === TunerStatementId.REPORTS_LIST) return WILDCARD_REASONS.listing;
      return WILDCARD_REASONS.qualified;
    });

    if (this.sharded !== undefined) {
      // The reconcile step reads and writes only the reports; it tunes nothing.
      const reportsOnly = this.policyStatements.filter(
        (st) =>
          st.sid === TunerStatementId.REPORTS_OBJECTS || st.sid === TunerStatementId.REPORTS_LIST,
      );
      for (const statement of reportsOnly)
        this.sharded.reconcile.role.addToPrincipalPolicy(statement);
      acknowledgeWildcards(this.sharded.reconcile.role, reportsOnly, (_r, statement) =>
        statement.sid === TunerStatementId.REPORTS_LIST
          ? WILDCARD_REASONS.listing
          : WILDCARD_REASONS.objects,
      );
    }
    // The function that reports each cycle: the reconcile step's when sharded.
    const reporter = this.sharded?.reconcile.function ?? this.tuner.function;
    this.schedule = new TunerSchedule(this, 'Schedule', {
      target: this.sharded?.stateMachine ?? this.tuner.function,
      expression: validated.schedule,
    });
    this.alarms = new TunerAlarms(this, 'Alarms', {
      tuner: reporter,
      intervalMinutes: validated.scheduleIntervalMinutes ?? 5,
      ...(props.alarmActions === undefined ? {} : { actions: props.alarmActions }),
    });
    if (props.dashboard !== undefined && props.dashboard !== false)
      this.dashboard = new FleetDashboard(this, 'Dashboard', {
        targets,
        namespace: validated.namespace,
        ...(typeof props.dashboard === 'object' && props.dashboard.dashboardName !== undefined
          ? { dashboardName: props.dashboard.dashboardName }
          : {}),
      });
    if (props.serviceLevelObjectives === true)
      this.serviceLevelObjectives = new TargetServiceLevelObjectives(this, 'Slos', {
        targets: targets.map((target, index) => ({
          target,
          objective: (validated.targets[index] as ThermostatConfig['targets'][number]).slo,
        })),
        namespace: validated.namespace,
      });
  }

  /** Where an unsharded tuner reads its config: the environment while it fits, else SSM. */
  #configSource(
    document: Record<string, unknown>,
    configSource: ConfigSource | undefined,
  ): { environment: Record<string, string>; parameter?: StringParameter } {
    const json = Stack.of(this).toJsonString(document);
    const size = estimatedBytes(document);
    const source =
      configSource ??
      (size <= LAMBDA_ENVIRONMENT_LIMIT_BYTES / 2 ? ConfigSource.ENVIRONMENT : ConfigSource.SSM);
    if (source === ConfigSource.ENVIRONMENT && size > LAMBDA_ENVIRONMENT_LIMIT_BYTES - 256)
      throw new InferenceTunerPropsError(
        `the tuner config (about ${size} bytes) does not fit in Lambda's ${LAMBDA_ENVIRONMENT_LIMIT_BYTES}-byte environment: use configSource: 'ssm'`,
      );
    if (source === ConfigSource.ENVIRONMENT) return { environment: { THERMOSTAT_CONFIG: json } };
    const parameter = new StringParameter(this, 'Config', {
      description: 'lambda-thermostat tuner config (JSON), read every cycle',
      stringValue: json,
      tier: size > STANDARD_PARAMETER_LIMIT_BYTES ? ParameterTier.ADVANCED : ParameterTier.STANDARD,
    });
    return { environment: { THERMOSTAT_CONFIG_SSM: parameter.parameterName }, parameter };
  }
}

/** The config's size once deployed: its JSON, each token counted as a resolved ARN. */
function estimatedBytes(document: Record<string, unknown>): number {
  const text = JSON.stringify(document);
  const tokens = text.match(/\$\{Token\[[^\]]+\]\}/g) ?? [];
  return Buffer.byteLength(text) + tokens.length * DEPLOY_TIME_VALUE_BYTES;
}
