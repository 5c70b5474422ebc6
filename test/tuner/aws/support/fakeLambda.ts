/**
 * A small stateful Lambda control plane behind aws-sdk-client-mock: functions with `$LATEST`,
 * published versions, aliases, provisioned and reserved concurrency, tags and account settings,
 * plus scripted faults. It follows the API's rules the adapters rely on (RevisionId and
 * CodeSha256 guards, ProvisionedConcurrencyConfigNotFoundException, LastUpdateStatus).
 */
import {
  DeleteFunctionConcurrencyCommand,
  DeleteProvisionedConcurrencyConfigCommand,
  type FunctionConfiguration,
  GetAccountSettingsCommand,
  GetAliasCommand,
  GetFunctionConcurrencyCommand,
  GetFunctionConfigurationCommand,
  GetProvisionedConcurrencyConfigCommand,
  LambdaClient,
  LambdaServiceException,
  ListTagsCommand,
  PreconditionFailedException,
  ProvisionedConcurrencyConfigNotFoundException,
  PublishVersionCommand,
  PutFunctionConcurrencyCommand,
  PutProvisionedConcurrencyConfigCommand,
  ResourceNotFoundException,
  UpdateAliasCommand,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';

const ACCOUNT = '123456789012';
const REGION = 'us-east-1';

/** How a provisioned-concurrency allocation proceeds after Put: READY, FAILED, or never done. */
export type PcBehaviour = 'ready' | 'failed' | 'stuck';

interface FakeAlias {
  version: string;
  revision: number;
  routing: Record<string, number>;
}

interface FakePc {
  requested: number;
  status: 'IN_PROGRESS' | 'READY' | 'FAILED';
  statusReason?: string;
}

interface FakeFunction {
  readonly name: string;
  latest: FunctionConfiguration & { revision: number; pendingUpdate: boolean };
  readonly versions: FunctionConfiguration[];
  readonly aliases: Map<string, FakeAlias>;
  readonly pc: Map<string, FakePc>;
  reserved: number | null;
  readonly tags: Record<string, string>;
}

/** A function to create: its current version is published and `alias` points to it. */
export interface FakeFunctionSpec {
  readonly name: string;
  readonly memoryMb?: number;
  readonly codeSha256?: string;
  readonly alias?: string;
  /** Provisioned concurrency on the alias's version (`version`) or on the alias itself. */
  readonly pc?: { readonly on: 'version' | 'alias'; readonly requested: number };
  readonly reserved?: number | null;
  readonly tags?: Record<string, string>;
}

/** One API call the adapters made. */
export interface RecordedCall {
  readonly command: string;
  readonly input: Record<string, unknown>;
}

const serviceError = (name: string, message: string): LambdaServiceException =>
  new LambdaServiceException({
    name,
    message,
    $fault: 'client',
    $metadata: { httpStatusCode: 400 },
  });

/**
 * Builds a Lambda service error by name (AccessDeniedException, ResourceConflictException, ...).
 *
 * @example
 * ```ts
 * lambda.failOn('PutFunctionConcurrencyCommand', lambdaError('AccessDeniedException', 'denied'));
 * ```
 */
export function lambdaError(name: string, message = name): Error {
  return serviceError(name, message);
}

/**
 * The fake Lambda; `restore()` removes the mock.
 *
 * @example
 * ```ts
 * const lambda = new FakeLambda();
 * lambda.addFunction({ name: 'ocr', memoryMb: 1024, alias: 'live' });
 * ```
 */
export class FakeLambda {
  readonly mock = mockClient(LambdaClient);
  /** The caller's identity: account 123456789012 in partition aws. */
  readonly sts = mockClient(STSClient);
  readonly calls: RecordedCall[] = [];
  pcBehaviour: PcBehaviour = 'ready';
  account = { ConcurrentExecutions: 1000, UnreservedConcurrentExecutions: 900 };
  readonly #functions = new Map<string, FakeFunction>();
  readonly #faults: { command: string; functionName?: string; error: Error; times: number }[] = [];
  #dieAfter: string | undefined;
  #dieOn: string | undefined;
  #dead = false;

  constructor() {
    this.sts.on(GetCallerIdentityCommand).callsFake(async () => {
      this.calls.push({ command: 'GetCallerIdentityCommand', input: {} });
      return { Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:user/tuner`, UserId: 'AIDA' };
    });
    const on = <I extends object>(
      command: { name: string } & (new (input: I) => unknown),
      handle: (input: I) => unknown,
    ) => {
      this.mock.on(command as never).callsFake(async (input: I) => {
        this.calls.push({ command: command.name, input: input as Record<string, unknown> });
        if (command.name === this.#dieOn) this.#dead = true;
        if (this.#dead) throw Object.assign(new Error('socket hang up'), { name: 'TimeoutError' });
        this.#maybeFail(command.name, input as { FunctionName?: string });
        const output = handle(input);
        if (command.name === this.#dieAfter) this.#dead = true;
        return output;
      });
    };
    on(GetAliasCommand, (i) => this.#getAlias(i.FunctionName ?? '', i.Name ?? ''));
    on(GetFunctionConfigurationCommand, (i) =>
      this.#configuration(i.FunctionName ?? '', i.Qualifier),
    );
    on(GetProvisionedConcurrencyConfigCommand, (i) =>
      this.#getPc(i.FunctionName ?? '', i.Qualifier ?? ''),
    );
    on(PutProvisionedConcurrencyConfigCommand, (i) =>
      this.#putPc(i.FunctionName ?? '', i.Qualifier ?? '', i.ProvisionedConcurrentExecutions ?? 0),
    );
    on(DeleteProvisionedConcurrencyConfigCommand, (i) => {
      this.#fn(i.FunctionName ?? '').pc.delete(i.Qualifier ?? '');
      return {};
    });
    on(GetFunctionConcurrencyCommand, (i) => {
      const reserved = this.#fn(i.FunctionName ?? '').reserved;
      return reserved === null ? {} : { ReservedConcurrentExecutions: reserved };
    });
    on(PutFunctionConcurrencyCommand, (i) => {
      this.#fn(i.FunctionName ?? '').reserved = i.ReservedConcurrentExecutions ?? null;
      return { ReservedConcurrentExecutions: i.ReservedConcurrentExecutions };
    });
    on(DeleteFunctionConcurrencyCommand, (i) => {
      this.#fn(i.FunctionName ?? '').reserved = null;
      return {};
    });
    on(ListTagsCommand, (i) => {
      const name = String(i.Resource ?? '').split(':function:')[1] ?? '';
      if (name.includes(':'))
        throw serviceError('InvalidParameterValueException', 'unqualified ARN expected');
      return { Tags: this.#fn(name).tags };
    });
    on(GetAccountSettingsCommand, () => ({ AccountLimit: this.account, AccountUsage: {} }));
    on(UpdateFunctionConfigurationCommand, (i) =>
      this.#update(i.FunctionName ?? '', i.MemorySize, i.RevisionId),
    );
    on(PublishVersionCommand, (i) =>
      this.#publish(i.FunctionName ?? '', i.CodeSha256, i.RevisionId),
    );
    on(UpdateAliasCommand, (i) =>
      this.#updateAlias(i.FunctionName ?? '', i.Name ?? '', i.FunctionVersion ?? '', i.RevisionId),
    );
  }

  restore(): void {
    this.mock.restore();
    this.sts.restore();
  }

  /** Adds a function with version 1 published and the alias on it. */
  addFunction(spec: FakeFunctionSpec): void {
    const config: FunctionConfiguration = {
      FunctionName: spec.name,
      FunctionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${spec.name}`,
      MemorySize: spec.memoryMb ?? 1024,
      CodeSha256: spec.codeSha256 ?? 'sha-code-1',
      Handler: 'index.handler',
      Runtime: 'nodejs20.x',
      Timeout: 30,
      Architectures: ['arm64'],
      Environment: { Variables: { MODEL: 'ocr' } },
      State: 'Active',
      LastUpdateStatus: 'Successful',
      LastModified: '2026-11-01T00:00:00.000+0000',
    };
    const fn: FakeFunction = {
      name: spec.name,
      latest: { ...config, Version: '$LATEST', revision: 1, pendingUpdate: false },
      versions: [{ ...config, Version: '1', FunctionArn: `${config.FunctionArn}:1` }],
      aliases: new Map([[spec.alias ?? 'live', { version: '1', revision: 1, routing: {} }]]),
      pc: new Map(),
      reserved: spec.reserved ?? null,
      tags: spec.tags ?? {},
    };
    if (spec.pc !== undefined)
      fn.pc.set(spec.pc.on === 'alias' ? (spec.alias ?? 'live') : '1', {
        requested: spec.pc.requested,
        status: 'READY',
      });
    this.#functions.set(spec.name, fn);
  }

  /** Changes `$LATEST` as a developer would (new code or configuration, unpublished). */
  editLatest(name: string, change: Partial<FunctionConfiguration>): void {
    const fn = this.#fn(name);
    fn.latest = { ...fn.latest, ...change, revision: fn.latest.revision + 1 };
  }

  /** Gives the alias a weighted routing configuration. */
  setRouting(name: string, alias: string, routing: Record<string, number>): void {
    const found = this.#fn(name).aliases.get(alias);
    if (found !== undefined) found.routing = routing;
  }

  /** The endpoint dies once `command` has succeeded: every later call fails with a TimeoutError. */
  dieAfter(command: string): void {
    this.#dieAfter = command;
  }

  /** The endpoint dies at `command`: that call and every later one fail with a TimeoutError. */
  dieOn(command: string): void {
    this.#dieOn = command;
  }

  /** Makes the next `times` calls of `command` (optionally for one function) throw `error`. */
  failOn(
    command: string,
    error: Error,
    options: { functionName?: string; times?: number } = {},
  ): void {
    this.#faults.push({
      command,
      error,
      times: options.times ?? Number.POSITIVE_INFINITY,
      ...options,
    });
  }

  aliasVersion(name: string, alias = 'live'): string | undefined {
    return this.#fn(name).aliases.get(alias)?.version;
  }

  pcOn(name: string, qualifier: string): FakePc | undefined {
    return this.#fn(name).pc.get(qualifier);
  }

  latestMemory(name: string): number | undefined {
    return this.#fn(name).latest.MemorySize;
  }

  versionCount(name: string): number {
    return this.#fn(name).versions.length;
  }

  reserved(name: string): number | null {
    return this.#fn(name).reserved;
  }

  /** Names of the calls made, in order (`Command` suffix dropped). */
  callNames(): string[] {
    return this.calls.map((call) => call.command.replace(/Command$/, ''));
  }

  /** Calls that change something. */
  writes(): RecordedCall[] {
    return this.calls.filter((call) => /^(Put|Delete|Update|Publish)/.test(call.command));
  }

  #maybeFail(command: string, input: { FunctionName?: string }): void {
    const fault = this.#faults.find(
      (f) =>
        f.command === command &&
        f.times > 0 &&
        (f.functionName === undefined || f.functionName === input.FunctionName),
    );
    if (fault === undefined) return;
    fault.times -= 1;
    throw fault.error;
  }

  /** By name, or by the full ARN of a function of this account and Region, as Lambda takes it. */
  #fn(nameOrArn: string): FakeFunction {
    const arn = /^arn:aws:lambda:([^:]+):(\d{12}):function:([^:]+)$/.exec(nameOrArn);
    const name = arn?.[1] === REGION && arn[2] === ACCOUNT ? (arn[3] ?? '') : nameOrArn;
    const fn = this.#functions.get(name);
    if (fn === undefined)
      throw new ResourceNotFoundException({
        message: `Function not found: arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`,
        $metadata: { httpStatusCode: 404 },
      });
    return fn;
  }

  #resolve(fn: FakeFunction, qualifier: string | undefined): FunctionConfiguration {
    if (qualifier === undefined || qualifier === '$LATEST') {
      const { revision, pendingUpdate, ...config } = fn.latest;
      // An update is InProgress for exactly one read after it was made.
      if (pendingUpdate) {
        fn.latest.pendingUpdate = false;
        return { ...config, LastUpdateStatus: 'InProgress', RevisionId: `r${revision}` };
      }
      return { ...config, RevisionId: `r${revision}` };
    }
    const version = /^\d+$/.test(qualifier) ? qualifier : fn.aliases.get(qualifier)?.version;
    const config = version === undefined ? undefined : fn.versions[Number(version) - 1];
    if (config === undefined)
      throw new ResourceNotFoundException({
        message: `Function not found: ${fn.name}:${qualifier}`,
        $metadata: {},
      });
    return config;
  }

  #configuration(name: string, qualifier: string | undefined): FunctionConfiguration {
    return this.#resolve(this.#fn(name), qualifier);
  }

  #getAlias(name: string, aliasName: string) {
    const alias = this.#fn(name).aliases.get(aliasName);
    if (alias === undefined)
      throw new ResourceNotFoundException({
        message: `Alias not found: ${name}:${aliasName}`,
        $metadata: {},
      });
    return {
      AliasArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}:${aliasName}`,
      Name: aliasName,
      FunctionVersion: alias.version,
      RevisionId: `a${alias.revision}`,
      ...(Object.keys(alias.routing).length === 0
        ? {}
        : { RoutingConfig: { AdditionalVersionWeights: alias.routing } }),
    };
  }

  #getPc(name: string, qualifier: string) {
    const pc = this.#fn(name).pc.get(qualifier);
    if (pc === undefined)
      throw new ProvisionedConcurrencyConfigNotFoundException({
        message: 'No Provisioned Concurrency Config found',
        $metadata: {},
      });
    const view = {
      RequestedProvisionedConcurrentExecutions: pc.requested,
      AllocatedProvisionedConcurrentExecutions: pc.status === 'READY' ? pc.requested : 0,
      AvailableProvisionedConcurrentExecutions: pc.status === 'READY' ? pc.requested : 0,
      Status: pc.status,
      ...(pc.statusReason === undefined ? {} : { StatusReason: pc.statusReason }),
    };
    // Allocation finishes (or fails) one read after Put, unless it is stuck.
    if (pc.status === 'IN_PROGRESS' && this.pcBehaviour === 'ready') pc.status = 'READY';
    if (pc.status === 'IN_PROGRESS' && this.pcBehaviour === 'failed') {
      pc.status = 'FAILED';
      pc.statusReason = 'FUNCTION_ERROR_INIT_FAILURE';
    }
    return view;
  }

  #putPc(name: string, qualifier: string, requested: number) {
    const fn = this.#fn(name);
    if (qualifier === '$LATEST')
      throw serviceError('InvalidParameterValueException', 'PC not supported on $LATEST');
    this.#resolve(fn, qualifier);
    fn.pc.set(qualifier, { requested, status: 'IN_PROGRESS' });
    return { RequestedProvisionedConcurrentExecutions: requested, Status: 'IN_PROGRESS' };
  }

  #update(name: string, memoryMb: number | undefined, revisionId: string | undefined) {
    const fn = this.#fn(name);
    if (revisionId !== undefined && revisionId !== `r${fn.latest.revision}`)
      throw new PreconditionFailedException({ message: 'RevisionId mismatch', $metadata: {} });
    fn.latest = {
      ...fn.latest,
      ...(memoryMb === undefined ? {} : { MemorySize: memoryMb }),
      revision: fn.latest.revision + 1,
      pendingUpdate: true,
    };
    return { ...fn.latest, LastUpdateStatus: 'InProgress' };
  }

  #publish(name: string, codeSha256: string | undefined, revisionId: string | undefined) {
    const fn = this.#fn(name);
    if (codeSha256 !== undefined && codeSha256 !== fn.latest.CodeSha256)
      throw serviceError('InvalidParameterValueException', 'CodeSha256 does not match $LATEST');
    if (revisionId !== undefined && revisionId !== `r${fn.latest.revision}`)
      throw new PreconditionFailedException({ message: 'RevisionId mismatch', $metadata: {} });
    const { revision, pendingUpdate, ...config } = fn.latest;
    const version = String(fn.versions.length + 1);
    const published = {
      ...config,
      Version: version,
      FunctionArn: `${config.FunctionArn}:${version}`,
    };
    fn.versions.push(published);
    return published;
  }

  #updateAlias(name: string, aliasName: string, version: string, revisionId: string | undefined) {
    const fn = this.#fn(name);
    const alias = fn.aliases.get(aliasName);
    if (alias === undefined)
      throw new ResourceNotFoundException({ message: 'Alias not found', $metadata: {} });
    if (revisionId !== undefined && revisionId !== `a${alias.revision}`)
      throw new PreconditionFailedException({ message: 'RevisionId mismatch', $metadata: {} });
    this.#resolve(fn, version);
    alias.version = version;
    alias.revision += 1;
    return { Name: aliasName, FunctionVersion: version };
  }
}

/**
 * A clock whose sleep only advances time: bounded waits end at once in tests.
 *
 * @example
 * ```ts
 * const clock = new FakeClock();
 * await clock.sleep(60_000); // returns at once; clock.now() moved by a minute
 * ```
 */
export class FakeClock {
  #now = Date.UTC(2026, 10, 27, 12, 0, 0);
  slept = 0;

  now(): number {
    return this.#now;
  }

  async sleep(ms: number): Promise<void> {
    this.#now += ms;
    this.slept += ms;
  }
}
