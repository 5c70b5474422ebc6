import { describe, expect, it } from 'vitest';
import { BadRequestError } from './errors.ts';
import { EventKind, eventKind, readImageBytes } from './events.ts';

const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const limits = { maxImageBytes: 1024 };

function httpV2(body: string, isBase64Encoded: boolean) {
  return { version: '2.0', requestContext: { http: { method: 'POST' } }, body, isBase64Encoded };
}
function httpV1(body: string | null, isBase64Encoded: boolean) {
  return { httpMethod: 'POST', requestContext: { stage: 'prod' }, body, isBase64Encoded };
}

describe('eventKind', () => {
  it('tells direct invocations from API Gateway v1 and v2 events', () => {
    // Prepare / Act / Assess
    expect(eventKind({ image: 'x' })).toBe(EventKind.direct);
    expect(eventKind(httpV1('{}', false))).toBe(EventKind.httpV1);
    expect(eventKind(httpV2('{}', false))).toBe(EventKind.httpV2);
    expect(eventKind('text')).toBe(EventKind.direct);
  });
});

describe('readImageBytes', () => {
  it.each([
    ['a direct event', { image: png.toString('base64') }],
    ['a data: URL', { image: `data:image/png;base64,${png.toString('base64')}` }],
    ['a v2 body that is the image', httpV2(png.toString('base64'), true)],
    ['a v1 JSON body', httpV1(JSON.stringify({ image: png.toString('base64') }), false)],
    [
      'a base64-encoded JSON body',
      httpV2(
        Buffer.from(JSON.stringify({ image: png.toString('base64') })).toString('base64'),
        true,
      ),
    ],
  ])('reads the image from %s', (_name, event) => {
    // Prepare / Act
    const bytes = readImageBytes(event, limits);

    // Assess
    expect(Buffer.from(bytes).equals(png)).toBe(true);
  });

  it.each([
    ['a missing image', {}, /missing "image"/],
    ['a non-string image', { image: 42 }, /non-empty base64 string/],
    ['invalid base64', { image: 'not base64!' }, /not valid base64/],
    ['an oversized image', { image: Buffer.alloc(2000).toString('base64') }, /image too large/],
    ['an HTTP event without a body', httpV1(null, false), /has no body/],
    ['a body that is neither image nor JSON', httpV2('hello', false), /neither an image nor JSON/],
    ['a non-object event', 'image', /must be an object/],
  ])('rejects %s with a BadRequestError', (_name, event, message) => {
    // Prepare / Act / Assess
    expect(() => readImageBytes(event, limits)).toThrow(BadRequestError);
    expect(() => readImageBytes(event, limits)).toThrow(message);
  });
});
