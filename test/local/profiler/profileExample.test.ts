import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findExample } from '../../../tuner/local/profiler/exampleCatalog.ts';
import { profileExample } from '../../../tuner/local/profiler/profileExample.ts';
import { type Profile, validateProfile } from '../../../tuner/sim/index.ts';

describe('profileExample (real OCR handler, real cold starts)', () => {
  it('measures 2 cold starts and 5 warm invocations into a valid profile', async () => {
    // Prepare
    const options = { example: 'ocr-detector', cold: 2, warm: 5, warmup: 2, progress: false };

    // Act
    const profile = await profileExample(options);

    // Assess: exactly the simulator's format, and what the simulator accepts
    const json = JSON.parse(JSON.stringify(profile)) as Profile;
    expect(Object.keys(json).sort()).toEqual(
      [
        'cpuBoundFraction',
        'initMs',
        'maxThreads',
        'memoryMb',
        'modelBytes',
        'name',
        'serviceMs',
      ].sort(),
    );
    expect(json.modelBytes).toBe(statSync(findExample('ocr-detector').modelFile as string).size);
    expect(() => validateProfile(json)).not.toThrow();
    expect(json.name).toBe('ocr-detector');
    expect(json.memoryMb).toBe(1769);
    expect(json.maxThreads).toBe(1);
    expect(json.initMs).toHaveLength(2);
    expect(json.serviceMs).toHaveLength(5);
    for (const ms of [...json.initMs, ...json.serviceMs]) expect(ms).toBeGreaterThan(0);
    expect(json.cpuBoundFraction).toBeGreaterThan(0);
    expect(json.cpuBoundFraction).toBeLessThanOrEqual(1);
  }, 180_000);

  it('records the memory the caller says the machine stands for', async () => {
    // Prepare
    const options = {
      example: 'ocr-detector',
      cold: 1,
      warm: 1,
      warmup: 0,
      memoryMb: 2048,
      progress: false,
    };

    // Act
    const profile = await profileExample(options);

    // Assess
    expect(profile.memoryMb).toBe(2048);
    expect(profile.initMs).toHaveLength(1);
    expect(profile.serviceMs).toHaveLength(1);
  }, 180_000);

  it('profiles the fraud scorer on SQS with its model variant: a batch per invocation, the model file measured', async () => {
    // Prepare
    const options = {
      example: 'fraud-scorer-sqs-int8',
      cold: 1,
      warm: 3,
      warmup: 1,
      progress: false,
    };

    // Act
    const profile = await profileExample(options);

    // Assess
    expect(profile.name).toBe('fraud-scorer-sqs-int8');
    expect(profile.modelBytes).toBe(
      statSync(findExample('fraud-scorer-sqs-int8').modelFile as string).size,
    );
    expect(profile.modelBytes).toBeLessThan(
      statSync(findExample('fraud-scorer-sqs').modelFile as string).size,
    );
    expect(profile.serviceMs).toHaveLength(3);
  }, 180_000);
});
