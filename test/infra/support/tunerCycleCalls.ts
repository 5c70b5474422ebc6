/**
 * Runs the deployed tuner's work on mocked AWS and records every API call it makes: one
 * scheduled invocation of the real handler (in a sharded deployment, shard 0's invocation and
 * then the reconcile step's, over an S3 that keeps what is written), in apply mode, with the config exactly as the
 * synthesized stack gives it (a provisioned-concurrency change on an idle target), then the
 * reserved-concurrency and memory changes through the same actuator the cycle uses (the planner
 * picks those only on traffic; their API calls are the same whichever plan asks for them).
 */
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { createTunerHandler } from '../../../tuner/aws/handler.ts';
import { LambdaActuator } from '../../../tuner/aws/lambdaActuator.ts';
import { createReconcileHandler } from '../../../tuner/aws/shards/reconcileHandler.ts';
import type { ShardSummary } from '../../../tuner/aws/shards/shardEvents.ts';
import {
  createShardHandler,
  SHARD_CONFIGS_VARIABLE,
} from '../../../tuner/aws/shards/shardHandler.ts';
import { shardConfigName } from '../../../tuner/aws/shards/shardRanges.ts';
import type { ActionResult } from '../../../tuner/core/plan.ts';
import { FakeClock, FakeLambda } from '../../tuner/aws/support/fakeLambda.ts';
import type { ApiCall } from './authorizationRequests.ts';
import { resolveIntrinsics } from './resolvedPolicy.ts';
import type { TunerStack } from './tunerStacks.ts';

const AWS = { region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };

/** What the run did and every call it made. */
export interface RecordedCycle {
  readonly calls: ApiCall[];
  readonly handlerSummary:
    | Awaited<ReturnType<ReturnType<typeof createTunerHandler>>>
    | ShardSummary;
  readonly actuatorResults: ActionResult[];
  /** A sharded deployment's reconcile step: its calls (not in `calls`) and its summary. */
  readonly reconcile?: {
    readonly calls: ApiCall[];
    readonly summary: Awaited<ReturnType<ReturnType<typeof createReconcileHandler>>>;
  };
}

const SHARD_DESCRIPTION = 'lambda-thermostat: one shard of a tuning cycle';
const TUNER_DESCRIPTION = 'lambda-thermostat: one tuning cycle per invocation';

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown> }>;

/** The tuner function's environment and the config parameter's value, resolved. */
function deployedEnvironment(tunerStack: TunerStack): {
  env: Record<string, string>;
  parameterValue?: string;
} {
  const json = tunerStack.template.toJSON() as { Resources: Resources };
  const description =
    tunerStack.tuner.sharded === undefined ? TUNER_DESCRIPTION : SHARD_DESCRIPTION;
  const fn = Object.values(json.Resources).find(
    (r) => r.Type === 'AWS::Lambda::Function' && r.Properties?.Description === description,
  );
  if (fn === undefined) throw new Error('the stack has no tuner function');
  const environment = fn.Properties?.Environment as
    | { Variables: Record<string, unknown> }
    | undefined;
  const variables = environment?.Variables ?? {};
  const env = resolveIntrinsics(variables, json.Resources) as Record<string, string>;
  const parameter = Object.values(json.Resources).find((r) => r.Type === 'AWS::SSM::Parameter');
  const value =
    parameter === undefined
      ? undefined
      : resolveIntrinsics(parameter.Properties?.Value, json.Resources);
  return { env, ...(typeof value === 'string' ? { parameterValue: value } : {}) };
}

/**
 * Runs the cycle and the other knobs' changes on target `ocr` (alias `live`, PC 8 on version 1).
 *
 * @example
 * ```ts
 * const { calls } = await recordTunerCycle(tunerStack([{ name: 'ocr' }], { mode: 'apply' }));
 * ```
 */
export async function recordTunerCycle(tunerStack: TunerStack): Promise<RecordedCycle> {
  const lambda = new FakeLambda();
  const cloudWatch = mockClient(CloudWatchClient);
  const s3 = mockClient(S3Client);
  const ssm = mockClient(SSMClient);
  try {
    lambda.addFunction({ name: 'ocr', memoryMb: 1024, pc: { on: 'version', requested: 8 } });
    cloudWatch.on(GetMetricDataCommand).resolves({ MetricDataResults: [] });
    // An S3 that keeps what is written: the reconcile step reads what the shard wrote.
    const objects = new Map<string, string>();
    s3.on(GetObjectCommand).callsFake(async (input: { Bucket: string; Key: string }) => {
      const text = objects.get(`${input.Bucket}/${input.Key}`);
      if (text === undefined) throw Object.assign(new Error('missing'), { name: 'NoSuchKey' });
      return { Body: { transformToString: async () => text } };
    });
    s3.on(PutObjectCommand).callsFake(
      async (input: { Bucket: string; Key: string; Body: string }) => {
        objects.set(`${input.Bucket}/${input.Key}`, String(input.Body));
        return {};
      },
    );
    const { env, parameterValue } = deployedEnvironment(tunerStack);
    if (parameterValue !== undefined)
      ssm.on(GetParameterCommand).resolves({ Parameter: { Value: parameterValue } });
    const clock = new FakeClock();
    const options = { env, aws: AWS, clock, logger: { info: () => {}, warn: () => {} } };
    const context = { functionName: 'tuner', getRemainingTimeInMillis: () => 600_000 };
    const { sharded } = tunerStack.tuner;
    let handlerSummary: RecordedCycle['handlerSummary'];
    let runReconcile: (() => ReturnType<ReturnType<typeof createReconcileHandler>>) | undefined;
    if (sharded === undefined)
      handlerSummary = await createTunerHandler({ ...options, emfWriter: () => {} })({}, context);
    else {
      // Shard 0's config object as the deployment writes it: its document, tokens resolved.
      const json = tunerStack.template.toJSON() as { Resources: Resources };
      const document = resolveIntrinsics(
        tunerStack.stack.resolve(sharded.shardConfigs[0]),
        json.Resources,
      );
      const prefix = String(env[SHARD_CONFIGS_VARIABLE]).replace(/^s3:\/\//, '');
      objects.set(`${prefix}${shardConfigName(0)}`, JSON.stringify(document));
      const count = (document as { targets: unknown[] }).targets.length;
      const account = { concurrencyLimit: 1000, unreservedConcurrency: 900 };
      const summary = await createShardHandler(options)(
        { shard: { index: 0, first: 0, count }, shards: 1, account },
        context,
      );
      handlerSummary = summary;
      runReconcile = () =>
        createReconcileHandler({ ...options, emfWriter: () => {} })(
          { shards: [summary], account, startedAt: new Date(clock.now() - 60_000).toISOString() },
          context,
        );
    }
    const target = { functionName: 'ocr', qualifier: 'live' };
    const actuatorResults = await new LambdaActuator({ aws: AWS, clock }).apply(
      [
        { kind: 'setReservedConcurrency', target, from: null, to: 50, reason: 'proof' },
        {
          kind: 'setMemory',
          target,
          from: 1024,
          to: 2048,
          provisionedConcurrency: 6,
          reason: 'proof',
        },
      ],
      { dryRun: false },
    );
    const commandCalls = (service: string, mock: { calls(): { args: unknown[] }[] }): ApiCall[] =>
      mock.calls().map((call) => {
        const command = call.args[0] as {
          constructor: { name: string };
          input: Record<string, unknown>;
        };
        return { service, command: command.constructor.name, input: command.input };
      });
    const calls: ApiCall[] = [
      ...lambda.calls.map((call) => ({
        // The fake Lambda also answers STS GetCallerIdentity (the tuner's account check).
        service: call.command === 'GetCallerIdentityCommand' ? 'sts' : 'lambda',
        command: call.command,
        input: call.input,
      })),
      ...commandCalls('cloudwatch', cloudWatch),
      ...commandCalls('s3', s3),
      ...commandCalls('ssm', ssm),
    ];
    if (runReconcile === undefined) return { calls, handlerSummary, actuatorResults };
    const before = s3.calls().length;
    const summary = await runReconcile();
    const reconcileCalls = commandCalls('s3', s3).slice(before);
    return {
      calls,
      handlerSummary,
      actuatorResults,
      reconcile: { calls: reconcileCalls, summary },
    };
  } finally {
    lambda.restore();
    cloudWatch.restore();
    s3.restore();
    ssm.restore();
  }
}
