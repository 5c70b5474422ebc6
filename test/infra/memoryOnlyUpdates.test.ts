/**
 * IAM cannot limit UpdateFunctionConfiguration to `MemorySize`, so the tuner's grant of it
 * (infra/permissions/tunerPolicyStatements.ts) is only as narrow as the code that sends it:
 * these tests show the actuator never sends anything but the function, MemorySize and the
 * RevisionId guard — in the source (one place builds the command) and in what it sends.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LambdaActuator } from '../../tuner/aws/lambdaActuator.ts';
import type { Action } from '../../tuner/core/plan.ts';
import { FakeClock, FakeLambda } from '../tuner/aws/support/fakeLambda.ts';
import { recordTunerCycle } from './support/tunerCycleCalls.ts';
import { tunerStack } from './support/tunerStacks.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const ALLOWED_KEYS = ['FunctionName', 'MemorySize', 'RevisionId'];

async function sourceFiles(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('UpdateFunctionConfiguration carries MemorySize only', () => {
  let lambda: FakeLambda;
  beforeEach(() => {
    lambda = new FakeLambda();
  });
  afterEach(() => {
    lambda.restore();
  });

  it('is built in exactly one place of the tuner, from the function, MemorySize and RevisionId', async () => {
    // Prepare
    const files = await sourceFiles(join(root, 'tuner'));

    // Act
    const builders: string[] = [];
    const mentions: string[] = [];
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      // The SDK command is the only way to send it (a simulator may name the operation).
      if (text.includes('UpdateFunctionConfigurationCommand')) mentions.push(relative(root, file));
      for (const match of text.matchAll(
        /new UpdateFunctionConfigurationCommand\(\{([\s\S]*?)\}\);/g,
      ))
        builders.push(`${relative(root, file)}: ${match[1]?.replace(/\s+/g, ' ').trim()}`);
    }

    // Assess
    expect(mentions).toEqual(['tuner/aws/lambdaApi.ts']);
    expect(builders).toEqual([
      'tuner/aws/lambdaApi.ts: FunctionName: await this.#functionName(fn), MemorySize: memoryMb, ...(revisionId === undefined ? {} : { RevisionId: revisionId }),',
    ]);
  });

  it('sends nothing else, over memory changes up and down, repeated and rolled back', async () => {
    // Prepare
    const clock = new FakeClock();
    lambda.addFunction({ name: 'ocr', memoryMb: 1024, pc: { on: 'version', requested: 2 } });
    lambda.addFunction({ name: 'fraud', memoryMb: 3008 });
    const actuator = new LambdaActuator({
      aws: { region: 'us-east-1', credentials: { accessKeyId: 't', secretAccessKey: 't' } },
      clock,
    });
    const memory = (functionName: string, from: number, to: number, pc: number): Action => ({
      kind: 'setMemory',
      target: { functionName, qualifier: 'live' },
      from,
      to,
      provisionedConcurrency: pc,
      reason: 'test',
    });

    // Act
    for (const plan of [
      [memory('ocr', 1024, 2048, 2), memory('fraud', 3008, 1769, 0)],
      [memory('ocr', 2048, 1024, 2)],
      [memory('ocr', 1024, 10240, 4), memory('fraud', 1769, 128, 0)],
      [memory('ocr', 10240, 1024, 4)],
    ])
      await actuator.apply(plan, { dryRun: false });

    // Assess
    const updates = lambda.calls.filter((c) => c.command === 'UpdateFunctionConfigurationCommand');
    expect(updates.length).toBe(6);
    for (const update of updates)
      expect(Object.keys(update.input).filter((k) => !ALLOWED_KEYS.includes(k))).toEqual([]);
    expect(updates.map((u) => u.input.MemorySize)).toEqual([2048, 1769, 1024, 10240, 128, 1024]);
  });

  it('sends nothing else in a whole deployed cycle either', async () => {
    // Prepare
    lambda.restore();

    // Act
    const { calls } = await recordTunerCycle(tunerStack([{ name: 'ocr' }], { mode: 'apply' }));

    // Assess
    const updates = calls.filter((c) => c.command === 'UpdateFunctionConfigurationCommand');
    expect(updates.length).toBeGreaterThan(0);
    for (const update of updates) expect(Object.keys(update.input).sort()).toEqual(ALLOWED_KEYS);
  });
});
