/**
 * A target named by an ARN is called by its full ARN, and only when it is in the caller's account
 * and partition and the client's Region; otherwise it is refused before any call is made for it,
 * reads and writes alike (the caller's account from STS GetCallerIdentity, mocked by FakeLambda).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  LambdaActuator,
  LambdaStateReader,
  TargetOutsideAccountError,
} from '../../../tuner/aws/index.ts';
import type { Action, TargetRef } from '../../../tuner/core/plan.ts';
import { targetKey } from '../../../tuner/core/ports.ts';
import { FakeClock, FakeLambda } from './support/fakeLambda.ts';

const AWS = { region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
const ARN_OF_OURS = 'arn:aws:lambda:us-east-1:123456789012:function:ocr';

const byArn = (accountId: string, partition = 'aws', region = 'us-east-1'): TargetRef => ({
  functionName: 'ocr',
  qualifier: 'live',
  region,
  accountId,
  partition,
});

const callsFor = (lambda: FakeLambda) =>
  lambda.calls.filter((call) => call.command !== 'GetCallerIdentityCommand');

let lambda: FakeLambda;

beforeEach(() => {
  lambda = new FakeLambda();
  lambda.addFunction({ name: 'ocr', memoryMb: 1024, reserved: 40 });
});

afterEach(() => {
  lambda.restore();
});

describe('a target named by ARN', () => {
  it('is read with its full ARN when it is in the caller account', async () => {
    // Prepare
    const ref = byArn('123456789012');

    // Act
    const { targets } = await new LambdaStateReader({ aws: AWS }).readState([ref]);

    // Assess
    expect(targets.get(targetKey(ref))).toMatchObject({ memoryMb: 1024, reservedConcurrency: 40 });
    const names = callsFor(lambda)
      .map((call) => call.input.FunctionName)
      .filter((name) => name !== undefined);
    expect(new Set(names)).toEqual(new Set([ARN_OF_OURS]));
  });

  it('of another account is refused before any call for it, and the other targets are read', async () => {
    // Prepare
    const foreign = byArn('999999999999');
    const ours = { functionName: 'ocr', qualifier: 'live' };

    // Act
    const { targets } = await new LambdaStateReader({ aws: AWS }).readState([foreign, ours]);

    // Assess
    const refused = targets.get(targetKey(foreign));
    expect(refused).toBeInstanceOf(TargetOutsideAccountError);
    expect((refused as Error).message).toBe(
      'arn:aws:lambda:us-east-1:999999999999:function:ocr: it is in account 999999999999 and the credentials are for account 123456789012; refused, nothing is called for it',
    );
    expect(targets.get(targetKey(ours))).toMatchObject({ memoryMb: 1024 });
    expect(callsFor(lambda).some((call) => String(call.input.FunctionName).includes('9999'))).toBe(
      false,
    );
  });

  it('of another partition is refused', async () => {
    // Prepare
    const foreign = byArn('123456789012', 'aws-cn', 'cn-north-1');

    // Act
    const { targets } = await new LambdaStateReader({ aws: AWS }).readState([foreign]);

    // Assess
    expect((targets.get(targetKey(foreign)) as Error).message).toContain(
      'the credentials are for partition aws',
    );
  });

  it('gets no change made when it is in another account', async () => {
    // Prepare
    const foreign = byArn('999999999999');
    const actions: Action[] = [
      { kind: 'setReservedConcurrency', target: foreign, from: 40, to: 80, reason: 'test' },
      {
        kind: 'setMemory',
        target: foreign,
        from: 1024,
        to: 1536,
        provisionedConcurrency: 0,
        reason: 'test',
      },
    ];
    const actuator = new LambdaActuator({
      aws: AWS,
      clock: new FakeClock(),
      provisionedConcurrencyApi: false,
    });

    // Act
    const results = await actuator.apply(actions, { dryRun: false });

    // Assess
    expect(results.map((r) => r.status)).toEqual(['failed', 'skipped']);
    expect(results[0]?.error?.name).toBe('TargetOutsideAccountError');
    expect(callsFor(lambda)).toEqual([]);
    expect(lambda.calls.filter((c) => c.command === 'GetCallerIdentityCommand')).toHaveLength(1);
  });

  it('is changed by its full ARN when it is in the caller account', async () => {
    // Prepare
    const ref = byArn('123456789012');
    const actuator = new LambdaActuator({ aws: AWS, clock: new FakeClock() });

    // Act
    const [result] = await actuator.apply(
      [{ kind: 'setReservedConcurrency', target: ref, from: 40, to: 80, reason: 'test' }],
      { dryRun: false },
    );

    // Assess
    expect(result?.status).toBe('applied');
    expect(lambda.calls.find((c) => c.command === 'PutFunctionConcurrencyCommand')?.input).toEqual({
      FunctionName: ARN_OF_OURS,
      ReservedConcurrentExecutions: 80,
    });
  });
});
