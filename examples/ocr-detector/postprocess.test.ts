import { describe, expect, it } from 'vitest';
import { extractTextBoxes, type ProbabilityMap } from './postprocess.ts';

function mapWith(
  width: number,
  height: number,
  blobs: { x: number; y: number; width: number; height: number; p: number }[],
): ProbabilityMap {
  const data = new Float32Array(width * height).fill(0.01);
  for (const blob of blobs) {
    for (let y = blob.y; y < blob.y + blob.height; y++) {
      data.fill(blob.p, y * width + blob.x, y * width + blob.x + blob.width);
    }
  }
  return { data, width, height };
}

const identity = { scaleX: 1, scaleY: 1, imageWidth: 200, imageHeight: 100 };

describe('extractTextBoxes', () => {
  it('finds one box per connected region, grown by the unclip distance', () => {
    // Prepare: a 40×10 kernel; unclip distance = 400 × 1.5 / 100 = 6
    const map = mapWith(200, 100, [{ x: 20, y: 30, width: 40, height: 10, p: 0.9 }]);

    // Act
    const boxes = extractTextBoxes(map, identity);

    // Assess
    expect(boxes).toEqual([{ x: 14, y: 24, width: 52, height: 22, score: 0.9 }]);
  });

  it('drops regions whose mean probability is below the box threshold, and specks', () => {
    // Prepare
    const map = mapWith(200, 100, [
      { x: 10, y: 10, width: 40, height: 10, p: 0.5 },
      { x: 100, y: 10, width: 2, height: 30, p: 0.95 },
      { x: 10, y: 60, width: 30, height: 8, p: 0.8 },
    ]);

    // Act
    const boxes = extractTextBoxes(map, identity);

    // Assess
    expect(boxes).toHaveLength(1);
    expect(boxes[0]?.score).toBeCloseTo(0.8);
  });

  it('scales boxes back to the original image and clamps them to it', () => {
    // Prepare: the map is half the image's size; the region touches the map's corner
    const map = mapWith(100, 50, [{ x: 0, y: 0, width: 20, height: 10, p: 0.9 }]);

    // Act
    const [box] = extractTextBoxes(map, { ...identity, scaleX: 2, scaleY: 2 });

    // Assess: unclip 200 × 1.5 / 60 = 5 map pixels, so 0..25 × 0..15, doubled
    expect(box).toEqual({ x: 0, y: 0, width: 50, height: 30, score: 0.9 });
  });

  it('sorts boxes top to bottom, then left to right', () => {
    // Prepare
    const map = mapWith(200, 100, [
      { x: 120, y: 60, width: 30, height: 8, p: 0.9 },
      { x: 120, y: 10, width: 30, height: 8, p: 0.9 },
      { x: 10, y: 10, width: 30, height: 8, p: 0.9 },
    ]);

    // Act
    const boxes = extractTextBoxes(map, identity);

    // Assess
    expect(boxes.map((box) => [box.x, box.y])).toEqual([
      [5, 5],
      [115, 5],
      [115, 55],
    ]);
  });

  it('finds nothing in an empty map', () => {
    // Prepare / Act
    const boxes = extractTextBoxes(mapWith(64, 64, []), identity);

    // Assess
    expect(boxes).toEqual([]);
  });
});
