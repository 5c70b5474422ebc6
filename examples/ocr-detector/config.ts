/** Limits and tuning of the OCR detector, read from the function's environment. */
export interface DetectorConfig {
  /** Longest side fed to the model, pixels (`OCR_MAX_SIDE`); larger images are scaled down. */
  readonly maxSide: number;
  /** Largest encoded image accepted, bytes (`OCR_MAX_IMAGE_BYTES`). */
  readonly maxImageBytes: number;
  /** Largest decoded image accepted, pixels (`OCR_MAX_IMAGE_PIXELS`). */
  readonly maxImagePixels: number;
  /** onnxruntime intra-op threads (`OCR_THREADS`); undefined lets onnxruntime pick (one per core). */
  readonly threads: number | undefined;
}

/** Defaults: PaddleOCR's own 960-pixel limit; 6 MB is Lambda's synchronous payload limit. */
export const defaultDetectorConfig = {
  maxSide: 960,
  maxImageBytes: 6 * 1024 * 1024,
  maxImagePixels: 25_000_000,
  threads: undefined,
} as const satisfies DetectorConfig;

/** An environment variable of the detector holds something that is not a valid value. */
export class DetectorConfigError extends Error {
  override readonly name = 'DetectorConfigError';
}

/**
 * Reads the detector's configuration from environment variables, falling back to the defaults.
 *
 * @example
 * ```ts
 * const config = readDetectorConfig({ OCR_MAX_SIDE: '640', OCR_THREADS: '1' });
 * config.maxSide; // 640
 * ```
 */
export function readDetectorConfig(
  env: Readonly<Record<string, string | undefined>> = process.env,
): DetectorConfig {
  return {
    maxSide: readPositiveInteger(env, 'OCR_MAX_SIDE', 32) ?? defaultDetectorConfig.maxSide,
    maxImageBytes:
      readPositiveInteger(env, 'OCR_MAX_IMAGE_BYTES', 1) ?? defaultDetectorConfig.maxImageBytes,
    maxImagePixels:
      readPositiveInteger(env, 'OCR_MAX_IMAGE_PIXELS', 1) ?? defaultDetectorConfig.maxImagePixels,
    threads: readPositiveInteger(env, 'OCR_THREADS', 1),
  };
}

function readPositiveInteger(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
  minimum: number,
): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < minimum) {
    throw new DetectorConfigError(`${name} must be an integer >= ${minimum}, got '${raw}'`);
  }
  return value;
}
