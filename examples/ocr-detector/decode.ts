import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { BadRequestError } from './errors.ts';

/** A decoded image: 8-bit RGBA, row-major, `width × height × 4` bytes. */
export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** Image formats the detector reads, by their leading bytes. */
export const ImageFormat = {
  png: 'png',
  jpeg: 'jpeg',
} as const;
export type ImageFormat = (typeof ImageFormat)[keyof typeof ImageFormat];

const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;
const jpegSignature = [0xff, 0xd8, 0xff] as const;

/**
 * Tells a PNG from a JPEG by its signature; undefined for anything else.
 *
 * @example
 * ```ts
 * sniffImageFormat(readFileSync('scan.png')); // 'png'
 * ```
 */
export function sniffImageFormat(bytes: Uint8Array): ImageFormat | undefined {
  if (startsWith(bytes, pngSignature)) return ImageFormat.png;
  if (startsWith(bytes, jpegSignature)) return ImageFormat.jpeg;
  return undefined;
}

/**
 * Decodes a PNG or JPEG into RGBA pixels. Throws {@link BadRequestError} for an unsupported
 * format, corrupt bytes, or more than `maxPixels` pixels (checked before the pixels are
 * allocated, so a small file cannot claim gigabytes).
 *
 * @example
 * ```ts
 * const image = decodeImage(readFileSync('scan.jpg'), { maxPixels: 25_000_000 });
 * image.width * image.height * 4 === image.data.length; // true
 * ```
 */
export function decodeImage(bytes: Uint8Array, limits: { maxPixels: number }): RgbaImage {
  const format = sniffImageFormat(bytes);
  if (format === ImageFormat.png) return decodePng(bytes, limits.maxPixels);
  if (format === ImageFormat.jpeg) return decodeJpeg(bytes, limits.maxPixels);
  throw new BadRequestError('unsupported image format: expected PNG or JPEG');
}

function decodePng(bytes: Uint8Array, maxPixels: number): RgbaImage {
  // IHDR is always the first chunk: width and height are big-endian at offsets 16 and 20.
  if (bytes.length < 24) throw new BadRequestError('corrupt PNG: truncated header');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  checkSize(width, height, maxPixels);
  let png: PNG;
  try {
    png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (error) {
    throw new BadRequestError(`corrupt PNG: ${(error as Error).message}`);
  }
  return { width: png.width, height: png.height, data: png.data };
}

function decodeJpeg(bytes: Uint8Array, maxPixels: number): RgbaImage {
  let decoded: { width: number; height: number; data: Uint8Array };
  try {
    decoded = jpeg.decode(bytes, {
      useTArray: true,
      formatAsRGBA: true,
      maxResolutionInMP: maxPixels / 1_000_000,
      maxMemoryUsageInMB: Math.max(64, Math.ceil((maxPixels * 8) / 1_048_576)),
    });
  } catch (error) {
    const message = (error as Error).message;
    if (/maxResolutionInMP|maxMemoryUsageInMB/.test(message)) {
      throw new BadRequestError(`image too large: more than ${maxPixels} pixels`);
    }
    throw new BadRequestError(`corrupt JPEG: ${message}`);
  }
  checkSize(decoded.width, decoded.height, maxPixels);
  return decoded;
}

function checkSize(width: number, height: number, maxPixels: number): void {
  if (width === 0 || height === 0) throw new BadRequestError('empty image: zero width or height');
  if (width * height > maxPixels) {
    throw new BadRequestError(
      `image too large: ${width}×${height} is more than ${maxPixels} pixels`,
    );
  }
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((byte, index) => bytes[index] === byte);
}
