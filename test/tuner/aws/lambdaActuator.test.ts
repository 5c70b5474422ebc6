import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LambdaActuator, type LambdaActuatorOptions } from '../../../tuner/aws/index.ts';
import type { Action, TargetRef } from '../../../tuner/core/plan.ts';
import { FakeClock, FakeLambda, lambdaError } from './support/fakeLambda.ts';

const CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };
const live = (functionName: string): TargetRef => ({ functionName, qualifier: 'live' });

let lambda: FakeLambda;
let clock: FakeClock;

beforeEach(() => {
  lambda = new FakeLambda();
  clock = new FakeClock();
});

afterEach(() => {
  lambda.restore();
});

function actuator(options: LambdaActuatorOptions = {}): LambdaActuator {
  return new LambdaActuator({
    aws: { region: 'us-east-1', credentials: CREDENTIALS },
    clock,
    ...options,
  });
}

const setPc = (target: TargetRef, from: number, to: number): Action => ({
  kind: 'setProvisionedConcurrency',
  target,
  from,
  to,
  reason: 'test',
});
const setReserved = (target: TargetRef, from: number | null, to: number | null): Action => ({
  kind: 'setReservedConcurrency',
  target,
  from,
  to,
  reason: 'test',
});
const setMemory = (
  target: TargetRef,
  from: number,
  to: number,
  provisionedConcurrency: number,
): Action => ({
  kind: 'setMemory',
  target,
  from,
  to,
  provisionedConcurrency,
  reason: 'CPU-bound',
});

describe('LambdaActuator: provisioned concurrency', () => {
  it('puts a new configuration on the version the alias points to', async () => {
    // Prepare
    lambda.addFunction({ name: 'ocr' });

    // Act
    const [result] = await actuator().apply([setPc(live('ocr'), 0, 4)], { dryRun: false });

    // Assess
    expect(result?.status).toBe('applied');
    expect(result?.detail).toBe(
      'provisioned concurrency on ocr:live (on version 1): 0 → 4; allocation in progress',
    );
    expect(lambda.writes()).toEqual([
      {
        command: 'PutProvisionedConcurrencyConfigCommand',
        input: { FunctionName: 'ocr', Qualifier: '1', ProvisionedConcurrentExecutions: 4 },
      },
    ]);
  });

  it('puts it on the alias when configured to', async () => {
    // Prepare
    lambda.addFunction({ name: 'ocr' });

    // Act
    await actuator({ provisionedConcurrencyPlacement: 'alias' }).apply([setPc(live('ocr'), 0, 4)], {
      dryRun: false,
    });

    // Assess
    expect(lambda.pcOn('ocr', 'live')?.requested).toBe(4);
    expect(lambda.pcOn('ocr', '1')).toBeUndefined();
  });

  it('changes an existing configuration where it lives, and deletes it for 0', async () => {
    // Prepare
    lambda.addFunction({ name: 'on-alias', pc: { on: 'alias', requested: 2 } });
    lambda.addFunction({ name: 'on-version', pc: { on: 'version', requested: 5 } });

    // Act
    const results = await actuator().apply(
      [setPc(live('on-alias'), 2, 6), setPc(live('on-version'), 5, 0)],
      { dryRun: false },
    );

    // Assess
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied']);
    expect(lambda.pcOn('on-alias', 'live')?.requested).toBe(6);
    expect(lambda.pcOn('on-version', '1')).toBeUndefined();
    expect(lambda.callNames()).toContain('DeleteProvisionedConcurrencyConfig');
  });

  it('is idempotent: the current value again writes nothing', async () => {
    // Prepare
    lambda.addFunction({ name: 'ocr', pc: { on: 'version', requested: 4 } });

    // Act
    const [result] = await actuator().apply([setPc(live('ocr'), 4, 4)], { dryRun: false });

    // Assess
    expect(result?.status).toBe('unchanged');
    expect(lambda.writes()).toEqual([]);
  });

  it('applying the same plan twice changes nothing the second time', async () => {
    // Prepare
    lambda.addFunction({ name: 'ocr', reserved: 50 });
    const plan = [
      setReserved(live('ocr'), 50, 80),
      setPc(live('ocr'), 0, 4),
      setMemory(live('ocr'), 1024, 2048, 4),
    ];
    await actuator().apply(plan, { dryRun: false });
    const writesBefore = lambda.writes().length;

    // Act
    const second = await actuator().apply(plan, { dryRun: false });

    // Assess
    expect(second.map((r) => r.status)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    expect(lambda.writes()).toHaveLength(writesBefore);
  });

  it('leaves an alias with weighted routing alone', async () => {
    // Prepare
    lambda.addFunction({ name: 'ocr' });
    lambda.setRouting('ocr', 'live', { '2': 0.1 });

    // Act
    const [result] = await actuator().apply([setPc(live('ocr'), 0, 4)], { dryRun: false });

    // Assess
    expect(result?.status).toBe('skipped');
    expect(result?.detail).toMatch(/weighted routing/);
    expect(lambda.writes()).toEqual([]);
  });

  it('in a dry run says what it would do and writes nothing', async () => {
    // Prepare
    lambda.addFunction({ name: 'ocr', reserved: 10 });

    // Act
    const results = await actuator().apply(
      [
        setPc(live('ocr'), 0, 4),
        setReserved(live('ocr'), 10, null),
        setMemory(live('ocr'), 1024, 1536, 4),
      ],
      { dryRun: true },
    );

    // Assess
    expect(results.map((r) => r.status)).toEqual(['skipped', 'skipped', 'skipped']);
    expect(results.map((r) => r.detail)).toEqual([
      'dry run: would set provisioned concurrency on ocr:live (on version 1): 0 → 4',
      'dry run: would set reserved concurrency of ocr: 10 → none',
      'dry run: would change memory of ocr:live: 1024 → 1536 MB (update $LATEST, publish a version, give it provisioned concurrency 4 READY, move alias live from version 1)',
    ]);
    expect(lambda.writes()).toEqual([]);
  });
});

describe('LambdaActuator: reserved concurrency', () => {
  it('puts, deletes, and leaves an equal value alone', async () => {
    // Prepare
    lambda.addFunction({ name: 'a', reserved: null });
    lambda.addFunction({ name: 'b', reserved: 30 });
    lambda.addFunction({ name: 'c', reserved: 30 });

    // Act
    const results = await actuator().apply(
      [
        setReserved(live('a'), null, 40),
        setReserved(live('b'), 30, null),
        setReserved(live('c'), 30, 30),
      ],
      { dryRun: false },
    );

    // Assess
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'unchanged']);
    expect(results[0]?.detail).toBe('reserved concurrency of a: none → 40');
    expect([lambda.reserved('a'), lambda.reserved('b'), lambda.reserved('c')]).toEqual([
      40,
      null,
      30,
    ]);
    expect(lambda.writes().map((w) => w.command)).toEqual([
      'PutFunctionConcurrencyCommand',
      'DeleteFunctionConcurrencyCommand',
    ]);
  });
});

describe('LambdaActuator: the memory workflow', () => {
  it('publishes, warms the new version, then moves the alias and frees the old version', async () => {
    // Prepare
    lambda.addFunction({ name: 'ocr', memoryMb: 1024, pc: { on: 'version', requested: 3 } });

    // Act
    const [result] = await actuator().apply([setMemory(live('ocr'), 1024, 2048, 4)], {
      dryRun: false,
    });

    // Assess
    expect(result?.status).toBe('applied');
    expect(result?.detail).toBe(
      'memory of ocr:live: 1024 → 2048 MB: version 2 published, provisioned concurrency 4 READY on it, alias live moved from version 1; provisioned concurrency removed from version 1',
    );
    expect(lambda.aliasVersion('ocr')).toBe('2');
    expect(lambda.pcOn('ocr', '2')).toMatchObject({ requested: 4, status: 'READY' });
    expect(lambda.pcOn('ocr', '1')).toBeUndefined();
    const writes = lambda.writes();
    expect(writes.map((w) => w.command)).toEqual([
      'UpdateFunctionConfigurationCommand',
      'PublishVersionCommand',
      'PutProvisionedConcurrencyConfigCommand',
      'UpdateAliasCommand',
      'DeleteProvisionedConcurrencyConfigCommand',
    ]);
    expect(writes[0]?.input).toEqual({ FunctionName: 'ocr', MemorySize: 2048, RevisionId: 'r1' });
    expect(writes[1]?.input).toMatchObject({
      FunctionName: 'ocr',
      CodeSha256: 'sha-code-1',
      RevisionId: 'r2',
    });
    expect(writes[3]?.input).toEqual({
      FunctionName: 'ocr',
      Name: 'live',
      FunctionVersion: '2',
      RevisionId: 'a1',
    });
    expect(writes[4]?.input).toEqual({ FunctionName: 'ocr', Qualifier: '1' });
    // The alias moved only after the new version's PC was read as READY.
    const names = lambda.callNames();
    const ready = names.lastIndexOf(
      'GetProvisionedConcurrencyConfig',
      names.indexOf('UpdateAlias'),
    );
    expect(ready).toBeGreaterThan(names.indexOf('PutProvisionedConcurrencyConfig'));
  });

  it('waits (bounded) for LastUpdateStatus before publishing', async () => {
    // Prepare
    lambda.addFunction({ name: 'ocr' });

    // Act
    await actuator().apply([setMemory(live('ocr'), 1024, 2048, 0)], { dryRun: false });

    // Assess
    const names = lambda.callNames();
    const update = names.indexOf('UpdateFunctionConfiguration');
    const publish = names.indexOf('PublishVersion');
    const polls = names.slice(update, publish).filter((n) => n === 'GetFunctionConfiguration');
    expect(polls.length).toBe(2); // InProgress, then Successful
    expect(clock.slept).toBeGreaterThan(0);
  });

  it('skips the change when $LATEST holds unpublished code', async () => {
    // Prepare
    lambda.addFunction({ name: 'ocr' });
    lambda.editLatest('ocr', { CodeSha256: 'sha-code-2-unreleased' });

    // Act
    const [result] = await actuator().apply([setMemory(live('ocr'), 1024, 2048, 2)], {
      dryRun: false,
    });

    // Assess
    expect(result?.status).toBe('skipped');
    expect(result?.detail).toMatch(
      /^\$LATEST holds unpublished code \(CodeSha256 sha-code-2-u ≠ sha-code-1 of version 1\)/,
    );
    expect(lambda.writes()).toEqual([]);
    expect(lambda.aliasVersion('ocr')).toBe('1');
  });

  it('skips the change when $LATEST has unpublished configuration', async () => {
    // Prepare
    lambda.addFunction({ name: 'ocr' });
    lambda.editLatest('ocr', { Environment: { Variables: { MODEL: 'ocr-v2' } }, Timeout: 60 });

    // Act
    const [result] = await actuator().apply([setMemory(live('ocr'), 1024, 2048, 0)], {
      dryRun: false,
    });

    // Assess
    expect(result?.status).toBe('skipped');
    expect(result?.detail).toMatch(/^\$LATEST differs from version 1 in Timeout, Environment/);
    expect(lambda.writes()).toEqual([]);
  });

  it('skips the change when provisioned concurrency sits on the alias itself', async () => {
    // Prepare
    lambda.addFunction({ name: 'ocr', pc: { on: 'alias', requested: 5 } });

    // Act
    const [result] = await actuator().apply([setMemory(live('ocr'), 1024, 2048, 5)], {
      dryRun: false,
    });

    // Assess
    expect(result?.status).toBe('skipped');
    expect(result?.detail).toMatch(/configured on alias live itself/);
    expect(lambda.writes()).toEqual([]);
  });

  it('fails after a bounded wait when PC stays IN_PROGRESS, leaving the alias where it was', async () => {
    // Prepare
    lambda.addFunction({ name: 'ocr', memoryMb: 1024 });
    lambda.pcBehaviour = 'stuck';
    const waits = { provisionedReadyTimeoutMs: 120_000, provisionedReadyPollMs: 10_000 };

    // Act
    const [result] = await actuator({ waits }).apply([setMemory(live('ocr'), 1024, 2048, 4)], {
      dryRun: false,
    });

    // Assess
    expect(result?.status).toBe('failed');
    expect(result?.error?.name).toBe('ActuationTimeoutError');
    expect(result?.detail).toMatch(/still IN_PROGRESS after 120 s/);
    expect(result?.detail).toMatch(/alias live left on version 1/);
    expect(lambda.aliasVersion('ocr')).toBe('1');
    expect(lambda.callNames()).not.toContain('UpdateAlias');
    expect(lambda.pcOn('ocr', '2')).toBeUndefined();
    expect(lambda.latestMemory('ocr')).toBe(1024);
    const polls = lambda.callNames().filter((n) => n === 'GetProvisionedConcurrencyConfig');
    expect(polls.length).toBeLessThanOrEqual(1 + 1 + 120_000 / 10_000 + 1);
  });

  it('fails on a FAILED allocation, cleans up the new version and leaves the alias', async () => {
    // Prepare
    lambda.addFunction({ name: 'ocr', memoryMb: 1024, pc: { on: 'version', requested: 2 } });
    lambda.pcBehaviour = 'failed';

    // Act
    const [result] = await actuator().apply([setMemory(live('ocr'), 1024, 3008, 4)], {
      dryRun: false,
    });

    // Assess
    expect(result?.status).toBe('failed');
    expect(result?.error).toEqual({
      name: 'ProvisionedConcurrencyAllocationError',
      message: 'provisioned concurrency on version 2 is FAILED: FUNCTION_ERROR_INIT_FAILURE',
    });
    expect(lambda.aliasVersion('ocr')).toBe('1');
    expect(lambda.pcOn('ocr', '2')).toBeUndefined();
    expect(lambda.pcOn('ocr', '1')).toMatchObject({ requested: 2, status: 'READY' });
    expect(result?.detail).toMatch(
      /provisioned concurrency removed from version 2; \$LATEST memory restored to 1024 MB/,
    );
  });

  it('moves the alias without PC calls when no PC is wanted', async () => {
    // Prepare
    lambda.addFunction({ name: 'ocr', memoryMb: 2048 });

    // Act
    const [result] = await actuator({ provisionedConcurrencyApi: false }).apply(
      [setMemory(live('ocr'), 2048, 1536, 0)],
      { dryRun: false },
    );

    // Assess
    expect(result?.status).toBe('applied');
    expect(lambda.aliasVersion('ocr')).toBe('2');
    expect(lambda.callNames().filter((n) => n.includes('ProvisionedConcurrency'))).toEqual([]);
  });

  it('refuses to move a version qualifier', async () => {
    // Prepare
    lambda.addFunction({ name: 'ocr' });

    // Act
    const [result] = await actuator().apply(
      [setMemory({ functionName: 'ocr', qualifier: '1' }, 1024, 2048, 0)],
      { dryRun: false },
    );

    // Assess
    expect(result?.status).toBe('skipped');
    expect(result?.detail).toMatch(/is a version, not an alias/);
  });

  it('fails cleanly when the alias moved under it (RevisionId guard)', async () => {
    // Prepare
    lambda.addFunction({ name: 'ocr' });
    lambda.failOn(
      'UpdateAliasCommand',
      lambdaError('PreconditionFailedException', 'RevisionId mismatch'),
    );

    // Act
    const [result] = await actuator().apply([setMemory(live('ocr'), 1024, 2048, 2)], {
      dryRun: false,
    });

    // Assess
    expect(result?.status).toBe('failed');
    expect(result?.error?.name).toBe('PreconditionFailedException');
    expect(lambda.aliasVersion('ocr')).toBe('1');
    expect(lambda.pcOn('ocr', '2')).toBeUndefined();
  });
});

describe('LambdaActuator: fault isolation', () => {
  it('ResourceNotFoundException on one target of three: the other two are still applied', async () => {
    // Prepare
    lambda.addFunction({ name: 'a', reserved: 10 });
    lambda.addFunction({ name: 'c', reserved: 10 });

    // Act
    const results = await actuator().apply(
      [
        setReserved(live('a'), 10, 20),
        setReserved(live('missing'), 10, 20),
        setReserved(live('c'), 10, 20),
      ],
      { dryRun: false },
    );

    // Assess
    expect(results.map((r) => r.status)).toEqual(['applied', 'failed', 'applied']);
    expect(results[1]?.error?.name).toBe('ResourceNotFoundException');
    expect(results[1]?.action.target.functionName).toBe('missing');
    expect([lambda.reserved('a'), lambda.reserved('c')]).toEqual([20, 20]);
  });

  it('reports AccessDeniedException and ResourceConflictException as failed, by name', async () => {
    // Prepare
    lambda.addFunction({ name: 'a' });
    lambda.addFunction({ name: 'b' });
    lambda.failOn(
      'PutFunctionConcurrencyCommand',
      lambdaError('AccessDeniedException', 'not authorized'),
      { functionName: 'a' },
    );
    lambda.failOn(
      'PutProvisionedConcurrencyConfigCommand',
      lambdaError('ResourceConflictException', 'update in progress'),
      { functionName: 'b' },
    );

    // Act
    const results = await actuator().apply(
      [setReserved(live('a'), null, 20), setPc(live('b'), 0, 3)],
      { dryRun: false },
    );

    // Assess
    expect(results.map((r) => r.status)).toEqual(['failed', 'failed']);
    expect(results[0]?.error).toEqual({ name: 'AccessDeniedException', message: 'not authorized' });
    expect(results[0]?.detail).toBe(
      'PutFunctionConcurrency failed for a: AccessDeniedException: not authorized',
    );
    expect(results[1]?.error?.name).toBe('ResourceConflictException');
  });

  it('a failure stops the later actions on the same function only', async () => {
    // Prepare
    lambda.addFunction({ name: 'a', reserved: 5 });
    lambda.addFunction({ name: 'b', reserved: 5 });
    lambda.failOn('PutFunctionConcurrencyCommand', lambdaError('ResourceConflictException'), {
      functionName: 'a',
    });

    // Act
    const results = await actuator().apply(
      [
        setReserved(live('a'), 5, 10),
        setPc(live('a'), 0, 8),
        setReserved(live('b'), 5, 10),
        setPc(live('b'), 0, 8),
      ],
      { dryRun: false },
    );

    // Assess
    expect(results.map((r) => r.status)).toEqual(['failed', 'skipped', 'applied', 'applied']);
    expect(results[1]?.detail).toBe('not attempted: an earlier setReservedConcurrency on a failed');
  });
});
