import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LambdaStateReader } from '../../../tuner/aws/index.ts';
import { type FunctionState, targetKey } from '../../../tuner/core/ports.ts';
import { FakeLambda, lambdaError } from './support/fakeLambda.ts';

const AWS = { region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };

let lambda: FakeLambda;

beforeEach(() => {
  lambda = new FakeLambda();
});

afterEach(() => {
  lambda.restore();
});

describe('LambdaStateReader', () => {
  it('reads alias, versions, code, memory, concurrency, tags and the account', async () => {
    // Prepare
    lambda.addFunction({
      name: 'ocr',
      memoryMb: 2048,
      pc: { on: 'version', requested: 3 },
      reserved: 40,
      tags: { 'thermostat:paused': 'true' },
    });
    const ref = { functionName: 'ocr', qualifier: 'live' };

    // Act
    const { account, targets } = await new LambdaStateReader({ aws: AWS }).readState([ref]);

    // Assess
    expect(account).toEqual({ concurrencyLimit: 1000, unreservedConcurrency: 900 });
    expect(targets.get(targetKey(ref))).toEqual({
      functionName: 'ocr',
      qualifier: 'live',
      arn: 'arn:aws:lambda:us-east-1:123456789012:function:ocr:live',
      aliasVersion: '1',
      memoryMb: 2048,
      architecture: 'arm64',
      codeSha256: 'sha-code-1',
      latestCodeSha256: 'sha-code-1',
      latestMemoryMb: 2048,
      unpublishedChanges: [],
      aliasRouting: null,
      provisioned: {
        requested: 3,
        allocated: 3,
        available: 3,
        status: 'READY',
        placement: 'version',
      },
      reservedConcurrency: 40,
      tags: { 'thermostat:paused': 'true' },
      lastModified: '2026-11-01T00:00:00.000+0000',
    } satisfies FunctionState);
    expect(lambda.calls.find((c) => c.command === 'ListTagsCommand')?.input).toEqual({
      Resource: 'arn:aws:lambda:us-east-1:123456789012:function:ocr',
    });
  });

  it('reports no provisioned concurrency as null, and PC on the alias as such', async () => {
    // Prepare
    lambda.addFunction({ name: 'none' });
    lambda.addFunction({ name: 'aliased', pc: { on: 'alias', requested: 7 } });

    // Act
    const { targets } = await new LambdaStateReader({ aws: AWS }).readState([
      { functionName: 'none', qualifier: 'live' },
      { functionName: 'aliased', qualifier: 'live' },
    ]);

    // Assess
    expect((targets.get(':none:live') as FunctionState).provisioned).toBeNull();
    expect((targets.get(':aliased:live') as FunctionState).provisioned).toMatchObject({
      requested: 7,
      placement: 'alias',
    });
  });

  it('reads a version target without GetAlias', async () => {
    // Prepare
    lambda.addFunction({ name: 'ocr' });

    // Act
    const { targets } = await new LambdaStateReader({ aws: AWS }).readState([
      { functionName: 'ocr', qualifier: '1', region: 'us-east-1' },
    ]);

    // Assess
    const state = targets.get('us-east-1:ocr:1') as FunctionState;
    expect(state.aliasVersion).toBeNull();
    expect(state.region).toBe('us-east-1');
    expect(lambda.callNames()).not.toContain('GetAlias');
  });

  it('shows unpublished code and configuration on $LATEST, and weighted routing', async () => {
    // Prepare
    lambda.addFunction({ name: 'ocr', memoryMb: 1024 });
    lambda.editLatest('ocr', { CodeSha256: 'sha-new', MemorySize: 1536, Handler: 'next.handler' });
    lambda.setRouting('ocr', 'live', { '2': 0.05 });

    // Act
    const { targets } = await new LambdaStateReader({ aws: AWS }).readState([
      { functionName: 'ocr', qualifier: 'live' },
    ]);

    // Assess
    expect(targets.get(':ocr:live')).toMatchObject({
      codeSha256: 'sha-code-1',
      latestCodeSha256: 'sha-new',
      memoryMb: 1024,
      latestMemoryMb: 1536,
      unpublishedChanges: ['Handler'],
      aliasRouting: { '2': 0.05 },
    });
  });

  it('maps a missing function to its error and reads the other targets', async () => {
    // Prepare
    lambda.addFunction({ name: 'a' });
    lambda.addFunction({ name: 'c' });

    // Act
    const { targets } = await new LambdaStateReader({ aws: AWS }).readState([
      { functionName: 'a', qualifier: 'live' },
      { functionName: 'b', qualifier: 'live' },
      { functionName: 'c', qualifier: 'live' },
    ]);

    // Assess
    expect(targets.get(':a:live')).toMatchObject({ functionName: 'a' });
    expect(targets.get(':b:live')).toBeInstanceOf(Error);
    expect((targets.get(':b:live') as Error).name).toBe('ResourceNotFoundException');
    expect(targets.get(':c:live')).toMatchObject({ functionName: 'c' });
  });

  it('keeps the targets when the account cannot be read', async () => {
    // Prepare
    lambda.addFunction({ name: 'a' });
    lambda.failOn(
      'GetAccountSettingsCommand',
      lambdaError('AccessDeniedException', 'no lambda:GetAccountSettings'),
    );

    // Act
    const { account, targets } = await new LambdaStateReader({ aws: AWS }).readState([
      { functionName: 'a', qualifier: 'live' },
    ]);

    // Assess
    expect(account).toBeInstanceOf(Error);
    expect((account as Error).name).toBe('AccessDeniedException');
    expect(targets.get(':a:live')).toMatchObject({ functionName: 'a' });
  });

  it('does not ask for provisioned concurrency where the endpoint has no such API', async () => {
    // Prepare
    lambda.addFunction({ name: 'a' });

    // Act
    const { targets } = await new LambdaStateReader({
      aws: AWS,
      provisionedConcurrencyApi: false,
    }).readState([{ functionName: 'a', qualifier: 'live' }]);

    // Assess
    expect((targets.get(':a:live') as FunctionState).provisioned).toBeNull();
    expect(lambda.callNames()).not.toContain('GetProvisionedConcurrencyConfig');
  });

  it('keeps the number of calls in flight within the limit', async () => {
    // Prepare
    for (let i = 0; i < 12; i++) lambda.addFunction({ name: `f${i}` });
    let inFlight = 0;
    let most = 0;
    const reader = new LambdaStateReader({ aws: AWS, concurrency: 3 });
    lambda.mock.callsFake(async () => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight -= 1;
      return {};
    });

    // Act
    await reader.readState(
      Array.from({ length: 12 }, (_, i) => ({ functionName: `f${i}`, qualifier: 'live' })),
    );

    // Assess
    expect(most).toBe(3);
  });
});
