import { PNG } from 'pngjs';
import type { RgbaImage } from './decode.ts';
import type { OcrImageEvent } from './events.ts';
import { type Rect, renderTextImage } from './textImage.ts';

/**
 * A synthetic 800×600 receipt: six lines of dark text on off-white paper, drawn with the 5×7
 * bitmap font. The profiler invokes the handler with it; tests use it as a known answer.
 *
 * @example
 * ```ts
 * const { image, textRegions } = createSampleDocument();
 * textRegions.length; // 6
 * ```
 */
export function createSampleDocument(): { image: RgbaImage; textRegions: Rect[] } {
  return renderTextImage({
    width: 800,
    height: 600,
    lines: [
      { text: 'LAMBDA THERMOSTAT', x: 60, y: 50, scale: 5 },
      { text: 'INVOICE 2024-07-31', x: 60, y: 140, scale: 3 },
      { text: 'INFERENCE  1200 X 0.0021', x: 60, y: 220, scale: 3 },
      { text: 'COLD STARTS   14 X 0.35', x: 60, y: 280, scale: 3 },
      { text: 'TOTAL: $7.42', x: 60, y: 380, scale: 4 },
      { text: 'THANK YOU', x: 480, y: 500, scale: 4 },
    ],
  });
}

/**
 * Encodes an RGBA image as PNG.
 *
 * @example
 * ```ts
 * const png = encodePng(createSampleDocument().image);
 * ```
 */
export function encodePng(image: RgbaImage): Buffer {
  const png = new PNG({ width: image.width, height: image.height });
  png.data = Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength);
  return PNG.sync.write(png);
}

/**
 * The event the profiler sends: {@link createSampleDocument} as a base64 PNG.
 *
 * @example
 * ```ts
 * const result = await handler(createSampleEvent(), context);
 * ```
 */
export function createSampleEvent(): OcrImageEvent {
  return { image: encodePng(createSampleDocument().image).toString('base64') };
}
