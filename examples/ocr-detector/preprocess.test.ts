import { describe, expect, it } from 'vitest';
import { modelInputSize, preprocessImage } from './preprocess.ts';

describe('modelInputSize', () => {
  it('keeps small images at their size, rounded to multiples of 32', () => {
    // Prepare / Act
    const size = modelInputSize(100, 50, 960);

    // Assess
    expect(size).toEqual({ width: 96, height: 64 });
  });

  it('shrinks the long side to the limit, keeping the aspect ratio', () => {
    // Prepare / Act
    const size = modelInputSize(1920, 1080, 960);

    // Assess
    expect(size).toEqual({ width: 960, height: 544 });
  });

  it('never exceeds a limit that is not a multiple of 32, nor goes below 32', () => {
    // Prepare / Act
    const size = modelInputSize(1000, 10, 500);

    // Assess
    expect(size).toEqual({ width: 480, height: 32 });
  });
});

describe('preprocessImage', () => {
  it('normalises white and black with the ImageNet statistics in B, G, R order, NCHW', () => {
    // Prepare: a 64×32 image, left half black, right half white
    const width = 64;
    const height = 32;
    const data = new Uint8Array(width * height * 4);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const offset = (y * width + x) * 4;
        data.fill(x < 32 ? 0 : 255, offset, offset + 3);
        data[offset + 3] = 255;
      }
    }

    // Act
    const input = preprocessImage({ width, height, data }, { maxSide: 960 });

    // Assess
    expect(input.data.length).toBe(3 * width * height);
    const plane = width * height;
    expect(input.data[0]).toBeCloseTo(-0.485 / 0.229, 5); // B of a black pixel
    expect(input.data[plane + 63]).toBeCloseTo((1 - 0.456) / 0.224, 5); // G of a white pixel
    expect(input.data[2 * plane + 63]).toBeCloseTo((1 - 0.406) / 0.225, 5); // R of a white pixel
    expect(input.scaleX).toBe(1);
    expect(input.scaleY).toBe(1);
  });

  it('composites transparent pixels over white', () => {
    // Prepare: a fully transparent black image
    const data = new Uint8Array(32 * 32 * 4);

    // Act
    const input = preprocessImage({ width: 32, height: 32, data }, { maxSide: 960 });

    // Assess
    expect(input.data[0]).toBeCloseTo((1 - 0.485) / 0.229, 5);
  });

  it('reports the scale from model coordinates back to the image', () => {
    // Prepare
    const data = new Uint8Array(2000 * 1000 * 4).fill(255);

    // Act
    const input = preprocessImage({ width: 2000, height: 1000, data }, { maxSide: 960 });

    // Assess
    expect([input.width, input.height]).toEqual([960, 480]);
    expect(input.scaleX).toBeCloseTo(2000 / 960);
    expect(input.scaleY).toBeCloseTo(1000 / 480);
  });
});
