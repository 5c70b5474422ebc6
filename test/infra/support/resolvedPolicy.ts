/**
 * The tuner role's policy exactly as synthesized, with CloudFormation intrinsics resolved to the
 * values they take when deployed into the test account: function ARNs from their fixed names,
 * the bucket and parameter under stand-in physical names. What the IAM evaluator then judges is
 * the template's policy, not the construct's idea of it.
 */
import type { Template } from 'aws-cdk-lib/assertions';
import { ACCOUNT, REGION } from './tunerStacks.ts';

/** The physical name a resource without an explicit one gets in these tests. */
export const physicalNameOf = (logicalId: string): string => logicalId.toLowerCase();

/** An IAM policy document. */
export interface PolicyDocument {
  readonly Version: string;
  readonly Statement: Record<string, unknown>[];
}

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown> }>;

/**
 * Resolves Ref, Fn::GetAtt (Arn) and Fn::Join as CloudFormation would in the test account.
 *
 * @example
 * ```ts
 * resolveIntrinsics({ 'Fn::GetAtt': ['Fnocr587D2567', 'Arn'] }, resources);
 * // 'arn:aws:lambda:us-east-1:123456789012:function:ocr'
 * ```
 */
export function resolveIntrinsics(value: unknown, resources: Resources): unknown {
  if (Array.isArray(value)) return value.map((item) => resolveIntrinsics(item, resources));
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, unknown>;
  if ('Ref' in record) return refOf(String(record.Ref), resources);
  if ('Fn::GetAtt' in record) {
    const [logicalId, attribute] = record['Fn::GetAtt'] as [string, string];
    return attributeOf(logicalId, attribute, resources);
  }
  if ('Fn::Join' in record) {
    const [separator, parts] = record['Fn::Join'] as [string, unknown[]];
    return parts.map((part) => String(resolveIntrinsics(part, resources))).join(separator);
  }
  return Object.fromEntries(
    Object.entries(record).map(([key, item]) => [key, resolveIntrinsics(item, resources)]),
  );
}

function refOf(logicalId: string, resources: Resources): string {
  const pseudo: Record<string, string> = {
    'AWS::Partition': 'aws',
    'AWS::Region': REGION,
    'AWS::AccountId': ACCOUNT,
    'AWS::URLSuffix': 'amazonaws.com',
  };
  if (logicalId in pseudo) return pseudo[logicalId] as string;
  const resource = resources[logicalId];
  if (resource === undefined) throw new Error(`Ref to unknown resource ${logicalId}`);
  if (resource.Type === 'AWS::Lambda::Function')
    return String(resource.Properties?.FunctionName ?? physicalNameOf(logicalId));
  return physicalNameOf(logicalId);
}

function attributeOf(logicalId: string, attribute: string, resources: Resources): string {
  const resource = resources[logicalId];
  if (resource === undefined) throw new Error(`GetAtt of unknown resource ${logicalId}`);
  if (attribute !== 'Arn') throw new Error(`GetAtt ${attribute} of ${logicalId} not resolved`);
  const name = refOf(logicalId, resources);
  switch (resource.Type) {
    case 'AWS::Lambda::Function':
      return `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;
    case 'AWS::S3::Bucket':
      return `arn:aws:s3:::${name}`;
    case 'AWS::Logs::LogGroup':
      return `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${name}:*`;
    case 'AWS::IAM::Role':
      return `arn:aws:iam::${ACCOUNT}:role/${name}`;
    case 'AWS::StepFunctions::StateMachine':
      return `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${name}`;
    default:
      throw new Error(`GetAtt Arn of ${resource.Type} not resolved`);
  }
}

/**
 * Every statement granted to a role (all its policies), resolved.
 *
 * @example
 * ```ts
 * const policy = rolePolicy(template, stack.getLogicalId(tuner.tuner.role.node.defaultChild as CfnRole));
 * ```
 */
export function rolePolicy(template: Template, roleLogicalId: string): PolicyDocument {
  const json = template.toJSON() as { Resources: Resources };
  const statements: Record<string, unknown>[] = [];
  for (const resource of Object.values(json.Resources)) {
    if (resource.Type !== 'AWS::IAM::Policy') continue;
    const roles = (resource.Properties?.Roles ?? []) as { Ref?: string }[];
    if (!roles.some((role) => role.Ref === roleLogicalId)) continue;
    const document = resource.Properties?.PolicyDocument as { Statement: unknown[] };
    for (const statement of document.Statement)
      statements.push(resolveIntrinsics(statement, json.Resources) as Record<string, unknown>);
  }
  return { Version: '2012-10-17', Statement: statements };
}
