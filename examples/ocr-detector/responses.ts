import type { BadRequestError } from './errors.ts';
import { EventKind } from './events.ts';
import type { TextBox } from './postprocess.ts';

/** The answer to a direct invocation that succeeded. */
export interface DetectionResult {
  readonly boxes: TextBox[];
}

/** An API Gateway-shaped answer (also used for a direct invocation's 400). */
export interface HttpResult {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** Every answer the handler gives. */
export type OcrResponse = DetectionResult | HttpResult;

const jsonHeaders = { 'content-type': 'application/json' } as const;

/**
 * The success answer: `{ boxes }` for a direct invocation, a 200 with a JSON body for HTTP.
 *
 * @example
 * ```ts
 * detectionResponse(EventKind.httpV2, boxes); // { statusCode: 200, headers, body: '{"boxes":[...]}' }
 * ```
 */
export function detectionResponse(kind: EventKind, boxes: TextBox[]): OcrResponse {
  if (kind === EventKind.direct) return { boxes };
  return { statusCode: 200, headers: jsonHeaders, body: JSON.stringify({ boxes }) };
}

/**
 * The answer to a request the detector cannot serve: `{ statusCode: 400, body: '{"error": ...}' }`
 * whatever the trigger, so a caller never sees a crash for its own mistake.
 *
 * @example
 * ```ts
 * badRequestResponse(new BadRequestError('missing "image"')).statusCode; // 400
 * ```
 */
export function badRequestResponse(error: BadRequestError): HttpResult {
  return {
    statusCode: error.statusCode,
    headers: jsonHeaders,
    body: JSON.stringify({ error: error.message }),
  };
}

/**
 * The answer to an HTTP request that failed on the function's side: a 500 that reveals nothing
 * internal (the error itself goes to the log).
 *
 * @example
 * ```ts
 * internalErrorResponse().statusCode; // 500
 * ```
 */
export function internalErrorResponse(): HttpResult {
  return {
    statusCode: 500,
    headers: jsonHeaders,
    body: JSON.stringify({ error: 'internal error' }),
  };
}
