/**
 * The Lambda API calls the tuner makes, one method each, all through one concurrency limit
 * (p-limit) and per-Region clients with the SDK's adaptive retry. A function named by ARN in the
 * config is called by its full ARN, and only once it is known to be in the caller's account,
 * partition and the client's Region: every call, reads and writes alike, goes through that check.
 */
import {
  DeleteFunctionConcurrencyCommand,
  DeleteProvisionedConcurrencyConfigCommand,
  type FunctionConfiguration,
  GetAccountSettingsCommand,
  type GetAccountSettingsCommandOutput,
  GetAliasCommand,
  type GetAliasCommandOutput,
  GetFunctionConcurrencyCommand,
  GetFunctionConfigurationCommand,
  GetProvisionedConcurrencyConfigCommand,
  type GetProvisionedConcurrencyConfigCommandOutput,
  LambdaClient,
  ListTagsCommand,
  PublishVersionCommand,
  PutFunctionConcurrencyCommand,
  PutProvisionedConcurrencyConfigCommand,
  type PutProvisionedConcurrencyConfigCommandOutput,
  UpdateAliasCommand,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import pLimit, { type LimitFunction } from 'p-limit';
import { isErrorNamed } from '../core/errorSummary.ts';
import { type AwsClientOptions, sharedClientConfig } from './awsClientOptions.ts';
import { type CallerIdentitySource, StsCallerIdentity } from './callerIdentity.ts';
import { RegionalClients } from './regionalClients.ts';
import { TargetOutsideAccountError } from './targetOutsideAccountError.ts';
import { acceptXmlErrorResponses } from './xmlErrorResponses.ts';

/**
 * A function, by name, in a Region (absent: the default Region); with the account and partition
 * when the config named it by ARN.
 */
export interface FunctionRef {
  readonly functionName: string;
  readonly region?: string;
  readonly accountId?: string;
  readonly partition?: string;
}

/** How to reach Lambda. */
export interface LambdaApiOptions {
  readonly aws?: AwsClientOptions;
  /** Supplies the client for a Region instead of building one from `aws` (tests, custom handlers). */
  readonly clientFor?: (region: string | undefined) => LambdaClient;
  /** API calls in flight at once across all targets. Default 8. */
  readonly concurrency?: number;
  /** Whose credentials these are; default: STS GetCallerIdentity, asked only for ARN targets. */
  readonly identity?: CallerIdentitySource;
}

/** Calls in flight: Lambda's control-plane limits are per account, shared with everyone else's tooling. */
export const DEFAULT_API_CONCURRENCY = 8;

/**
 * The Lambda control-plane calls the tuner uses.
 *
 * @example
 * ```ts
 * const api = new LambdaApi({ aws: { region: 'eu-west-1' } });
 * const alias = await api.getAlias({ functionName: 'ocr' }, 'live');
 * ```
 */
export class LambdaApi {
  readonly #clients: RegionalClients<LambdaClient>;
  readonly #limit: LimitFunction;
  readonly #identity: CallerIdentitySource;

  constructor(options: LambdaApiOptions = {}) {
    const aws = options.aws ?? {};
    this.#clients = new RegionalClients(
      options.clientFor ??
        ((region) => acceptXmlErrorResponses(new LambdaClient(sharedClientConfig(aws, region)))),
    );
    this.#limit = pLimit(options.concurrency ?? DEFAULT_API_CONCURRENCY);
    this.#identity = options.identity ?? new StsCallerIdentity({ aws });
  }

  #client(fn: FunctionRef | undefined): LambdaClient {
    return this.#clients.get(fn?.region);
  }

  /**
   * What to pass as `FunctionName`: the name, or for a function given by ARN the full ARN once
   * it is known to be in the caller's account and partition and in the client's Region.
   *
   * @throws TargetOutsideAccountError otherwise; nothing is called for the function.
   */
  async #functionName(fn: FunctionRef): Promise<string> {
    if (fn.accountId === undefined) return fn.functionName;
    const partition = fn.partition ?? 'aws';
    const arn = `arn:${partition}:lambda:${fn.region}:${fn.accountId}:function:${fn.functionName}`;
    const refuse = (why: string) =>
      new TargetOutsideAccountError(`${arn}: ${why}; refused, nothing is called for it`);
    const clientRegion = await this.#client(fn).config.region();
    if (fn.region === undefined || clientRegion !== fn.region)
      throw refuse(`its Region is not the client's (${clientRegion})`);
    const caller = await this.#identity.callerAccount(fn.region);
    if (caller.partition !== partition)
      throw refuse(`the credentials are for partition ${caller.partition}`);
    if (caller.accountId !== fn.accountId)
      throw refuse(
        `it is in account ${fn.accountId} and the credentials are for account ${caller.accountId}`,
      );
    return arn;
  }

  async getAlias(fn: FunctionRef, alias: string): Promise<GetAliasCommandOutput> {
    const command = new GetAliasCommand({
      FunctionName: await this.#functionName(fn),
      Name: alias,
    });
    return this.#limit(() => this.#client(fn).send(command));
  }

  /** Configuration of a version or alias; `$LATEST` when `qualifier` is undefined. */
  async getConfiguration(fn: FunctionRef, qualifier?: string): Promise<FunctionConfiguration> {
    const command = new GetFunctionConfigurationCommand({
      FunctionName: await this.#functionName(fn),
      ...(qualifier === undefined ? {} : { Qualifier: qualifier }),
    });
    return this.#limit(() => this.#client(fn).send(command));
  }

  /** The provisioned-concurrency config of an alias or version; null when it has none. */
  async getProvisionedConcurrency(
    fn: FunctionRef,
    qualifier: string,
  ): Promise<GetProvisionedConcurrencyConfigCommandOutput | null> {
    const command = new GetProvisionedConcurrencyConfigCommand({
      FunctionName: await this.#functionName(fn),
      Qualifier: qualifier,
    });
    try {
      return await this.#limit(() => this.#client(fn).send(command));
    } catch (error) {
      if (isErrorNamed(error, 'ProvisionedConcurrencyConfigNotFoundException')) return null;
      throw error;
    }
  }

  /** Reserved concurrency of the function; null when none is reserved. */
  async getReservedConcurrency(fn: FunctionRef): Promise<number | null> {
    const command = new GetFunctionConcurrencyCommand({
      FunctionName: await this.#functionName(fn),
    });
    const output = await this.#limit(() => this.#client(fn).send(command));
    return output.ReservedConcurrentExecutions ?? null;
  }

  /** Tags of a function, by its unqualified ARN. */
  async listTags(fn: FunctionRef, functionArn: string): Promise<Record<string, string>> {
    await this.#functionName(fn);
    const command = new ListTagsCommand({ Resource: functionArn });
    const output = await this.#limit(() => this.#client(fn).send(command));
    return output.Tags ?? {};
  }

  getAccountSettings(region: string | undefined): Promise<GetAccountSettingsCommandOutput> {
    const command = new GetAccountSettingsCommand({});
    return this.#limit(() => this.#clients.get(region).send(command));
  }

  async putProvisionedConcurrency(
    fn: FunctionRef,
    qualifier: string,
    executions: number,
  ): Promise<PutProvisionedConcurrencyConfigCommandOutput> {
    const command = new PutProvisionedConcurrencyConfigCommand({
      FunctionName: await this.#functionName(fn),
      Qualifier: qualifier,
      ProvisionedConcurrentExecutions: executions,
    });
    return this.#limit(() => this.#client(fn).send(command));
  }

  async deleteProvisionedConcurrency(fn: FunctionRef, qualifier: string): Promise<void> {
    const command = new DeleteProvisionedConcurrencyConfigCommand({
      FunctionName: await this.#functionName(fn),
      Qualifier: qualifier,
    });
    await this.#limit(() => this.#client(fn).send(command));
  }

  async putReservedConcurrency(fn: FunctionRef, executions: number): Promise<void> {
    const command = new PutFunctionConcurrencyCommand({
      FunctionName: await this.#functionName(fn),
      ReservedConcurrentExecutions: executions,
    });
    await this.#limit(() => this.#client(fn).send(command));
  }

  async deleteReservedConcurrency(fn: FunctionRef): Promise<void> {
    const command = new DeleteFunctionConcurrencyCommand({
      FunctionName: await this.#functionName(fn),
    });
    await this.#limit(() => this.#client(fn).send(command));
  }

  /** Sets `$LATEST`'s memory; `revisionId` makes it fail if `$LATEST` changed since it was read. */
  async updateMemory(
    fn: FunctionRef,
    memoryMb: number,
    revisionId: string | undefined,
  ): Promise<FunctionConfiguration> {
    const command = new UpdateFunctionConfigurationCommand({
      FunctionName: await this.#functionName(fn),
      MemorySize: memoryMb,
      ...(revisionId === undefined ? {} : { RevisionId: revisionId }),
    });
    return this.#limit(() => this.#client(fn).send(command));
  }

  /** Publishes `$LATEST`; Lambda refuses if its code no longer has `codeSha256` (a race guard). */
  async publishVersion(
    fn: FunctionRef,
    codeSha256: string,
    revisionId: string | undefined,
    description: string,
  ): Promise<FunctionConfiguration> {
    const command = new PublishVersionCommand({
      FunctionName: await this.#functionName(fn),
      CodeSha256: codeSha256,
      Description: description,
      ...(revisionId === undefined ? {} : { RevisionId: revisionId }),
    });
    return this.#limit(() => this.#client(fn).send(command));
  }

  /** Points an alias at another version, if the alias is still at `revisionId`. */
  async updateAlias(
    fn: FunctionRef,
    alias: string,
    version: string,
    revisionId: string | undefined,
  ): Promise<void> {
    const command = new UpdateAliasCommand({
      FunctionName: await this.#functionName(fn),
      Name: alias,
      FunctionVersion: version,
      ...(revisionId === undefined ? {} : { RevisionId: revisionId }),
    });
    await this.#limit(() => this.#client(fn).send(command));
  }
}
