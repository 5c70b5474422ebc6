import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { decodeImage, sniffImageFormat } from './decode.ts';
import { BadRequestError } from './errors.ts';
import { encodePng } from './sampleEvent.ts';

const limits = { maxPixels: 1_000_000 };

function checkerboard(width: number, height: number): Uint8Array {
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    data.fill(i % 2 === 0 ? 0 : 255, i * 4, i * 4 + 3);
    data[i * 4 + 3] = 255;
  }
  return data;
}

describe('decodeImage', () => {
  it('decodes a PNG to the same RGBA pixels', () => {
    // Prepare
    const image = { width: 5, height: 3, data: checkerboard(5, 3) };

    // Act
    const decoded = decodeImage(encodePng(image), limits);

    // Assess
    expect(sniffImageFormat(encodePng(image))).toBe('png');
    expect(decoded.width).toBe(5);
    expect(decoded.height).toBe(3);
    expect([...decoded.data]).toEqual([...image.data]);
  });

  it('decodes a JPEG to RGBA', () => {
    // Prepare
    const data = new Uint8Array(16 * 8 * 4).fill(200);
    const bytes = jpeg.encode({ width: 16, height: 8, data }, 90).data;

    // Act
    const decoded = decodeImage(bytes, limits);

    // Assess
    expect(sniffImageFormat(bytes)).toBe('jpeg');
    expect([decoded.width, decoded.height, decoded.data.length]).toEqual([16, 8, 16 * 8 * 4]);
    expect(Math.abs((decoded.data[0] as number) - 200)).toBeLessThan(4);
  });

  it.each([
    ['an unknown format', Buffer.from('GIF89a......'), /unsupported image format/],
    [
      'a truncated PNG',
      encodePng({ width: 4, height: 4, data: checkerboard(4, 4) }).subarray(0, 40),
      /corrupt PNG/,
    ],
    ['a truncated JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 1, 2]), /corrupt JPEG/],
  ])('rejects %s with a BadRequestError', (_name, bytes, message) => {
    // Prepare / Act / Assess
    expect(() => decodeImage(bytes, limits)).toThrow(BadRequestError);
    expect(() => decodeImage(bytes, limits)).toThrow(message);
  });

  it('rejects an image with more pixels than allowed, PNG or JPEG', () => {
    // Prepare
    const image = { width: 40, height: 30, data: checkerboard(40, 30) };
    const png = encodePng(image);
    const jpg = jpeg.encode(image, 80).data;

    // Act / Assess
    expect(() => decodeImage(png, { maxPixels: 1000 })).toThrow(/image too large/);
    expect(() => decodeImage(jpg, { maxPixels: 1000 })).toThrow(/image too large/);
  });
});
