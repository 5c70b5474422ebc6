import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { findExample, UnknownExampleError } from '../../../tuner/local/profiler/exampleCatalog.ts';
import { memoryMbForThreads } from '../../../tuner/local/profiler/memoryRule.ts';
import { profileExample } from '../../../tuner/local/profiler/profileExample.ts';
import {
  ProfileOptionError,
  resolveProfileOptions,
} from '../../../tuner/local/profiler/profileOptions.ts';

describe('resolveProfileOptions', () => {
  it('fills small defaults, and the memory from the threads', () => {
    // Prepare / Act
    const options = resolveProfileOptions({ example: 'ocr-detector', progress: false });

    // Assess
    expect(options).toMatchObject({ cold: 3, warm: 30, warmup: 3, threads: 1, memoryMb: 1769 });
  });

  it.each([
    [{ cold: 0 }, /^cold: must be an integer in 1\.\.1000, got 0/],
    [{ warm: 2.5 }, /^warm: must be an integer/],
    [{ warmup: -1 }, /^warmup: must be an integer in 0\.\./],
    [{ memoryMb: 64 }, /^memoryMb: must be an integer in 128\.\.10240, got 64/],
    [{ threads: availableParallelism() + 1 }, /^threads: must be an integer in 1\.\./],
  ])('rejects %o naming the option', (bad, message) => {
    // Prepare / Act / Assess
    expect(() => resolveProfileOptions({ example: 'ocr-detector', ...bad })).toThrow(
      ProfileOptionError,
    );
    expect(() => resolveProfileOptions({ example: 'ocr-detector', ...bad })).toThrow(message);
  });
});

describe('examples and memory', () => {
  it('knows the OCR and fraud-scorer examples and names the example option for an unknown one', async () => {
    // Prepare / Act / Assess
    expect(findExample('ocr-detector').handlerModule).toMatch(
      /examples\/ocr-detector\/handler\.ts$/,
    );
    expect(() => findExample('resnet')).toThrow(UnknownExampleError);
    await expect(profileExample({ example: 'resnet' })).rejects.toThrow(
      "example: unknown example 'resnet' (known: ocr-detector, fraud-scorer, fraud-scorer-int8, fraud-scorer-sqs, fraud-scorer-sqs-int8)",
    );
  });

  it('stands one thread for 1,769 MB, capped at Lambda’s 10,240 MB', () => {
    // Prepare / Act / Assess
    expect(memoryMbForThreads(1)).toBe(1769);
    expect(memoryMbForThreads(2)).toBe(3538);
    expect(memoryMbForThreads(8)).toBe(10_240);
  });
});
