import type { APIGatewayProxyEvent, APIGatewayProxyEventV2 } from 'aws-lambda';
import { sniffImageFormat } from './decode.ts';
import { BadRequestError } from './errors.ts';

/** A direct invocation: the image as base64 (a `data:` URL prefix is accepted). */
export interface OcrImageEvent {
  readonly image: string;
}

/** Every event the handler accepts. */
export type OcrEvent = OcrImageEvent | APIGatewayProxyEvent | APIGatewayProxyEventV2;

/** How the function was invoked, which decides the shape of its answer. */
export const EventKind = {
  direct: 'direct',
  httpV1: 'http-v1',
  httpV2: 'http-v2',
} as const;
export type EventKind = (typeof EventKind)[keyof typeof EventKind];

/**
 * Tells an API Gateway REST (v1) or HTTP API (v2) event from a direct invocation.
 *
 * @example
 * ```ts
 * eventKind({ version: '2.0', requestContext: { http: { method: 'POST' } }, body: '{}' }); // 'http-v2'
 * eventKind({ image: 'iVBORw0KGgo...' }); // 'direct'
 * ```
 */
export function eventKind(event: unknown): EventKind {
  if (!isObject(event) || !isObject(event.requestContext)) return EventKind.direct;
  return event.version === '2.0' ? EventKind.httpV2 : EventKind.httpV1;
}

/**
 * Extracts the encoded image bytes from any accepted event: `{ image }` directly, or an HTTP body
 * that is the image itself (base64 when `isBase64Encoded`) or JSON `{ "image": "<base64>" }`.
 * Throws {@link BadRequestError} for a missing, malformed or oversized image.
 *
 * @example
 * ```ts
 * const bytes = readImageBytes({ image: pngBytes.toString('base64') }, { maxImageBytes: 6_291_456 });
 * ```
 */
export function readImageBytes(event: unknown, limits: { maxImageBytes: number }): Uint8Array {
  if (!isObject(event)) throw new BadRequestError('the event must be an object');
  if (eventKind(event) === EventKind.direct) return imageFromJson(event, limits.maxImageBytes);
  const body = event.body;
  if (typeof body !== 'string' || body.length === 0) {
    throw new BadRequestError('the request has no body: send an image or JSON {"image": base64}');
  }
  if (event.isBase64Encoded === true) {
    const bytes = decodeBase64(body, limits.maxImageBytes * 2, 'body');
    if (sniffImageFormat(bytes) !== undefined) {
      checkEncodedSize(bytes.length, limits.maxImageBytes);
      return bytes;
    }
    return imageFromJson(parseJson(Buffer.from(bytes).toString('utf8')), limits.maxImageBytes);
  }
  return imageFromJson(parseJson(body), limits.maxImageBytes);
}

function imageFromJson(value: unknown, maxImageBytes: number): Uint8Array {
  if (!isObject(value) || !('image' in value)) {
    throw new BadRequestError('missing "image": expected a base64 PNG or JPEG');
  }
  if (typeof value.image !== 'string' || value.image.length === 0) {
    throw new BadRequestError('"image" must be a non-empty base64 string');
  }
  const bytes = decodeBase64(
    value.image.replace(/^data:[^,]*;base64,/, ''),
    maxImageBytes,
    'image',
  );
  checkEncodedSize(bytes.length, maxImageBytes);
  return bytes;
}

function decodeBase64(text: string, maxBytes: number, what: string): Uint8Array {
  // Three bytes per four characters: refuse before allocating what an oversized string decodes to.
  checkEncodedSize(Math.floor((text.length * 3) / 4), maxBytes);
  const compact = text.replace(/\s+/g, '');
  // Buffer.from skips characters it does not know, so corrupt text would decode to garbage silently.
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(compact)) {
    throw new BadRequestError(`"${what}" is not valid base64`);
  }
  return Buffer.from(compact, 'base64');
}

function checkEncodedSize(bytes: number, maxBytes: number): void {
  if (bytes > maxBytes) {
    throw new BadRequestError(`image too large: more than ${maxBytes} bytes`);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new BadRequestError('the body is neither an image nor JSON {"image": base64}');
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
