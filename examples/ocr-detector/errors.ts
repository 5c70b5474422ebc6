/**
 * A request the detector cannot serve because of what the caller sent (no image, corrupt bytes,
 * an unsupported format, an image too large). The handler turns it into a 400 result.
 */
export class BadRequestError extends Error {
  override readonly name = 'BadRequestError';
  /** HTTP status the handler answers with. */
  readonly statusCode = 400;
}
