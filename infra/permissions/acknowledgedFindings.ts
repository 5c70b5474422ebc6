/**
 * The cdk-nag AwsSolutions findings the construct accepts, each with its reason, acknowledged
 * where they arise (CDK's `Validations.of(...).acknowledge`), so an app using the construct
 * passes AwsSolutions without suppressions of its own. Wildcard findings (AwsSolutions-IAM5) are
 * acknowledged one resource at a time, under the id cdk-nag gives each: `Resource::<arn>`, with
 * deploy-time parts rendered as `<LogicalId.Attribute>`.
 */
import { Stack, Validations } from 'aws-cdk-lib';
import type { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';

/** Why each wildcard the tuner holds is needed. */
export const WILDCARD_REASONS = {
  star: 'cloudwatch:GetMetricData and lambda:GetAccountSettings have no resource-level permissions: they accept only *',
  qualified:
    "the target's qualified ARNs: provisioned concurrency lives on the version the alias points to (and, for a memory change, on the next version), whose numbers are not known at synth",
  objects:
    'the tuner writes dated reports under its own prefix (reports/<time>.json) and nothing outside it',
  listing: 'listing is conditioned on the tuner prefix (s3:prefix)',
  invokeVersions:
    "CDK's Scheduler LambdaInvoke target grants invoke on the tuner function and its versions; it invokes only the function",
} as const;

/** The id cdk-nag gives a resource in a finding, from its CloudFormation form. */
export function nagResourceName(stack: Stack, resource: string): string {
  const render = (value: unknown): string => {
    if (typeof value === 'string') return value;
    if (typeof value !== 'object' || value === null) return String(value);
    const record = value as Record<string, unknown>;
    if ('Fn::GetAtt' in record) {
      const [id, attribute] = record['Fn::GetAtt'] as [string, string];
      return `<${id}.${attribute}>`;
    }
    if ('Ref' in record) return `<${String(record.Ref)}>`;
    if ('Fn::Join' in record) {
      const [separator, parts] = record['Fn::Join'] as [string, unknown[]];
      return parts.map(render).join(separator);
    }
    return JSON.stringify(value);
  };
  return render(stack.resolve(resource));
}

/**
 * Acknowledges the AwsSolutions-IAM5 finding of every wildcard resource in `statements`, on the
 * policy `scope` holds, with `reasonOf(resource)`.
 *
 * @example
 * ```ts
 * acknowledgeWildcards(role, statements, (resource) => WILDCARD_REASONS.star);
 * ```
 */
export function acknowledgeWildcards(
  scope: IConstruct,
  statements: readonly PolicyStatement[],
  reasonOf: (resource: string, statement: PolicyStatement) => string,
): void {
  const stack = Stack.of(scope);
  const seen = new Set<string>();
  for (const statement of statements)
    for (const resource of statement.resources) {
      const name = nagResourceName(stack, resource);
      if (!name.includes('*') || seen.has(name)) continue;
      seen.add(name);
      Validations.of(scope).acknowledge({
        id: `AwsSolutions::AwsSolutions-IAM5[Resource::${name}]`,
        reason: reasonOf(resource, statement),
      });
    }
}
