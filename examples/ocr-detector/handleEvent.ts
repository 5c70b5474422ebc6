import type { DetectorConfig } from './config.ts';
import { decodeImage, type RgbaImage } from './decode.ts';
import { BadRequestError } from './errors.ts';
import { EventKind, eventKind, readImageBytes } from './events.ts';
import type { TextBox } from './postprocess.ts';
import {
  badRequestResponse,
  detectionResponse,
  internalErrorResponse,
  type OcrResponse,
} from './responses.ts';

/** Anything that finds text boxes in an image (the real `TextDetector`, or a test double). */
export interface Detector {
  detect(image: RgbaImage): Promise<TextBox[]>;
}

/**
 * One request from event to answer: read the image, decode it, detect, shape the answer for the
 * trigger. The caller's mistakes become 400s; a failure of ours is rethrown on a direct
 * invocation (so Lambda counts an error) and becomes a 500 over HTTP.
 *
 * @example
 * ```ts
 * const response = await handleOcrEvent({ image: base64Png }, detector, readDetectorConfig());
 * ```
 */
export async function handleOcrEvent(
  event: unknown,
  detector: Detector,
  config: DetectorConfig,
): Promise<OcrResponse> {
  const kind = eventKind(event);
  try {
    const bytes = readImageBytes(event, config);
    const image = decodeImage(bytes, { maxPixels: config.maxImagePixels });
    return detectionResponse(kind, await detector.detect(image));
  } catch (error) {
    if (error instanceof BadRequestError) return badRequestResponse(error);
    if (kind === EventKind.direct) throw error;
    console.error(error);
    return internalErrorResponse();
  }
}
