/**
 * The sharded deployment (infra/sharding/shardedTunerCycle.ts): above the shard threshold the
 * construct deploys a Step Functions state machine whose Distributed Map runs the shards; the
 * definition, resolved as CloudFormation would, is valid Amazon States Language (asl-validator);
 * its IAM is the least each part needs. Below the threshold nothing changes (the unsharded
 * snapshot, test/infra/templateSnapshot.test.ts, stays as it was).
 */

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import aslValidator from 'asl-validator';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import type { CfnRole } from 'aws-cdk-lib/aws-iam';
import {
  Alias,
  type CfnFunction,
  Code,
  Function as LambdaFunction,
  Runtime,
} from 'aws-cdk-lib/aws-lambda';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { InferenceTuner, InferenceTunerPropsError } from '../../infra/index.ts';
import {
  ShardedCycleState,
  stateTransitionsPerCycle,
} from '../../infra/sharding/shardedTunerCycle.ts';
import { SHARD_CONFIGS_VARIABLE } from '../../tuner/aws/shards/shardHandler.ts';
import { shardRanges } from '../../tuner/aws/shards/shardRanges.ts';
import type { AuthorizationRequest } from './support/authorizationRequests.ts';
import { evaluate } from './support/policyEvaluator.ts';
import { physicalNameOf, resolveIntrinsics, rolePolicy } from './support/resolvedPolicy.ts';
import { ACCOUNT, REGION, type TunerStack, tunerStack } from './support/tunerStacks.ts';

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown> }>;
interface AslState {
  Type: string;
  Next?: string;
  End?: boolean;
  [key: string]: unknown;
}
interface Asl {
  StartAt: string;
  States: Record<string, AslState>;
}

const NAMES = ['a', 'b', 'c', 'd', 'e'];
const sharded = (): TunerStack =>
  tunerStack(
    NAMES.map((name) => ({ name })),
    { mode: 'apply', sharding: { maxTargetsPerShard: 2, maxConcurrency: 4 } },
  );

function resources(stack: TunerStack): Resources {
  return (stack.template.toJSON() as { Resources: Resources }).Resources;
}

/** The state machine's definition as deployed: intrinsics resolved, parsed. */
function definitionOf(stack: TunerStack): Asl {
  const all = resources(stack);
  const machine = Object.values(all).find((r) => r.Type === 'AWS::StepFunctions::StateMachine');
  return JSON.parse(String(resolveIntrinsics(machine?.Properties?.DefinitionString, all))) as Asl;
}

function statementsOf(stack: TunerStack, role: CfnRole) {
  return rolePolicy(stack.template, stack.stack.getLogicalId(role)).Statement as {
    Action: string | string[];
    Resource: string | string[];
  }[];
}
const actionsOf = (statements: { Action: string | string[] }[]) =>
  [...new Set(statements.flatMap((s) => [s.Action].flat()))].sort();

describe('a fleet above the shard threshold', () => {
  const deployed = sharded();

  it('deploys a valid Amazon States Language definition', () => {
    // Act
    const definition = definitionOf(deployed);
    const { isValid, errorsText } = aslValidator(definition);

    // Assess
    expect(errorsText('\n')).toBe('');
    expect(isValid).toBe(true);
    expect(definition.StartAt).toBe(ShardedCycleState.FIND_RUNNING);
  });

  it('runs the shards in a Distributed Map that lets every shard report, then reconciles once', () => {
    // Prepare
    const { States } = definitionOf(deployed);
    const map = States[ShardedCycleState.SHARDS] as AslState & {
      ItemProcessor: {
        ProcessorConfig: Record<string, string>;
        StartAt: string;
        States: Record<string, AslState>;
      };
    };

    // Assess: the shard list is the construct's cut of the fleet
    expect((States[ShardedCycleState.SHARD_LIST] as AslState).Result).toEqual(
      shardRanges(NAMES.length, 2),
    );
    expect(map.ItemProcessor.ProcessorConfig).toEqual({
      Mode: 'DISTRIBUTED',
      ExecutionType: 'STANDARD',
    });
    expect(map).toMatchObject({
      ToleratedFailurePercentage: 100,
      MaxConcurrency: 4,
      ItemsPath: '$.shards',
    });
    expect(map.ItemSelector).toEqual({
      'shard.$': '$$.Map.Item.Value',
      shards: 3,
      'account.$': '$.account',
    });
    // A shard that ran is never retried (it may have acted); its failure becomes a record
    const tune = map.ItemProcessor.States[ShardedCycleState.PLAN_SHARD] as AslState;
    expect(tune.Retry).toBeUndefined();
    expect(tune.Catch).toEqual([
      {
        ErrorEquals: ['States.ALL'],
        ResultPath: '$.failure',
        Next: ShardedCycleState.SHARD_FAILED,
      },
    ]);
    // The path of a completed cycle
    const path: string[] = [];
    for (let at: string | undefined = ShardedCycleState.READ_ACCOUNT; at !== undefined; ) {
      path.push(at);
      at = States[at]?.Next;
    }
    expect(path).toEqual([
      ShardedCycleState.READ_ACCOUNT,
      ShardedCycleState.SHARD_LIST,
      ShardedCycleState.SHARDS,
      ShardedCycleState.READ_ACCOUNT_AFTER,
      ShardedCycleState.RECONCILE,
    ]);
    expect((States[ShardedCycleState.RECONCILE] as AslState).End).toBe(true);
    // One wave of 4 shards at most 14 minutes, then the reconcile step: 25 minutes in all
    expect(definitionOf(deployed)).toMatchObject({ TimeoutSeconds: 25 * 60 });
  });

  it('bills the transitions it counts: the cycle states, and two per shard', () => {
    // Prepare
    const { States } = definitionOf(deployed);
    const map = States[ShardedCycleState.SHARDS] as AslState & {
      ItemProcessor: { States: Record<string, AslState> };
    };
    const onPath = Object.keys(States).filter((name) => name !== ShardedCycleState.SKIP);
    const perShard = Object.keys(map.ItemProcessor.States).filter(
      (n) => n !== ShardedCycleState.SHARD_FAILED,
    );

    // Assess: one transition per child execution started, plus its states
    expect(stateTransitionsPerCycle(3)).toBe(onPath.length + 3 * (1 + perShard.length));
  });

  it('is started by the schedule; the shard function holds the targets and reserves no concurrency', () => {
    // Prepare
    const all = resources(deployed);
    const machineId = Object.keys(all).find(
      (id) => all[id]?.Type === 'AWS::StepFunctions::StateMachine',
    );
    const functions = Object.values(all).filter((r) => r.Type === 'AWS::Lambda::Function');
    const described = (text: string) =>
      functions.find((f) => String(f.Properties?.Description).includes(text));

    // Assess
    deployed.template.hasResourceProperties('AWS::Scheduler::Schedule', {
      Target: { Arn: { Ref: machineId }, RetryPolicy: { MaximumRetryAttempts: 0 } },
    });
    expect(described('one tuning cycle per invocation')).toBeUndefined();
    expect(described('one shard')?.Properties).toMatchObject({ MemorySize: 1769 });
    expect(described('one shard')?.Properties?.ReservedConcurrentExecutions).toBeUndefined();
    expect(described('merges a sharded cycle')?.Properties?.ReservedConcurrentExecutions).toBe(1);
    const environment = described('one shard')?.Properties?.Environment as
      | { Variables: Record<string, unknown> }
      | undefined;
    const env = environment?.Variables ?? {};
    expect(Object.keys(env).sort()).toEqual(['NODE_OPTIONS', SHARD_CONFIGS_VARIABLE]);
  });

  it('deploys one config object per shard, each with its run of targets', () => {
    // Assess
    deployed.template.hasResourceProperties('Custom::CDKBucketDeployment', {
      DestinationBucketKeyPrefix: Match.stringLikeRegexp('^lambda-thermostat-config/'),
      Prune: true,
      SourceObjectKeys: Match.arrayWith([Match.stringLikeRegexp('\\.zip$')]),
    });
    const deployment = Object.values(resources(deployed)).find(
      (r) => r.Type === 'Custom::CDKBucketDeployment',
    );
    expect(deployment?.Properties?.SourceObjectKeys).toHaveLength(3);
    const functionsOf = (document: Record<string, unknown>) =>
      (
        deployed.stack.resolve(document.targets) as {
          function: { 'Fn::GetAtt': [string, string] };
        }[]
      ).map((t) => t.function['Fn::GetAtt'][0]);
    const byName = (name: string) =>
      deployed.stack.getLogicalId(
        deployed.stack.node.findChild(`Fn-${name}`).node.defaultChild as CfnFunction,
      );
    expect(deployed.tuner.sharded?.shardConfigs.map(functionsOf)).toEqual([
      ['a', 'b'].map(byName),
      ['c', 'd'].map(byName),
      ['e'].map(byName),
    ]);
  });

  it('gives each part the least it needs', () => {
    // Prepare
    const { sharded: cycle } = deployed.tuner;
    if (cycle === undefined) throw new Error('not sharded');
    const machine = statementsOf(deployed, cycle.stateMachine.role.node.defaultChild as CfnRole);
    const reconcile = statementsOf(deployed, cycle.reconcile.role.node.defaultChild as CfnRole);
    const shard = statementsOf(deployed, cycle.shard.role.node.defaultChild as CfnRole);

    // Assess: the state machine invokes its two functions, reads the account, finds its own runs
    const lambdaActions = actionsOf(machine).filter((a) => a.startsWith('lambda:'));
    expect(lambdaActions).toEqual(['lambda:GetAccountSettings', 'lambda:InvokeFunction']);
    const invoked = machine
      .filter((s) => [s.Action].flat().includes('lambda:InvokeFunction'))
      .flatMap((s) => [s.Resource].flat());
    const arnOf = (fn: typeof cycle.shard.function) =>
      `arn:aws:lambda:us-east-1:123456789012:function:${physicalNameOf(deployed.stack.getLogicalId(fn.node.defaultChild as CfnFunction))}`;
    const functions = [arnOf(cycle.shard.function), arnOf(cycle.reconcile.function)];
    expect(invoked.sort()).toEqual(functions.flatMap((arn) => [arn, `${arn}:*`]).sort());
    const listing = machine.find((s) => [s.Action].flat().includes('states:ListExecutions'));
    expect([listing?.Resource].flat()).toEqual([
      expect.stringMatching(/^arn:aws:states:us-east-1:123456789012:stateMachine:/),
    ]);
    // The reconcile step touches only the reports and reads the configs
    expect(actionsOf(reconcile)).toEqual([
      'logs:CreateLogStream',
      'logs:PutLogEvents',
      's3:GetObject',
      's3:ListBucket',
      's3:PutObject',
    ]);
    // The shard holds the per-knob grants (test/infra/tunerPermissions.test.ts) and reads its config
    expect(actionsOf(shard)).toEqual(
      expect.arrayContaining([
        'lambda:PutProvisionedConcurrencyConfig',
        'cloudwatch:GetMetricData',
        's3:GetObject',
      ]),
    );
    expect(actionsOf(shard)).not.toContain('ssm:GetParameter');
  });
});

describe("the state machine's own calls, judged against its synthesized policy", () => {
  const deployed = sharded();

  /** What each task of the definition asks IAM for, as the Service Authorization Reference defines it. */
  function requestsOfDefinition(): AuthorizationRequest[] {
    const { States } = definitionOf(deployed);
    const map = States[ShardedCycleState.SHARDS] as AslState & {
      ItemProcessor: { States: Record<string, AslState> };
    };
    const machine = Object.values(resources(deployed)).find(
      (r) => r.Type === 'AWS::StepFunctions::StateMachine',
    );
    const ownArn = `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${String(machine?.Properties?.StateMachineName)}`;
    const tasks = [...Object.entries(States), ...Object.entries(map.ItemProcessor.States)].filter(
      ([, state]) => state.Type === 'Task',
    );
    const requests = tasks.map(([name, state]): AuthorizationRequest => {
      const resource = String(state.Resource);
      if (resource === 'arn:aws:states:::aws-sdk:lambda:getAccountSettings')
        return { action: 'lambda:GetAccountSettings', resource: '*', call: name };
      if (resource === 'arn:aws:states:::aws-sdk:sfn:listExecutions')
        return { action: 'states:ListExecutions', resource: ownArn, call: name };
      return { action: 'lambda:InvokeFunction', resource, call: name };
    });
    // The Distributed Map starts one child execution of this state machine per shard.
    return [
      ...requests,
      { action: 'states:StartExecution', resource: ownArn, call: ShardedCycleState.SHARDS },
    ];
  }

  it('allows every call the definition makes', async () => {
    // Prepare
    const requests = requestsOfDefinition();
    const role = deployed.tuner.sharded?.stateMachine.role.node.defaultChild as CfnRole;
    const policy = rolePolicy(deployed.template, deployed.stack.getLogicalId(role));
    const mapPolicy = Object.entries(resources(deployed)).filter(
      ([, r]) =>
        r.Type === 'AWS::IAM::Policy' &&
        JSON.stringify(r.Properties?.Roles).includes(deployed.stack.getLogicalId(role)),
    );

    // Act
    const verdicts = await evaluate(requests, policy);

    // Assess
    expect(mapPolicy.length).toBeGreaterThanOrEqual(1);
    expect(requests.map((r) => r.action).sort()).toEqual([
      'lambda:GetAccountSettings',
      'lambda:GetAccountSettings',
      'lambda:InvokeFunction',
      'lambda:InvokeFunction',
      'states:ListExecutions',
      'states:StartExecution',
    ]);
    expect(
      verdicts
        .filter((v) => v.result !== 'Allowed')
        .map((v) => `${v.request.action} ${v.request.resource}`),
    ).toEqual([]);
  });

  it('denies invoking or starting anything else: a target function, another state machine', async () => {
    // Prepare
    const role = deployed.tuner.sharded?.stateMachine.role.node.defaultChild as CfnRole;
    const policy = rolePolicy(deployed.template, deployed.stack.getLogicalId(role));
    const elsewhere: AuthorizationRequest[] = [
      {
        action: 'lambda:InvokeFunction',
        resource: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:a`,
        call: 'target',
      },
      {
        action: 'lambda:UpdateFunctionConfiguration',
        resource: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:a`,
        call: 'target',
      },
      {
        action: 'states:StartExecution',
        resource: `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:other`,
        call: 'other',
      },
    ];

    // Act
    const verdicts = await evaluate(elsewhere, policy);

    // Assess
    expect(verdicts.map((v) => v.result)).toEqual(elsewhere.map(() => 'ImplicitlyDenied'));
  });
});

describe('the shard threshold', () => {
  it('deploys no state machine for a fleet one invocation plans', () => {
    // Act
    const { template } = tunerStack(NAMES.map((name) => ({ name })));

    // Assess
    template.resourceCountIs('AWS::StepFunctions::StateMachine', 0);
    template.resourceCountIs('Custom::CDKBucketDeployment', 0);
  });

  it('refuses a config source for a sharded fleet, naming the prop', () => {
    // Act & Assess
    expect(() =>
      tunerStack(
        NAMES.map((name) => ({ name })),
        { configSource: 'ssm', sharding: { maxTargetsPerShard: 2 } },
      ),
    ).toThrow(InferenceTunerPropsError);
    expect(() =>
      tunerStack(
        NAMES.map((name) => ({ name })),
        { configSource: 'ssm', sharding: { maxTargetsPerShard: 2 } },
      ),
    ).toThrow(/configSource: a fleet of 5 targets is sharded/);
  });
});

describe('cdk-nag on the sharded deployment', () => {
  it('passes AwsSolutions: every finding of the construct acknowledged with its reason', () => {
    // Prepare: the test's own target functions are not the construct's: their findings are waived
    const app = new App({
      outdir: mkdtempSync(join(tmpdir(), 'thermostat-nag-sharded-')),
      builtinCloudFormationValidation: false,
    });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    const stack = new Stack(app, 'Sharded', { env: { account: ACCOUNT, region: REGION } });
    const targets = NAMES.map((name) => {
      const fn = new LambdaFunction(stack, `Fn-${name}`, {
        runtime: Runtime.NODEJS_24_X,
        handler: 'index.handler',
        code: Code.fromInline('exports.handler = async () => ({});'),
      });
      Validations.of(fn).acknowledge({
        id: 'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: 'a target function of this test, not part of the construct under test',
      });
      return {
        alias: new Alias(stack, `Live-${name}`, { aliasName: 'live', version: fn.currentVersion }),
        slo: { p99Ms: 300 },
      };
    });
    new InferenceTuner(stack, 'Tuner', {
      targets,
      mode: 'apply',
      runtime: 'nodejs24.x',
      sharding: { maxTargetsPerShard: 2 },
    });

    // Act & Assess: the plugin fails synth on any unacknowledged finding
    expect(() => app.synth()).not.toThrow();
  }, 120_000);
});
