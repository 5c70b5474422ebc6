import { describe, expect, it } from 'vitest';
import {
  decodeTunerMemory,
  encodeTunerMemory,
} from '../../../tuner/core/memory/tunerMemoryCodec.ts';
import type { TunerMemory } from '../../../tuner/core/plan/tunerMemory.ts';

const memory: TunerMemory = {
  version: 1,
  targets: {
    ':ocr:live': {
      safetyMargin: 0.15,
      missPrice: { priceUsd: 0.2, plannedMissRate: 0.008 },
      lastChange: { provisionedConcurrency: { atMs: 1_000, direction: 'up' } },
      memorySince: { memoryMb: 2048, sinceMs: 500, previous: { memoryMb: 1024, sinceMs: 100 } },
      lastPrediction: {
        windowStartMs: 1_200,
        windowMinutes: 5,
        predictedP99Ms: 210,
        missProbability: 0.004,
        meetsTarget: true,
      },
      rollbackWatch: {
        untilMs: 2_000,
        changedAtMs: 1_000,
        previous: { memoryMb: 2048, provisionedConcurrency: 2, reservedConcurrency: null },
        baselineErrorRate: 0,
        baselineThrottleRate: 0.001,
      },
    },
  },
};

describe('tuner memory codec', () => {
  it('round-trips every field', () => {
    // Act
    const decoded = decodeTunerMemory(encodeTunerMemory(memory));

    // Assess
    expect(decoded).toEqual({ memory, fresh: false, notes: [] });
  });

  it.each([
    ['not JSON', '{"version":', /not JSON/],
    ['an array', '[]', /not a JSON object/],
    ['another version', '{"version":2,"targets":{}}', /unknown memory version 2/],
    ['no targets', '{"version":1}', /no targets object/],
  ])('starts fresh from %s, with a note', (_case, text, note) => {
    // Act
    const decoded = decodeTunerMemory(text);

    // Assess
    expect(decoded.fresh).toBe(true);
    expect(decoded.memory).toEqual({ version: 1, targets: {} });
    expect(decoded.notes[0]).toMatch(note);
  });

  it('drops only a malformed target, naming the field', () => {
    // Prepare
    const text = JSON.stringify({
      version: 1,
      targets: { ...memory.targets, ':bad:live': { safetyMargin: 'wide', lastChange: {} } },
    });

    // Act
    const decoded = decodeTunerMemory(text);

    // Assess
    expect(Object.keys(decoded.memory.targets)).toEqual([':ocr:live']);
    expect(decoded.notes).toEqual([
      expect.stringMatching(
        /^memory of :bad:live is malformed \(safetyMargin: .+\): that target starts fresh$/,
      ),
    ]);
  });

  it('reads an unbounded prediction (Infinity, written as null) back as null', () => {
    // Prepare
    const target = memory.targets[':ocr:live'];
    const unbounded: TunerMemory = {
      version: 1,
      targets: {
        ':ocr:live': {
          ...target,
          safetyMargin: 0.1,
          lastChange: {},
          lastPrediction: {
            ...target?.lastPrediction,
            predictedP99Ms: Number.POSITIVE_INFINITY,
          } as never,
        },
      },
    };

    // Act
    const decoded = decodeTunerMemory(encodeTunerMemory(unbounded));

    // Assess
    expect(decoded.memory.targets[':ocr:live']?.lastPrediction?.predictedP99Ms).toBeNull();
  });
});
