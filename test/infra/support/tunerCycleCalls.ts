/**
 * Runs the deployed tuner's work on mocked AWS and records every API call it makes: one
 * scheduled invocation of the real handler, in apply mode, with the config exactly as the
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
import type { ActionResult } from '../../../tuner/core/plan.ts';
import { FakeClock, FakeLambda } from '../../tuner/aws/support/fakeLambda.ts';
import type { ApiCall } from './authorizationRequests.ts';
import { resolveIntrinsics } from './resolvedPolicy.ts';
import type { TunerStack } from './tunerStacks.ts';

const AWS = { region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };

/** What the run did and every call it made. */
export interface RecordedCycle {
  readonly calls: ApiCall[];
  readonly handlerSummary: Awaited<ReturnType<ReturnType<typeof createTunerHandler>>>;
  readonly actuatorResults: ActionResult[];
}

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown> }>;

/** The tuner function's environment and the config parameter's value, resolved. */
function deployedEnvironment(tunerStack: TunerStack): {
  env: Record<string, string>;
  parameterValue?: string;
} {
  const json = tunerStack.template.toJSON() as { Resources: Resources };
  const fn = Object.values(json.Resources).find(
    (r) =>
      r.Type === 'AWS::Lambda::Function' &&
      r.Properties?.Description === 'lambda-thermostat: one tuning cycle per invocation',
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
    s3.on(GetObjectCommand).rejects(Object.assign(new Error('missing'), { name: 'NoSuchKey' }));
    s3.on(PutObjectCommand).resolves({});
    const { env, parameterValue } = deployedEnvironment(tunerStack);
    if (parameterValue !== undefined)
      ssm.on(GetParameterCommand).resolves({ Parameter: { Value: parameterValue } });
    const clock = new FakeClock();
    const handler = createTunerHandler({
      env,
      aws: AWS,
      clock,
      logger: { info: () => {}, warn: () => {} },
      emfWriter: () => {},
    });
    const handlerSummary = await handler(
      {},
      {
        functionName: 'tuner',
        getRemainingTimeInMillis: () => 600_000,
      },
    );
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
    return { calls, handlerSummary, actuatorResults };
  } finally {
    lambda.restore();
    cloudWatch.restore();
    s3.restore();
    ssm.restore();
  }
}
