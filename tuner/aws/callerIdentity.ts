/**
 * Whose credentials the tuner runs with: the account and partition of the caller, from STS
 * GetCallerIdentity (which every principal may call; it needs no IAM permission). The Lambda
 * calls use it to refuse a target named by an ARN of another account or partition before any
 * call is made for it (see ./lambdaApi.ts).
 */
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { type AwsClientOptions, sharedClientConfig } from './awsClientOptions.ts';

/** The account and partition the credentials belong to. */
export interface CallerAccount {
  readonly accountId: string;
  readonly partition: string;
}

/** Tells whose credentials the calls in a Region are made with. */
export interface CallerIdentitySource {
  callerAccount(region: string | undefined): Promise<CallerAccount>;
}

/** Options of {@link StsCallerIdentity}. */
export interface StsCallerIdentityOptions {
  readonly aws?: AwsClientOptions;
  /** Supplies the client for a Region instead of building one from `aws` (tests). */
  readonly clientFor?: (region: string | undefined) => STSClient;
}

/**
 * The caller's account from STS, asked once per Region (the credentials may differ by Region
 * only through the SDK's own resolution, never within one).
 *
 * @example
 * ```ts
 * const identity = new StsCallerIdentity({ aws: { region: 'eu-west-1' } });
 * await identity.callerAccount('eu-west-1'); // { accountId: '123456789012', partition: 'aws' }
 * ```
 */
export class StsCallerIdentity implements CallerIdentitySource {
  readonly #clientFor: (region: string | undefined) => STSClient;
  readonly #answers = new Map<string, Promise<CallerAccount>>();

  constructor(options: StsCallerIdentityOptions = {}) {
    const aws = options.aws ?? {};
    this.#clientFor =
      options.clientFor ?? ((region) => new STSClient(sharedClientConfig(aws, region)));
  }

  callerAccount(region: string | undefined): Promise<CallerAccount> {
    const key = region ?? '';
    let answer = this.#answers.get(key);
    if (answer === undefined) {
      answer = this.#ask(region);
      // A failed answer is not kept: the next target asks again.
      answer.catch(() => this.#answers.delete(key));
      this.#answers.set(key, answer);
    }
    return answer;
  }

  async #ask(region: string | undefined): Promise<CallerAccount> {
    const output = await this.#clientFor(region).send(new GetCallerIdentityCommand({}));
    const partition = /^arn:([^:]+):/.exec(output.Arn ?? '')?.[1];
    if (output.Account === undefined || partition === undefined)
      throw new Error('GetCallerIdentity returned no account or ARN');
    return { accountId: output.Account, partition };
  }
}
