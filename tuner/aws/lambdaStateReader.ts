/**
 * The Lambda `StateReader`: each target's alias, versions, memory, code, provisioned and
 * reserved concurrency and tags, plus the account's concurrency, read in parallel under one
 * concurrency limit. A target that cannot be read maps to its Error; the others are unaffected.
 */
import type { FunctionConfiguration } from '@aws-sdk/client-lambda';
import { parseFunctionArn } from '../core/config/functionArn.ts';
import { VERSION_PATTERN } from '../core/config/lambdaLimits.ts';
import { asError } from '../core/errorSummary.ts';
import type { TargetRef } from '../core/plan.ts';
import {
  type AccountState,
  type FunctionState,
  type StateReader,
  targetKey,
} from '../core/ports.ts';
import { LambdaApi, type LambdaApiOptions } from './lambdaApi.ts';
import {
  findProvisionedConcurrency,
  toProvisionedState,
} from './provisionedConcurrencyPlacement.ts';
import { unpublishedChanges } from './unpublishedChanges.ts';

/** Options of {@link LambdaStateReader}. */
export interface LambdaStateReaderOptions extends LambdaApiOptions {
  /**
   * False for endpoints without the provisioned-concurrency API (moto): `provisioned` is then
   * reported as null without asking. Default true.
   */
  readonly provisionedConcurrencyApi?: boolean;
}

/**
 * Reads the current configuration of targets and of the account from Lambda.
 *
 * @example
 * ```ts
 * const reader = new LambdaStateReader({ aws: { region: 'eu-west-1' } });
 * const { account, targets } = await reader.readState([{ functionName: 'ocr', qualifier: 'live' }]);
 * ```
 */
export class LambdaStateReader implements StateReader {
  readonly #api: LambdaApi;
  readonly #provisionedConcurrencyApi: boolean;

  constructor(options: LambdaStateReaderOptions = {}) {
    this.#api = new LambdaApi(options);
    this.#provisionedConcurrencyApi = options.provisionedConcurrencyApi ?? true;
  }

  /** The account is read in the first target's Region (the default Region without targets). */
  async readState(
    targets: readonly TargetRef[],
  ): Promise<{ account: AccountState | Error; targets: Map<string, FunctionState | Error> }> {
    const account = this.#readAccount(targets[0]?.region).catch(asError);
    const states = targets.map(async (target) => {
      const state = await this.#readTarget(target).catch(asError);
      return [targetKey(target), state] as const;
    });
    return { account: await account, targets: new Map(await Promise.all(states)) };
  }

  async #readAccount(region: string | undefined): Promise<AccountState> {
    const settings = await this.#api.getAccountSettings(region);
    const limit = settings.AccountLimit;
    if (
      limit?.ConcurrentExecutions === undefined ||
      limit.UnreservedConcurrentExecutions === undefined
    )
      throw new Error('GetAccountSettings returned no concurrency limits');
    return {
      concurrencyLimit: limit.ConcurrentExecutions,
      unreservedConcurrency: limit.UnreservedConcurrentExecutions,
    };
  }

  async #readTarget(target: TargetRef): Promise<FunctionState> {
    const isVersion = VERSION_PATTERN.test(target.qualifier);
    const [alias, version, latest, reservedConcurrency] = await Promise.all([
      isVersion ? null : this.#api.getAlias(target, target.qualifier),
      this.#api.getConfiguration(target, target.qualifier),
      this.#api.getConfiguration(target),
      this.#api.getReservedConcurrency(target),
    ]);
    const aliasVersion = alias?.FunctionVersion ?? null;
    const [tags, provisioned] = await Promise.all([
      this.#api.listTags(target, unqualifiedArn(latest)),
      this.#provisionedConcurrencyApi
        ? findProvisionedConcurrency(this.#api, target, aliasVersion).then(toProvisionedState)
        : null,
    ]);
    const routing = alias?.RoutingConfig?.AdditionalVersionWeights ?? {};
    return {
      functionName: target.functionName,
      qualifier: target.qualifier,
      ...(target.region === undefined ? {} : { region: target.region }),
      arn: alias?.AliasArn ?? version.FunctionArn ?? '',
      aliasVersion,
      memoryMb: version.MemorySize ?? 0,
      architecture: version.Architectures?.[0] === 'arm64' ? 'arm64' : 'x86_64',
      codeSha256: version.CodeSha256 ?? '',
      latestCodeSha256: latest.CodeSha256 ?? '',
      latestMemoryMb: latest.MemorySize ?? 0,
      unpublishedChanges: unpublishedChanges(version, latest),
      aliasRouting: Object.keys(routing).length === 0 ? null : routing,
      provisioned,
      reservedConcurrency,
      tags,
      ...(version.LastModified === undefined ? {} : { lastModified: version.LastModified }),
    };
  }
}

/** The function's unqualified ARN (ListTags wants it), from `$LATEST`'s configuration. */
function unqualifiedArn(latest: FunctionConfiguration): string {
  const arn = latest.FunctionArn ?? '';
  const parts = parseFunctionArn(arn);
  if (parts === null) return arn;
  return `arn:${parts.partition}:lambda:${parts.region}:${parts.accountId}:function:${parts.functionName}`;
}
