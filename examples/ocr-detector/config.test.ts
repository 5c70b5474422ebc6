import { describe, expect, it } from 'vitest';
import { DetectorConfigError, defaultDetectorConfig, readDetectorConfig } from './config.ts';

describe('readDetectorConfig', () => {
  it('falls back to the defaults', () => {
    // Prepare / Act
    const config = readDetectorConfig({});

    // Assess
    expect(config).toEqual(defaultDetectorConfig);
  });

  it('reads every variable', () => {
    // Prepare
    const env = {
      OCR_MAX_SIDE: '640',
      OCR_MAX_IMAGE_BYTES: '1000',
      OCR_MAX_IMAGE_PIXELS: '5000',
      OCR_THREADS: '2',
    };

    // Act
    const config = readDetectorConfig(env);

    // Assess
    expect(config).toEqual({ maxSide: 640, maxImageBytes: 1000, maxImagePixels: 5000, threads: 2 });
  });

  it('names the variable that holds a bad value', () => {
    // Prepare / Act / Assess
    expect(() => readDetectorConfig({ OCR_THREADS: 'many' })).toThrow(DetectorConfigError);
    expect(() => readDetectorConfig({ OCR_MAX_SIDE: '16' })).toThrow(
      "OCR_MAX_SIDE must be an integer >= 32, got '16'",
    );
  });
});
