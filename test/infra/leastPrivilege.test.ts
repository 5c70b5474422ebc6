/**
 * Least privilege, proven: every AWS call a plan + apply cycle makes is turned into the
 * authorization request AWS makes for it (action and resource ARN per the Service Authorization
 * Reference) and evaluated by a real IAM policy evaluator against exactly the statements the
 * construct synthesized. Needed calls are allowed; calls outside the policy are denied.
 */
import type { CfnBucketPolicy } from 'aws-cdk-lib/aws-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ACTIONS_NEEDING_NO_PERMISSION,
  type AuthorizationRequest,
  authorizationRequests,
} from './support/authorizationRequests.ts';
import { evaluate } from './support/policyEvaluator.ts';
import { type PolicyDocument, resolveIntrinsics } from './support/resolvedPolicy.ts';
import { type RecordedCycle, recordTunerCycle } from './support/tunerCycleCalls.ts';
import { tunerPolicy } from './support/tunerPolicy.ts';
import { type TunerStack, tunerStack } from './support/tunerStacks.ts';

const WRITES = new Set([
  'lambda:PutProvisionedConcurrencyConfig',
  'lambda:DeleteProvisionedConcurrencyConfig',
  'lambda:PutFunctionConcurrency',
  'lambda:DeleteFunctionConcurrency',
  'lambda:UpdateFunctionConfiguration',
  'lambda:PublishVersion',
  'lambda:UpdateAlias',
]);
const MEMORY_ACTIONS = [
  'lambda:UpdateFunctionConfiguration',
  'lambda:PublishVersion',
  'lambda:UpdateAlias',
];

function bucketPolicyOf({ stack, tuner, template }: TunerStack): PolicyDocument {
  const policy = tuner.reports.bucket.policy?.node.defaultChild as CfnBucketPolicy;
  const json = template.toJSON() as {
    Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
  };
  const resource = json.Resources[stack.getLogicalId(policy)];
  return resolveIntrinsics(resource?.Properties.PolicyDocument, json.Resources) as PolicyDocument;
}

async function requestsOf(cycle: RecordedCycle): Promise<AuthorizationRequest[]> {
  const all = (await Promise.all(cycle.calls.map(authorizationRequests))).flat();
  return all.filter((request) => !(request.action in ACTIONS_NEEDING_NO_PERMISSION));
}

const summary = (verdicts: { request: AuthorizationRequest; result: string }[]) =>
  verdicts.map((v) => `${v.result} ${v.request.action} ${v.request.resource}`);

describe('every call of a plan + apply cycle, judged against the synthesized policy', () => {
  let deployed: TunerStack;
  let cycle: RecordedCycle;
  let requests: AuthorizationRequest[];

  beforeAll(async () => {
    deployed = tunerStack([{ name: 'ocr' }], { mode: 'apply', configSource: 'ssm' });
    cycle = await recordTunerCycle(deployed);
    requests = await requestsOf(cycle);
  }, 120_000);

  it('ran the cycle cleanly and changed every knob: PC, reserved, memory through a new version', () => {
    // Assess
    expect(cycle.handlerSummary).toMatchObject({
      status: 'completed',
      actionsApplied: 1,
      apiErrors: 0,
    });
    expect(cycle.actuatorResults.map((r) => r.status)).toEqual(['applied', 'applied']);
    const actions = new Set(requests.map((r) => r.action));
    for (const action of [
      'ssm:GetParameter',
      'cloudwatch:GetMetricData',
      'lambda:GetAlias',
      'lambda:GetFunctionConfiguration',
      'lambda:GetProvisionedConcurrencyConfig',
      'lambda:GetFunctionConcurrency',
      'lambda:ListTags',
      'lambda:GetAccountSettings',
      'lambda:PutProvisionedConcurrencyConfig',
      'lambda:PutFunctionConcurrency',
      ...MEMORY_ACTIONS,
      's3:GetObject',
      's3:PutObject',
    ])
      expect(actions, action).toContain(action);
  });

  it('allows every call the cycle needs', async () => {
    // Act
    const verdicts = await evaluate(requests, tunerPolicy(deployed), bucketPolicyOf(deployed));

    // Assess
    expect(summary(verdicts.filter((v) => v.result !== 'Allowed'))).toEqual([]);
    expect(verdicts.length).toBeGreaterThan(20);
  });

  it('denies the memory change when memory is not tuned, and reserved changes when those are not', async () => {
    // Prepare
    const pcOnly = tunerStack([{ name: 'ocr', tune: ['provisionedConcurrency'] }], {
      mode: 'apply',
      configSource: 'ssm',
    });

    // Act
    const verdicts = await evaluate(requests, tunerPolicy(pcOnly), bucketPolicyOf(pcOnly));

    // Assess
    const denied = new Set(
      verdicts.filter((v) => v.result !== 'Allowed').map((v) => v.request.action),
    );
    expect([...denied].sort()).toEqual([...MEMORY_ACTIONS, 'lambda:PutFunctionConcurrency'].sort());
  });

  it('denies every write the cycle made when aimed at a function that is not a target', async () => {
    // Prepare
    const elsewhere = requests
      .filter((r) => WRITES.has(r.action))
      .map((r) => ({ ...r, resource: r.resource.replace(':function:ocr', ':function:billing') }));

    // Act
    const verdicts = await evaluate(elsewhere, tunerPolicy(deployed));

    // Assess
    expect(elsewhere.length).toBeGreaterThanOrEqual(5);
    expect(verdicts.map((v) => v.result)).toEqual(elsewhere.map(() => 'ImplicitlyDenied'));
  });

  it('denies reports written outside the prefix and any S3 call without TLS', async () => {
    // Prepare
    const put = requests.find((r) => r.action === 's3:PutObject') as AuthorizationRequest;
    const outside = { ...put, resource: put.resource.replace('/thermostat/', '/other/') };

    // Act
    const [outsideVerdict] = await evaluate(
      [outside],
      tunerPolicy(deployed),
      bucketPolicyOf(deployed),
    );
    const [plainHttp] = await evaluate([put], tunerPolicy(deployed), bucketPolicyOf(deployed), {
      secureTransport: false,
    });

    // Assess
    expect(outsideVerdict?.result).toBe('ImplicitlyDenied');
    expect(plainHttp?.result).toBe('ExplicitlyDenied');
  });
});
