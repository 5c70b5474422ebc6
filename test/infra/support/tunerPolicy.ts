/** The tuner role's synthesized policy in a test stack, resolved (see ./resolvedPolicy.ts). */
import type { CfnRole } from 'aws-cdk-lib/aws-iam';
import { type PolicyDocument, rolePolicy } from './resolvedPolicy.ts';
import type { TunerStack } from './tunerStacks.ts';

/**
 * The statements the tuner's role holds.
 *
 * @example
 * ```ts
 * const policy = tunerPolicy(tunerStack([{ name: 'ocr' }]));
 * ```
 */
export function tunerPolicy({ stack, tuner, template }: TunerStack): PolicyDocument {
  const roleId = stack.getLogicalId(tuner.tuner.role.node.defaultChild as CfnRole);
  return rolePolicy(template, roleId);
}
