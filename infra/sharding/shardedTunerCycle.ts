/**
 * The sharded cycle, for fleets larger than one invocation plans
 * (docs/decisions/0065-sharded-cycle-headroom-shares.md): a Step Functions state machine that
 * skips a tick while the last cycle still runs, reads the account's concurrency settings once,
 * runs one shard function per run of targets in a Distributed Map (each shard the shipped cycle
 * on its targets, with its own memory object in S3: tuner/aws/shards/shardHandler.ts), reads the
 * account again, and ends in one reconcile step that merges the shards' reports, checks the
 * account and sets the next cycle's headroom shares, and writes the report and the rolling
 * history (tuner/aws/shards/reconcileHandler.ts). Each shard's config is its own S3 object,
 * written at deploy time by CDK's BucketDeployment (tokens resolved), so no config limit of the
 * environment or of SSM applies.
 */
import { fileURLToPath } from 'node:url';
import {
  SHARD_CONFIGS_VARIABLE,
  type ShardRange,
  shardConfigName,
} from '@lambda-thermostat/tuner/shards';
import { ArnFormat, Duration, Names, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import {
  Choice,
  Condition,
  DefinitionBody,
  DistributedMap,
  JsonPath,
  LogLevel,
  Pass,
  Result,
  StateMachine,
  StateMachineType,
  Succeed,
  TaskInput,
} from 'aws-cdk-lib/aws-stepfunctions';
import { CallAwsService, LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { TunerFunction, type TunerRuntime } from '../function/tunerFunction.ts';
import {
  acknowledgeGrantedWildcards,
  acknowledgeWildcards,
  WILDCARD_REASONS,
} from '../permissions/acknowledgedFindings.ts';

/** The shard handler module, resolved through the tuner package's exports. */
export const SHARD_HANDLER_ENTRY = fileURLToPath(
  import.meta.resolve('@lambda-thermostat/tuner/shard-handler'),
);
/** The reconcile handler module, resolved through the tuner package's exports. */
export const RECONCILE_HANDLER_ENTRY = fileURLToPath(
  import.meta.resolve('@lambda-thermostat/tuner/reconcile-handler'),
);

/** The folder of the reports bucket that holds the deployed shard configs (read-only to the tuner). */
export const SHARD_CONFIG_FOLDER = 'lambda-thermostat-config/';

/** Shards running at once unless told otherwise. */
const DEFAULT_MAX_CONCURRENCY = 10;

/** States of the state machine, by name (the definition and its tests use these). */
export const ShardedCycleState = {
  FIND_RUNNING: 'FindRunningCycles',
  STILL_RUNNING: 'PreviousCycleStillRunning',
  SKIP: 'SkipThisTick',
  READ_ACCOUNT: 'ReadAccountSettings',
  SHARD_LIST: 'ShardList',
  SHARDS: 'Shards',
  PLAN_SHARD: 'TuneShard',
  SHARD_FAILED: 'ShardFailed',
  READ_ACCOUNT_AFTER: 'ReadAccountSettingsAfter',
  RECONCILE: 'Reconcile',
} as const;

/** States a completed cycle passes through besides the Map's children. */
const CYCLE_STATES = [
  ShardedCycleState.FIND_RUNNING,
  ShardedCycleState.STILL_RUNNING,
  ShardedCycleState.READ_ACCOUNT,
  ShardedCycleState.SHARD_LIST,
  ShardedCycleState.SHARDS,
  ShardedCycleState.READ_ACCOUNT_AFTER,
  ShardedCycleState.RECONCILE,
] as const;

/**
 * State transitions a completed cycle of `shards` shards is billed for: the cycle's states, and
 * per shard the child execution's start and its one task (Step Functions bills a Distributed
 * Map's child execution as a transition: tuner/core/cost/toolPricing.ts). Retries and failed
 * shards add one each.
 *
 * @example
 * ```ts
 * stateTransitionsPerCycle(10); // 27
 * ```
 */
export function stateTransitionsPerCycle(shards: number): number {
  return CYCLE_STATES.length + shards * 2;
}

/** Options of {@link ShardedTunerCycle}. */
export interface ShardedTunerCycleProps {
  readonly shards: readonly ShardRange[];
  /** Per shard, its config document (tokens in place: the deployment resolves them). */
  readonly shardConfigs: readonly Record<string, unknown>[];
  readonly bucket: IBucket;
  /** Shards run at most this many at once. Default 10. */
  readonly maxConcurrency?: number;
  readonly runtime?: TunerRuntime;
  readonly logRetention?: RetentionDays;
}

/**
 * The state machine, the shard and reconcile functions, and the deployed shard configs.
 *
 * @example
 * ```ts
 * const cycle = new ShardedTunerCycle(this, 'Sharded', { shards, shardConfigs, bucket });
 * cycle.shard.role.addToPrincipalPolicy(statement);
 * ```
 */
export class ShardedTunerCycle extends Construct {
  readonly stateMachine: StateMachine;
  /** Runs one shard; holds the per-knob policy of every target. */
  readonly shard: TunerFunction;
  readonly reconcile: TunerFunction;
  /** The statement that lets the shard and reconcile functions read the shard configs. */
  readonly readConfigs: PolicyStatement;
  readonly configs: BucketDeployment;
  /** The config document of each shard, as deployed (`shard-<n>.json`). */
  readonly shardConfigs: readonly Record<string, unknown>[];

  constructor(scope: Construct, id: string, props: ShardedTunerCycleProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.shardConfigs = props.shardConfigs;
    const configPrefix = `${SHARD_CONFIG_FOLDER}${Names.uniqueResourceName(this, { maxLength: 64 })}/`;
    this.configs = new BucketDeployment(this, 'Configs', {
      destinationBucket: props.bucket,
      destinationKeyPrefix: configPrefix,
      sources: props.shardConfigs.map((document, index) =>
        Source.jsonData(shardConfigName(index), document),
      ),
      // Only this prefix is the deployment's: old shard configs go, nothing else is touched.
      prune: true,
      retainOnDelete: false,
    });
    const environment = {
      [SHARD_CONFIGS_VARIABLE]: `s3://${props.bucket.bucketName}/${configPrefix}`,
    };
    this.readConfigs = new PolicyStatement({
      sid: 'ReadShardConfigs',
      effect: Effect.ALLOW,
      actions: ['s3:GetObject'],
      resources: [props.bucket.arnForObjects(`${configPrefix}*`)],
    });
    const common = {
      environment,
      ...(props.runtime === undefined ? {} : { runtime: props.runtime }),
      ...(props.logRetention === undefined ? {} : { logRetention: props.logRetention }),
    };
    // One full vCPU (1,769 MB): planning is CPU-bound, and the shard size assumes a core.
    this.shard = new TunerFunction(this, 'Shard', {
      ...common,
      entry: SHARD_HANDLER_ENTRY,
      memorySize: 1769,
      reservedConcurrency: null,
      description: 'lambda-thermostat: one shard of a tuning cycle',
    });
    this.reconcile = new TunerFunction(this, 'Reconcile', {
      ...common,
      entry: RECONCILE_HANDLER_ENTRY,
      timeout: Duration.minutes(5),
      description: 'lambda-thermostat: merges a sharded cycle and writes its report',
    });
    for (const fn of [this.shard, this.reconcile]) {
      fn.role.addToPrincipalPolicy(this.readConfigs);
      acknowledgeWildcards(fn.role, [this.readConfigs], () => WILDCARD_REASONS.shardConfigs);
    }

    const stateMachineName = Names.uniqueResourceName(this, { maxLength: 80 });
    const stateMachineArn = stack.formatArn({
      service: 'states',
      resource: 'stateMachine',
      resourceName: stateMachineName,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    this.stateMachine = new StateMachine(this, 'StateMachine', {
      stateMachineName,
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromChainable(this.#definition(props, stateMachineArn)),
      // The longest a cycle may take: a shard's 14 minutes per wave of the Map, the reconcile's 5
      // and the reads; a tick during a long cycle is skipped (FindRunningCycles).
      timeout: Duration.minutes(
        Math.ceil(props.shards.length / (props.maxConcurrency ?? DEFAULT_MAX_CONCURRENCY)) * 15 +
          10,
      ),
      tracingEnabled: true,
      logs: {
        destination: new LogGroup(this, 'Logs', {
          retention: props.logRetention ?? RetentionDays.ONE_MONTH,
          removalPolicy: RemovalPolicy.DESTROY,
        }),
        level: LogLevel.ALL,
        includeExecutionData: false,
      },
      comment: 'lambda-thermostat: one sharded tuning cycle',
    });
    acknowledgeGrantedWildcards(this.stateMachine, (finding) =>
      finding.includes(':execution:')
        ? WILDCARD_REASONS.mapRuns
        : finding === 'Resource::*'
          ? WILDCARD_REASONS.stateMachineStar
          : WILDCARD_REASONS.stateMachineInvoke,
    );
    // CDK's deployment handler is one function per stack, beside this construct.
    const handler = this.configs.handlerRole.node.scope as Construct;
    acknowledgeGrantedWildcards(handler, () => WILDCARD_REASONS.deploymentHandler);
    Validations.of(handler).acknowledge(
      {
        id: 'AwsSolutions::AwsSolutions-L1',
        reason: `${WILDCARD_REASONS.deploymentHandler}; it runs on the Python runtime CDK pins for it`,
      },
      {
        id: 'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: `${WILDCARD_REASONS.deploymentHandler}; CDK gives it the basic execution role for its logs`,
      },
    );
  }

  #definition(props: ShardedTunerCycleProps, stateMachineArn: string) {
    const S = ShardedCycleState;
    // States in a scope of their own: their ids are the state names, which the functions share.
    const scope = new Construct(this, 'Definition');
    const accountSettings = (id: string, resultPath: string) => {
      const read = new CallAwsService(scope, id, {
        stateName: id,
        service: 'lambda',
        action: 'getAccountSettings',
        iamAction: 'lambda:GetAccountSettings',
        // GetAccountSettings has no resource-level permissions.
        iamResources: ['*'],
        resultSelector: {
          'concurrencyLimit.$': '$.AccountLimit.ConcurrentExecutions',
          'unreservedConcurrency.$': '$.AccountLimit.UnreservedConcurrentExecutions',
        },
        resultPath,
      });
      return read;
    };
    const findRunning = new CallAwsService(scope, S.FIND_RUNNING, {
      stateName: S.FIND_RUNNING,
      service: 'sfn',
      action: 'listExecutions',
      iamAction: 'states:ListExecutions',
      iamResources: [stateMachineArn],
      parameters: {
        StateMachineArn: JsonPath.stringAt('$$.StateMachine.Id'),
        StatusFilter: 'RUNNING',
        MaxResults: 2,
      },
      resultSelector: { 'running.$': 'States.ArrayLength($.Executions)' },
      resultPath: '$.previous',
    });
    const skip = new Succeed(scope, S.SKIP, {
      stateName: S.SKIP,
      comment: 'the last cycle still runs: this tick does nothing',
    });
    const readAccount = accountSettings(S.READ_ACCOUNT, '$.account');
    const shardList = new Pass(scope, S.SHARD_LIST, {
      stateName: S.SHARD_LIST,
      result: Result.fromArray(props.shards.map((s) => ({ ...s }))),
      resultPath: '$.shards',
    });
    const tuneShard = new LambdaInvoke(scope, S.PLAN_SHARD, {
      stateName: S.PLAN_SHARD,
      lambdaFunction: this.shard.function,
      payloadResponseOnly: true,
      // A shard that ran and failed is not retried: it may have acted.
      retryOnServiceExceptions: false,
    });
    tuneShard.addCatch(
      new Pass(scope, S.SHARD_FAILED, {
        stateName: S.SHARD_FAILED,
        parameters: {
          'shard.$': '$.shard.index',
          'failure.$': '$.failure',
        },
      }),
      { resultPath: '$.failure' },
    );
    const shards = new DistributedMap(scope, S.SHARDS, {
      stateName: S.SHARDS,
      itemsPath: '$.shards',
      itemSelector: {
        'shard.$': '$$.Map.Item.Value',
        shards: props.shards.length,
        'account.$': '$.account',
      },
      maxConcurrency: props.maxConcurrency ?? DEFAULT_MAX_CONCURRENCY,
      // Every shard's outcome reaches the reconcile step, failures included.
      toleratedFailurePercentage: 100,
      mapExecutionType: StateMachineType.STANDARD,
      resultPath: '$.results',
    });
    shards.itemProcessor(tuneShard);
    const reconcile = new LambdaInvoke(scope, S.RECONCILE, {
      stateName: S.RECONCILE,
      lambdaFunction: this.reconcile.function,
      payloadResponseOnly: true,
      retryOnServiceExceptions: false,
      payload: TaskInput.fromObject({
        'shards.$': '$.results',
        'account.$': '$.accountAfter',
        'startedAt.$': '$$.Execution.StartTime',
      }),
    });
    const readAccountAfter = accountSettings(S.READ_ACCOUNT_AFTER, '$.accountAfter');
    // An unreadable account is not fatal: the shards raise no reservation, and the report says so.
    readAccount.addCatch(shardList, { resultPath: '$.account' });
    readAccountAfter.addCatch(reconcile, { resultPath: '$.accountAfter' });
    return findRunning.next(
      new Choice(scope, S.STILL_RUNNING, { stateName: S.STILL_RUNNING })
        .when(Condition.numberGreaterThan('$.previous.running', 1), skip)
        .otherwise(readAccount.next(shardList).next(shards).next(readAccountAfter).next(reconcile)),
    );
  }
}
