/**
 * A memory change stopped part way by an endpoint that dies: the result says exactly what the
 * function was left as — which memory `$LATEST` has, whether a version was published, where the
 * alias is — rather than that the update "could not" be made.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LambdaActuator } from '../../../tuner/aws/index.ts';
import type { Action } from '../../../tuner/core/plan.ts';
import { FakeClock, FakeLambda } from './support/fakeLambda.ts';

const AWS = { region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
const toMemory = (to: number, provisionedConcurrency = 0): Action => ({
  kind: 'setMemory',
  target: { functionName: 'ocr', qualifier: 'live' },
  from: 1024,
  to,
  provisionedConcurrency,
  reason: 'CPU-bound',
});

let lambda: FakeLambda;

beforeEach(() => {
  lambda = new FakeLambda();
  lambda.addFunction({ name: 'ocr', memoryMb: 1024 });
});

afterEach(() => {
  lambda.restore();
});

const apply = (action: Action) =>
  new LambdaActuator({ aws: AWS, clock: new FakeClock() }).apply([action], { dryRun: false });

describe('a memory change cut short by a dead endpoint', () => {
  it('after $LATEST was updated: updated, not restored, nothing published, alias unmoved', async () => {
    // Prepare
    lambda.dieAfter('UpdateFunctionConfigurationCommand');

    // Act
    const [result] = await apply(toMemory(1536));

    // Assess
    expect(result?.status).toBe('failed');
    expect(result?.detail).toBe(
      '$LATEST accepted 1536 MB, then the update did not complete: TimeoutError: socket hang up; ' +
        'left: no version published; ' +
        '$LATEST updated to 1536 MB, not restored to 1024 MB (reading it back failed: TimeoutError); ' +
        'alias live left on version 1',
    );
    expect(lambda.latestMemory('ocr')).toBe(1536);
    expect(lambda.aliasVersion('ocr')).toBe('1');
  });

  it('after a version was published: the version is named, the alias unmoved', async () => {
    // Prepare
    lambda.dieAfter('PublishVersionCommand');

    // Act
    const [result] = await apply(toMemory(1536));

    // Assess
    expect(result?.detail).toBe(
      'could not publish a version with 1536 MB: TimeoutError: socket hang up; ' +
        'left: version 2 published, not in use; ' +
        '$LATEST updated to 1536 MB, not restored to 1024 MB (reading it back failed: TimeoutError); ' +
        'alias live left on version 1',
    );
    expect(lambda.aliasVersion('ocr')).toBe('1');
  });

  it('when the update call itself gets no answer: the memory is unknown', async () => {
    // Prepare
    lambda.dieOn('UpdateFunctionConfigurationCommand');

    // Act
    const [result] = await new LambdaActuator({
      aws: AWS,
      clock: new FakeClock(),
      provisionedConcurrencyApi: false,
    }).apply([toMemory(1536)], { dryRun: false });

    // Assess
    expect(result?.detail).toMatch(
      /^UpdateFunctionConfiguration \(memory 1536 MB\) failed: TimeoutError/,
    );
    expect(result?.detail).toContain('left: no version published; ');
    expect(result?.detail).toContain('alias live left on version 1');
  });
});
