/**
 * Judges authorization requests against a policy with a real IAM policy evaluator
 * (@cloud-copilot/iam-simulate): identity policy of the tuner role, plus the bucket policy for
 * S3 requests, over TLS unless told otherwise.
 */
import { runSimulation, runUnsafeSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import type { AuthorizationRequest } from './authorizationRequests.ts';
import type { PolicyDocument } from './resolvedPolicy.ts';
import { ACCOUNT } from './tunerStacks.ts';

/** The evaluator's verdict on one request. */
export interface Verdict {
  readonly request: AuthorizationRequest;
  readonly result: string;
}

/** The principal the tuner runs as. */
export const TUNER_ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/tuner`;

/**
 * Evaluates each request; `Allowed`, `ImplicitlyDenied` or `ExplicitlyDenied`.
 *
 * @example
 * ```ts
 * const verdicts = await evaluate(requests, policy);
 * verdicts.filter((v) => v.result !== 'Allowed');
 * ```
 */
export async function evaluate(
  requests: readonly AuthorizationRequest[],
  policy: PolicyDocument,
  bucketPolicy?: PolicyDocument,
  options: { readonly secureTransport?: boolean } = {},
): Promise<Verdict[]> {
  const verdicts: Verdict[] = [];
  for (const request of requests) {
    const s3 = request.action.startsWith('s3:');
    const simulation: Simulation = {
      identityPolicies: [{ name: 'tuner', policy }],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      ...(s3 && bucketPolicy !== undefined ? { resourcePolicy: bucketPolicy } : {}),
      request: {
        action: request.action,
        principal: TUNER_ROLE_ARN,
        resource: { accountId: ACCOUNT, resource: request.resource },
        contextVariables: { 'aws:SecureTransport': String(options.secureTransport ?? true) },
      },
    };
    const result = await runSimulation(simulation, {});
    if (result.resultType === 'error') {
      // `function:ocr:live` fits both Lambda's alias and version ARN formats, so the validating
      // entry point cannot pick a resource type; the request was built from one of them
      // (./authorizationRequests.ts), and the evaluation proper is the same for both.
      if (result.errors.message !== 'multiple.resource.types')
        throw new Error(`the evaluator rejected ${request.call}: ${JSON.stringify(result.errors)}`);
      verdicts.push({ request, result: runUnsafeSimulation(simulation, {}) });
      continue;
    }
    verdicts.push({ request, result: result.overallResult });
  }
  return verdicts;
}
