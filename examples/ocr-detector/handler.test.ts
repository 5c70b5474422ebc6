import type { Context } from 'aws-lambda';
import jpeg from 'jpeg-js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { emfAudit } from '../../test/support/emfSpecification.ts';
import type { TextBox } from './postprocess.ts';
import type { DetectionResult, HttpResult, OcrResponse } from './responses.ts';
import { encodePng } from './sampleEvent.ts';
import { type Rect, renderTextImage } from './textImage.ts';

type Handler = (event: unknown, context: Context) => Promise<OcrResponse>;

const context = {
  functionName: 'ocr-detector',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:ocr-detector',
  memoryLimitInMB: '1769',
  awsRequestId: 'test-request',
  getRemainingTimeInMillis: () => 30_000,
} as unknown as Context;

// A two-line label; the handler must find text over these lines and nowhere else.
const label = renderTextImage({
  width: 720,
  height: 260,
  lines: [
    { text: 'SHIP TO: 42 MAIN ST', x: 40, y: 50, scale: 4 },
    { text: 'PARCEL 7 OF 9', x: 40, y: 150, scale: 5 },
  ],
});

function overlapsAny(box: TextBox, regions: readonly Rect[]): boolean {
  return regions.some(
    (rect) =>
      box.x < rect.x + rect.width &&
      rect.x < box.x + box.width &&
      box.y < rect.y + rect.height &&
      rect.y < box.y + box.height,
  );
}

function expectBoxesOnText(boxes: readonly TextBox[], regions: readonly Rect[]): void {
  expect(boxes.length).toBeGreaterThan(0);
  for (const region of regions) expect(boxes.some((box) => overlapsAny(box, [region]))).toBe(true);
  for (const box of boxes) expect(overlapsAny(box, regions)).toBe(true);
}

describe('ocr-detector handler (real model, real SDK)', () => {
  let handler: Handler;

  beforeAll(async () => {
    // The configuration is read at init, so the environment is set before the module loads.
    vi.stubEnv('OCR_THREADS', '1');
    vi.stubEnv('OCR_MAX_IMAGE_PIXELS', '2000000');
    ({ handler } = (await import('./handler.ts')) as unknown as { handler: Handler });
  });

  afterAll(() => {
    vi.unstubAllEnvs();
  });

  it('finds boxes over dark text in a PNG, and emits the telemetry contract', async () => {
    // Prepare
    const event = { image: encodePng(label.image).toString('base64') };
    // The SDK writes one EMF line per invocation on stdout (the test setup collects them).
    const before = emfAudit.stdoutDocuments.length;

    // Act
    const result = (await handler(event, context)) as DetectionResult;

    // Assess
    expectBoxesOnText(result.boxes, label.textRegions);
    const emf = emfAudit.stdoutDocuments[before] ?? {};
    expect(emf._aws).toBeDefined();
    expect(emf.InvokeLatency).toBeTypeOf('number');
    expect(emf.CpuTime).toBeTypeOf('number');
    expect(emf.FunctionName).toBe('ocr-detector');
  });

  it('finds boxes in a JPEG', async () => {
    // Prepare
    const bytes = jpeg.encode(label.image, 90).data;

    // Act
    const result = (await handler({ image: bytes.toString('base64') }, context)) as DetectionResult;

    // Assess
    expectBoxesOnText(result.boxes, label.textRegions);
  });

  it('finds nothing on a blank page', async () => {
    // Prepare
    const blank = renderTextImage({ width: 640, height: 480, lines: [] });

    // Act
    const result = await handler({ image: encodePng(blank.image).toString('base64') }, context);

    // Assess
    expect(result).toEqual({ boxes: [] });
  });

  it('answers an API Gateway v2 request whose body is the base64 image', async () => {
    // Prepare
    const event = {
      version: '2.0',
      routeKey: 'POST /detect',
      rawPath: '/detect',
      headers: { 'content-type': 'image/png' },
      requestContext: { http: { method: 'POST', path: '/detect' }, requestId: 'r-v2' },
      body: encodePng(label.image).toString('base64'),
      isBase64Encoded: true,
    };

    // Act
    const result = (await handler(event, context)) as HttpResult;

    // Assess
    expect(result.statusCode).toBe(200);
    expect(result.headers['content-type']).toBe('application/json');
    expectBoxesOnText((JSON.parse(result.body) as DetectionResult).boxes, label.textRegions);
  });

  it('answers an API Gateway v1 request with a JSON body', async () => {
    // Prepare
    const event = {
      httpMethod: 'POST',
      path: '/detect',
      requestContext: { stage: 'prod', requestId: 'r-v1' },
      body: JSON.stringify({ image: encodePng(label.image).toString('base64') }),
      isBase64Encoded: false,
    };

    // Act
    const result = (await handler(event, context)) as HttpResult;

    // Assess
    expect(result.statusCode).toBe(200);
    expect((JSON.parse(result.body) as DetectionResult).boxes.length).toBeGreaterThan(0);
  });

  it.each([
    [
      'a corrupt PNG',
      { image: encodePng(label.image).subarray(0, 200).toString('base64') },
      /corrupt PNG/,
    ],
    [
      'bytes that are no image',
      { image: Buffer.from('plain text').toString('base64') },
      /unsupported/,
    ],
    ['a missing image', { nothing: true }, /missing "image"/],
    [
      'an image over OCR_MAX_IMAGE_PIXELS',
      {
        image: encodePng(renderTextImage({ width: 2000, height: 1001, lines: [] }).image).toString(
          'base64',
        ),
      },
      /image too large/,
    ],
    [
      'an HTTP request with a corrupt body',
      {
        version: '2.0',
        requestContext: { http: { method: 'POST' } },
        body: 'AAAA',
        isBase64Encoded: true,
      },
      /neither an image nor JSON/,
    ],
  ])('answers %s with a 400 and a JSON error', async (_name, event, message) => {
    // Prepare: the event above

    // Act
    const result = (await handler(event, context)) as HttpResult;

    // Assess
    expect(result.statusCode).toBe(400);
    expect((JSON.parse(result.body) as { error: string }).error).toMatch(message);
  });
});
