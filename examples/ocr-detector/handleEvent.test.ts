import { describe, expect, it } from 'vitest';
import { defaultDetectorConfig } from './config.ts';
import { type Detector, handleOcrEvent } from './handleEvent.ts';
import { encodePng } from './sampleEvent.ts';

const png = encodePng({ width: 2, height: 2, data: new Uint8Array(16).fill(255) }).toString(
  'base64',
);
const failing: Detector = {
  detect: () => Promise.reject(new Error('onnxruntime: out of memory')),
};

describe('handleOcrEvent when the detector itself fails', () => {
  it('rethrows on a direct invocation, so Lambda records an error', async () => {
    // Prepare / Act
    const result = handleOcrEvent({ image: png }, failing, defaultDetectorConfig);

    // Assess
    await expect(result).rejects.toThrow('onnxruntime: out of memory');
  });

  it('answers an HTTP request with a 500 that reveals nothing internal', async () => {
    // Prepare
    const event = {
      version: '2.0',
      requestContext: { http: {} },
      body: png,
      isBase64Encoded: true,
    };
    const originalError = console.error;
    console.error = () => {};

    // Act
    const result = await handleOcrEvent(event, failing, defaultDetectorConfig).finally(() => {
      console.error = originalError;
    });

    // Assess
    expect(result).toEqual({
      statusCode: 500,
      headers: { 'content-type': 'application/json' },
      body: '{"error":"internal error"}',
    });
  });
});
