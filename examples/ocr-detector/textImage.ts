import { bitmapFont5x7, bitmapFontMetrics } from './bitmapFont.ts';
import type { RgbaImage } from './decode.ts';

/** One line of text to draw: top-left corner and the size of a font pixel, in image pixels. */
export interface TextLine {
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly scale: number;
}

/** An axis-aligned rectangle in image pixels. */
export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** A colour as red, green, blue, 0..255. */
export type Rgb = readonly [number, number, number];

/**
 * Draws lines of text with the 5×7 bitmap font on a plain background, and says where each line
 * landed: a synthetic document with a known answer.
 *
 * @example
 * ```ts
 * const { image, textRegions } = renderTextImage({
 *   width: 400, height: 120,
 *   lines: [{ text: 'TOTAL 42.00', x: 20, y: 40, scale: 4 }],
 * });
 * ```
 */
export function renderTextImage(options: {
  width: number;
  height: number;
  lines: readonly TextLine[];
  ink?: Rgb;
  paper?: Rgb;
}): { image: RgbaImage; textRegions: Rect[] } {
  const { width, height } = options;
  const ink = options.ink ?? [20, 20, 25];
  const paper = options.paper ?? [245, 243, 238];
  const data = new Uint8Array(width * height * 4);
  for (let offset = 0; offset < data.length; offset += 4) paint(data, offset, paper);
  const textRegions: Rect[] = [];
  for (const line of options.lines) {
    [...line.text].forEach((character, index) => {
      const glyph = bitmapFont5x7[character.toUpperCase()];
      if (glyph === undefined) throw new RangeError(`no glyph for '${character}'`);
      const left = line.x + index * bitmapFontMetrics.advance * line.scale;
      glyph.forEach((row, glyphY) => {
        [...row].forEach((cell, glyphX) => {
          if (cell !== '#') return;
          fillRect(data, width, height, ink, {
            x: left + glyphX * line.scale,
            y: line.y + glyphY * line.scale,
            width: line.scale,
            height: line.scale,
          });
        });
      });
    });
    const characters = line.text.length;
    textRegions.push({
      x: line.x,
      y: line.y,
      width:
        ((characters - 1) * bitmapFontMetrics.advance + bitmapFontMetrics.glyphWidth) * line.scale,
      height: bitmapFontMetrics.glyphHeight * line.scale,
    });
  }
  return { image: { width, height, data }, textRegions };
}

function fillRect(data: Uint8Array, width: number, height: number, colour: Rgb, rect: Rect): void {
  for (let y = Math.max(0, rect.y); y < Math.min(height, rect.y + rect.height); y++) {
    for (let x = Math.max(0, rect.x); x < Math.min(width, rect.x + rect.width); x++) {
      paint(data, (y * width + x) * 4, colour);
    }
  }
}

function paint(data: Uint8Array, offset: number, colour: Rgb): void {
  data[offset] = colour[0];
  data[offset + 1] = colour[1];
  data[offset + 2] = colour[2];
  data[offset + 3] = 255;
}
