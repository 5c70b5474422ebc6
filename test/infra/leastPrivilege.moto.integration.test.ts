/**
 * The same proof against moto_server with its IAM enforcement on: every call of the recorded
 * plan + apply cycle is replayed, as recorded, by an IAM user holding exactly the synthesized
 * tuner policy, into a moto account where the targets, the reports bucket and the config
 * parameter exist.
 *
 * moto 5.x evaluates identity policies for Lambda, CloudWatch and SSM against the resource `*`
 * (only S3, SQS, IAM and STS requests carry their resource ARN: moto/core/responses.py
 * `call_action`), so a grant scoped to an ARN never matches there: it denies every call the
 * tuner's policy allows on a function or parameter ARN — PutFunctionConcurrency on the function
 * ARN among them. Those actions are named in {@link MOTO_MISJUDGED} and judged by the IAM
 * evaluator instead (test/infra/leastPrivilege.test.ts), as are the calls moto does not serve
 * (provisioned concurrency, account settings: {@link MOTO_UNSERVED}) and CloudWatch's GetMetricData, which
 * moto checks as `monitoring:GetMetricData` (the SigV4 signing name). Every other call — S3 on
 * its real ARNs — moto judges itself, and must agree with the evaluator.
 */

import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import {
  CreateAliasCommand,
  CreateFunctionCommand,
  LambdaClient,
  PublishVersionCommand,
} from '@aws-sdk/client-lambda';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useMotoServer } from '../support/moto.ts';
import { storedZip } from '../tuner/aws/support/storedZip.ts';
import { authorizationRequests } from './support/authorizationRequests.ts';
import {
  bootstrapAdministrator,
  createPolicyUser,
  type MotoCredentials,
  type MotoVerdict,
  replayAs,
  UNAUTHENTICATED_REQUESTS,
} from './support/motoPrincipal.ts';
import { evaluate } from './support/policyEvaluator.ts';
import { physicalNameOf, resolveIntrinsics } from './support/resolvedPolicy.ts';
import { type RecordedCycle, recordTunerCycle } from './support/tunerCycleCalls.ts';
import { tunerPolicy } from './support/tunerPolicy.ts';
import { type TunerStack, tunerStack } from './support/tunerStacks.ts';

const moto = useMotoServer({
  env: { INITIAL_NO_AUTH_ACTION_COUNT: String(UNAUTHENTICATED_REQUESTS) },
});

/** Actions moto cannot judge for the tuner's policy, and why; the evaluator judges them. */
const MOTO_MISJUDGED: Readonly<Record<string, string>> = {
  'lambda:GetAlias': 'evaluated against resource *, not the function ARN',
  'lambda:GetFunctionConfiguration': 'evaluated against resource *, not the function ARN',
  'lambda:GetFunctionConcurrency': 'evaluated against resource *, not the function ARN',
  'lambda:PutFunctionConcurrency': 'evaluated against resource *, not the function ARN',
  'lambda:UpdateFunctionConfiguration': 'evaluated against resource *, not the function ARN',
  'lambda:PublishVersion': 'evaluated against resource *, not the function ARN',
  'lambda:UpdateAlias': 'evaluated against resource *, not the function ARN',
  // moto signs the path with the ARN decoded; the SDK signs it encoded.
  'lambda:ListTags': 'rejects the SDK signature of a path holding an ARN (SignatureDoesNotMatch)',
  'ssm:GetParameter': 'evaluated against resource *, not the parameter ARN',
  // moto names actions after the SigV4 signing name, which for CloudWatch is `monitoring`.
  'cloudwatch:GetMetricData': 'checked as monitoring:GetMetricData, an action no policy names',
};
/** Actions moto does not serve at all (no route): only the evaluator judges them. */
const MOTO_UNSERVED = new Set([
  'lambda:GetProvisionedConcurrencyConfig',
  'lambda:PutProvisionedConcurrencyConfig',
  'lambda:DeleteProvisionedConcurrencyConfig',
  'lambda:GetAccountSettings',
]);
const DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'SignatureDoesNotMatch']);

async function deployInMoto(admin: MotoCredentials, deployed: TunerStack): Promise<void> {
  const config = {
    endpoint: moto.endpoint,
    region: 'us-east-1',
    credentials: admin,
    maxAttempts: 1,
  };
  const role = await new IAMClient(config).send(
    new CreateRoleCommand({ RoleName: 'ocr-role', AssumeRolePolicyDocument: '{}' }),
  );
  const lambda = new LambdaClient(config);
  await lambda.send(
    new CreateFunctionCommand({
      FunctionName: 'ocr',
      Runtime: 'nodejs22.x',
      Role: role.Role?.Arn,
      Handler: 'index.handler',
      MemorySize: 1024,
      Code: { ZipFile: storedZip({ 'index.mjs': 'export const handler = async () => ({});' }) },
    }),
  );
  await lambda.send(new PublishVersionCommand({ FunctionName: 'ocr' }));
  await lambda.send(
    new CreateAliasCommand({ FunctionName: 'ocr', Name: 'live', FunctionVersion: '1' }),
  );
  const json = deployed.template.toJSON() as {
    Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
  };
  const bucketId = deployed.stack.getLogicalId(
    deployed.tuner.reports.bucket.node.defaultChild as never,
  );
  await new S3Client({ ...config, forcePathStyle: true }).send(
    new CreateBucketCommand({ Bucket: physicalNameOf(bucketId) }),
  );
  const parameter = deployed.tuner.configParameter;
  if (parameter === undefined) throw new Error('the stack should keep its config in SSM');
  const parameterId = deployed.stack.getLogicalId(parameter.node.defaultChild as never);
  await new SSMClient(config).send(
    new PutParameterCommand({
      Name: physicalNameOf(parameterId),
      Type: 'String',
      Value: String(
        resolveIntrinsics(json.Resources[parameterId]?.Properties.Value, json.Resources),
      ),
    }),
  );
}

describe.skipIf(moto.skipped)('the cycle’s calls against moto_server enforcing IAM', () => {
  let deployed: TunerStack;
  let cycle: RecordedCycle;
  let verdicts: MotoVerdict[];
  let admin: MotoCredentials;

  beforeAll(async () => {
    deployed = tunerStack([{ name: 'ocr' }], { mode: 'apply', configSource: 'ssm' });
    cycle = await recordTunerCycle(deployed);
    admin = await bootstrapAdministrator(moto.endpoint);
    await deployInMoto(admin, deployed);
    const tuner = await createPolicyUser(moto.endpoint, admin, 'tuner', tunerPolicy(deployed));
    verdicts = await replayAs(moto.endpoint, tuner, cycle.calls);
  }, 120_000);

  it('is enforcing: an unauthenticated request is refused', async () => {
    // Act
    const [anonymous] = await replayAs(
      moto.endpoint,
      { accessKeyId: 'AKIANOBODY', secretAccessKey: 'nobody' },
      [{ service: 's3', command: 'ListBucketsCommand', input: {} }],
    );

    // Assess
    expect(anonymous?.outcome).toMatch(/InvalidAccessKeyId|AccessDenied|SignatureDoesNotMatch/);
  });

  it('lets the tuner make every call moto can judge (S3 on its real ARNs)', async () => {
    // Assess
    const judged = [];
    for (const verdict of verdicts) {
      const [request] = await authorizationRequests(verdict.call);
      if (
        request !== undefined &&
        !(request.action in MOTO_MISJUDGED) &&
        !MOTO_UNSERVED.has(request.action)
      )
        judged.push(
          `${verdict.outcome === 'ok' || !DENIED.has(verdict.outcome) ? 'allowed' : 'DENIED'} ${request.action} ${request.resource}`,
        );
    }
    expect(judged.filter((line) => line.startsWith('DENIED'))).toEqual([]);
    expect(judged.some((line) => line.includes('s3:PutObject'))).toBe(true);
    expect(judged.some((line) => line.includes('s3:GetObject'))).toBe(true);
  });

  it('denies exactly the named actions it misjudges, which the evaluator allows', async () => {
    // Prepare
    const misjudged = verdicts.filter((verdict) => DENIED.has(verdict.outcome));
    const requests = (
      await Promise.all(misjudged.map((v) => authorizationRequests(v.call)))
    ).flat();

    // Act
    const evaluated = await evaluate(requests, tunerPolicy(deployed));

    // Assess
    const deniedActions = new Set(requests.map((r) => r.action));
    expect([...deniedActions].filter((action) => !(action in MOTO_MISJUDGED))).toEqual([]);
    // Every name in the list is still misjudged here; a moto that learns the ARNs fails this.
    const cycleActions = new Set(
      (await Promise.all(cycle.calls.map(authorizationRequests))).flat().map((r) => r.action),
    );
    expect([...deniedActions].sort()).toEqual(
      Object.keys(MOTO_MISJUDGED)
        .filter((action) => cycleActions.has(action))
        .sort(),
    );
    expect(evaluated.filter((v) => v.result !== 'Allowed')).toEqual([]);
  });

  it('agrees with the evaluator on a report written outside the prefix: denied', async () => {
    // Prepare
    const put = cycle.calls.find((c) => c.command === 'PutObjectCommand');
    if (put === undefined) throw new Error('the cycle wrote no report');
    const outside = { ...put, input: { ...put.input, Key: 'elsewhere/report.json' } };
    const tuner = await createPolicyUser(
      moto.endpoint,
      admin,
      'tuner-outside',
      tunerPolicy(deployed),
    );

    // Act
    const [verdict] = await replayAs(moto.endpoint, tuner, [outside]);
    const [evaluated] = await evaluate(await authorizationRequests(outside), tunerPolicy(deployed));

    // Assess
    expect(verdict?.outcome).toBe('AccessDenied');
    expect(evaluated?.result).toBe('ImplicitlyDenied');
  });
});
