/**
 * Principals in a moto_server that enforces IAM (started with `INITIAL_NO_AUTH_ACTION_COUNT`):
 * an administrator made while requests are still unauthenticated, then users holding exactly a
 * given policy; and a replay of recorded API calls as such a user, with moto's verdict on each.
 */

import { Readable } from 'node:stream';
import * as cloudWatchCommands from '@aws-sdk/client-cloudwatch';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  IAMClient,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import * as lambdaCommands from '@aws-sdk/client-lambda';
import { LambdaClient } from '@aws-sdk/client-lambda';
import * as s3Commands from '@aws-sdk/client-s3';
import { S3Client } from '@aws-sdk/client-s3';
import * as ssmCommands from '@aws-sdk/client-ssm';
import { SSMClient } from '@aws-sdk/client-ssm';
import * as stsCommands from '@aws-sdk/client-sts';
import { STSClient } from '@aws-sdk/client-sts';
import type { ApiCall } from './authorizationRequests.ts';
import type { PolicyDocument } from './resolvedPolicy.ts';

/** Access keys of a moto IAM user. */
export interface MotoCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/** Requests moto serves before it enforces IAM: the administrator's three. */
export const UNAUTHENTICATED_REQUESTS = 3;

const clientConfig = (endpoint: string, credentials: MotoCredentials) => ({
  endpoint,
  region: 'us-east-1',
  credentials,
  maxAttempts: 1,
});

async function userWithPolicy(
  iam: IAMClient,
  userName: string,
  policy: PolicyDocument,
): Promise<MotoCredentials> {
  await iam.send(new CreateUserCommand({ UserName: userName }));
  await iam.send(
    new PutUserPolicyCommand({
      UserName: userName,
      PolicyName: `${userName}-policy`,
      PolicyDocument: JSON.stringify(policy),
    }),
  );
  const key = (await iam.send(new CreateAccessKeyCommand({ UserName: userName }))).AccessKey;
  if (key?.AccessKeyId === undefined || key.SecretAccessKey === undefined)
    throw new Error(`moto gave ${userName} no access key`);
  return { accessKeyId: key.AccessKeyId, secretAccessKey: key.SecretAccessKey };
}

/**
 * Creates the administrator (the first {@link UNAUTHENTICATED_REQUESTS} requests).
 *
 * @example
 * ```ts
 * const admin = await bootstrapAdministrator(moto.endpoint);
 * ```
 */
export function bootstrapAdministrator(endpoint: string): Promise<MotoCredentials> {
  const iam = new IAMClient(
    clientConfig(endpoint, { accessKeyId: 'bootstrap', secretAccessKey: 'bootstrap' }),
  );
  return userWithPolicy(iam, 'administrator', {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
  });
}

/**
 * Creates a user holding exactly `policy`, as the administrator.
 *
 * @example
 * ```ts
 * const tuner = await createPolicyUser(moto.endpoint, admin, 'tuner', policy);
 * ```
 */
export function createPolicyUser(
  endpoint: string,
  admin: MotoCredentials,
  userName: string,
  policy: PolicyDocument,
): Promise<MotoCredentials> {
  return userWithPolicy(new IAMClient(clientConfig(endpoint, admin)), userName, policy);
}

/** moto's answer to one replayed call. */
export interface MotoVerdict {
  readonly call: ApiCall;
  /** `AccessDenied`, `SignatureDoesNotMatch`, another error code, or `ok`. */
  readonly outcome: string;
}

/** The raw response below the deserializer. */
type RawResult = { response: { statusCode: number; body: AsyncIterable<Uint8Array> } };

type AnyClient = {
  send(command: unknown): Promise<unknown>;
  middlewareStack: LambdaClient['middlewareStack'];
};

/**
 * Sends each call, as recorded, to moto as `credentials`; records what moto answered.
 *
 * @example
 * ```ts
 * const verdicts = await replayAs(moto.endpoint, tuner, calls);
 * ```
 */
export async function replayAs(
  endpoint: string,
  credentials: MotoCredentials,
  calls: readonly ApiCall[],
): Promise<MotoVerdict[]> {
  const config = clientConfig(endpoint, credentials);
  // moto answers denials in XML even for JSON services; keep the raw code to tell them apart.
  let lastErrorCode: string | undefined;
  const withErrorCodes = <C extends AnyClient>(client: C): C => {
    const captureErrorCode =
      (next: (args: unknown) => Promise<RawResult>) =>
      async (args: unknown): Promise<RawResult> => {
        const result = await next(args);
        if (result.response.statusCode >= 400) {
          const chunks: Buffer[] = [];
          for await (const chunk of result.response.body) chunks.push(Buffer.from(chunk));
          const body = Buffer.concat(chunks).toString();
          lastErrorCode =
            /<Code>([^<]+)<\/Code>/.exec(body)?.[1] ?? /"__type"\s*:\s*"([^"]+)"/.exec(body)?.[1];
          result.response.body = Readable.from([Buffer.from(body)]);
        }
        return result;
      };
    client.middlewareStack.addRelativeTo(
      captureErrorCode as never,
      {
        relation: 'after',
        toMiddleware: 'deserializerMiddleware',
      } as never,
    );
    return client;
  };
  const clients: Record<string, { client: AnyClient; commands: Record<string, unknown> }> = {
    lambda: {
      client: withErrorCodes(new LambdaClient(config) as unknown as AnyClient),
      commands: lambdaCommands,
    },
    cloudwatch: {
      client: withErrorCodes(new CloudWatchClient(config) as unknown as AnyClient),
      commands: cloudWatchCommands,
    },
    s3: {
      client: withErrorCodes(
        new S3Client({ ...config, forcePathStyle: true }) as unknown as AnyClient,
      ),
      commands: s3Commands,
    },
    sts: {
      client: withErrorCodes(new STSClient(config) as unknown as AnyClient),
      commands: stsCommands,
    },
    ssm: {
      client: withErrorCodes(new SSMClient(config) as unknown as AnyClient),
      commands: ssmCommands,
    },
  };
  const verdicts: MotoVerdict[] = [];
  for (const call of calls) {
    const service = clients[call.service];
    const Command = service?.commands[call.command] as
      | (new (
          input: unknown,
        ) => unknown)
      | undefined;
    if (service === undefined || Command === undefined)
      throw new Error(`cannot replay ${call.service} ${call.command}`);
    lastErrorCode = undefined;
    try {
      await service.client.send(new Command(call.input));
      verdicts.push({ call, outcome: 'ok' });
    } catch (error) {
      verdicts.push({ call, outcome: lastErrorCode ?? (error as Error).name });
    }
  }
  return verdicts;
}
