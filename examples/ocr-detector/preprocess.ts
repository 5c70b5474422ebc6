import type { RgbaImage } from './decode.ts';

/** The model input made from one image, and how to map the model's coordinates back. */
export interface ModelInput {
  /** NCHW float32, channels in B, G, R order, normalised with the ImageNet mean and std. */
  readonly data: Float32Array;
  /** Width fed to the model: a multiple of 32. */
  readonly width: number;
  /** Height fed to the model: a multiple of 32. */
  readonly height: number;
  /** Original width / model width: multiply a model x by this to get an image x. */
  readonly scaleX: number;
  /** Original height / model height. */
  readonly scaleY: number;
}

// ImageNet statistics in the B, G, R order PaddleOCR feeds them (it reads images with OpenCV).
const mean = [0.485, 0.456, 0.406] as const;
const std = [0.229, 0.224, 0.225] as const;
const bgrSourceChannel = [2, 1, 0] as const;
const stride = 32;

/**
 * Computes the model's input size the way PaddleOCR's `DetResizeForTest` (limit type "max") does:
 * keep the aspect ratio, shrink so the long side is at most `maxSide` (never enlarge), and round
 * each side to a multiple of 32 (the backbone downsamples by 32), at least 32.
 *
 * @example
 * ```ts
 * modelInputSize(1920, 1080, 960); // { width: 960, height: 544 }
 * ```
 */
export function modelInputSize(
  width: number,
  height: number,
  maxSide: number,
): { width: number; height: number } {
  const ratio = Math.min(1, maxSide / Math.max(width, height));
  const largest = Math.max(stride, Math.floor(maxSide / stride) * stride);
  const side = (length: number) =>
    Math.min(largest, Math.max(stride, Math.round((length * ratio) / stride) * stride));
  return { width: side(width), height: side(height) };
}

/**
 * Turns an RGBA image into the detection model's input: transparent pixels composited over
 * white, bilinear resize to {@link modelInputSize}, scaled to 0..1, normalised with the ImageNet
 * mean and std, laid out NCHW.
 *
 * @example
 * ```ts
 * const input = preprocessImage(decodeImage(bytes, limits), { maxSide: 960 });
 * new Tensor('float32', input.data, [1, 3, input.height, input.width]);
 * ```
 */
export function preprocessImage(image: RgbaImage, options: { maxSide: number }): ModelInput {
  const { width, height } = modelInputSize(image.width, image.height, options.maxSide);
  const data = new Float32Array(3 * width * height);
  const plane = width * height;
  const xs = samplePositions(image.width, width);
  const ys = samplePositions(image.height, height);
  const pixels = image.data;
  const rowBytes = image.width * 4;
  for (let y = 0; y < height; y++) {
    // Typed-array reads are in bounds by construction; `as number` quiets noUncheckedIndexedAccess.
    const row0 = (ys.low[y] as number) * rowBytes;
    const row1 = (ys.high[y] as number) * rowBytes;
    const wy = ys.weight[y] as number;
    for (let x = 0; x < width; x++) {
      const col0 = (xs.low[x] as number) * 4;
      const col1 = (xs.high[x] as number) * 4;
      const wx = xs.weight[x] as number;
      const out = y * width + x;
      for (let c = 0; c < 3; c++) {
        const source = bgrSourceChannel[c] as number;
        const top =
          overWhite(pixels, row0 + col0, source) * (1 - wx) +
          overWhite(pixels, row0 + col1, source) * wx;
        const bottom =
          overWhite(pixels, row1 + col0, source) * (1 - wx) +
          overWhite(pixels, row1 + col1, source) * wx;
        const value = (top * (1 - wy) + bottom * wy) / 255;
        data[c * plane + out] = (value - (mean[c] as number)) / (std[c] as number);
      }
    }
  }
  return { data, width, height, scaleX: image.width / width, scaleY: image.height / height };
}

/** Source pixel pairs and weights for each target position (pixel centres aligned, as OpenCV). */
function samplePositions(
  sourceLength: number,
  targetLength: number,
): { low: Int32Array; high: Int32Array; weight: Float32Array } {
  const low = new Int32Array(targetLength);
  const high = new Int32Array(targetLength);
  const weight = new Float32Array(targetLength);
  const scale = sourceLength / targetLength;
  for (let i = 0; i < targetLength; i++) {
    const position = Math.min(Math.max((i + 0.5) * scale - 0.5, 0), sourceLength - 1);
    const floor = Math.floor(position);
    low[i] = floor;
    high[i] = Math.min(floor + 1, sourceLength - 1);
    weight[i] = position - floor;
  }
  return { low, high, weight };
}

function overWhite(pixels: Uint8Array, offset: number, channel: number): number {
  const value = pixels[offset + channel] as number;
  const alpha = pixels[offset + 3] as number;
  return value + ((255 - value) * (255 - alpha)) / 255;
}
