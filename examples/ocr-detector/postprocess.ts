/** One detected text region, axis-aligned, in the original image's pixel coordinates. */
export interface TextBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** Mean text probability over the region, 0..1. */
  readonly score: number;
}

/** The DB head's output: per-pixel text probability at the model input's size. */
export interface ProbabilityMap {
  readonly data: Float32Array;
  readonly width: number;
  readonly height: number;
}

/** Where the map sits in the original image. */
export interface MapPlacement {
  /** Original width / map width. */
  readonly scaleX: number;
  /** Original height / map height. */
  readonly scaleY: number;
  readonly imageWidth: number;
  readonly imageHeight: number;
}

/** PaddleOCR's DB post-processing defaults (`det_db_thresh`, `det_db_box_thresh`, ...). */
export const defaultPostprocessOptions = {
  /** A pixel is text when its probability exceeds this. */
  threshold: 0.3,
  /** A region is kept when its mean probability reaches this. */
  boxThreshold: 0.6,
  /** The shrunk text kernel the model predicts is grown back by area × ratio / perimeter. */
  unclipRatio: 1.5,
  /** Regions whose shorter side is below this many map pixels are noise. */
  minSize: 3,
  /** At most this many regions are considered. */
  maxCandidates: 1000,
} as const;

export type PostprocessOptions = { readonly [K in keyof typeof defaultPostprocessOptions]: number };

/**
 * Turns a DB probability map into text boxes: binarise at `threshold`, find 8-connected
 * components, drop the small and the unsure (mean probability below `boxThreshold`), grow each
 * box by the unclip distance (the model is trained on shrunk text kernels), and scale it back to
 * the original image. Boxes come sorted top to bottom, then left to right.
 *
 * @example
 * ```ts
 * const boxes = extractTextBoxes(
 *   { data: output.data as Float32Array, width: input.width, height: input.height },
 *   { scaleX: input.scaleX, scaleY: input.scaleY, imageWidth: 1280, imageHeight: 720 },
 * );
 * ```
 */
export function extractTextBoxes(
  map: ProbabilityMap,
  placement: MapPlacement,
  options: PostprocessOptions = defaultPostprocessOptions,
): TextBox[] {
  const boxes: TextBox[] = [];
  for (const region of findRegions(map, options.threshold, options.maxCandidates)) {
    const width = region.maxX - region.minX + 1;
    const height = region.maxY - region.minY + 1;
    if (Math.min(width, height) < options.minSize) continue;
    const score = region.probabilitySum / region.pixels;
    if (score < options.boxThreshold) continue;
    const grow = (width * height * options.unclipRatio) / (2 * (width + height));
    const left = clamp((region.minX - grow) * placement.scaleX, placement.imageWidth);
    const right = clamp((region.maxX + 1 + grow) * placement.scaleX, placement.imageWidth);
    const top = clamp((region.minY - grow) * placement.scaleY, placement.imageHeight);
    const bottom = clamp((region.maxY + 1 + grow) * placement.scaleY, placement.imageHeight);
    const x = Math.round(left);
    const y = Math.round(top);
    boxes.push({
      x,
      y,
      width: Math.round(right) - x,
      height: Math.round(bottom) - y,
      score: Math.round(score * 10_000) / 10_000,
    });
  }
  return boxes.sort((a, b) => a.y - b.y || a.x - b.x);
}

interface Region {
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
  pixels: number;
  probabilitySum: number;
}

/** 8-connected components of the pixels above `threshold`, by breadth-first flood fill. */
function findRegions(map: ProbabilityMap, threshold: number, maxRegions: number): Region[] {
  const { width, height, data } = map;
  const visited = new Uint8Array(width * height);
  const queue = new Int32Array(width * height);
  const regions: Region[] = [];
  for (let start = 0; start < data.length && regions.length < maxRegions; start++) {
    if (visited[start] === 1 || (data[start] as number) <= threshold) continue;
    const region: Region = {
      minX: width,
      maxX: -1,
      minY: height,
      maxY: -1,
      pixels: 0,
      probabilitySum: 0,
    };
    visited[start] = 1;
    let head = 0;
    let tail = 0;
    queue[tail++] = start;
    while (head < tail) {
      const index = queue[head++] as number;
      const x = index % width;
      const y = (index - x) / width;
      region.pixels++;
      region.probabilitySum += data[index] as number;
      if (x < region.minX) region.minX = x;
      if (x > region.maxX) region.maxX = x;
      if (y < region.minY) region.minY = y;
      if (y > region.maxY) region.maxY = y;
      for (let dy = -1; dy <= 1; dy++) {
        const ny = y + dy;
        if (ny < 0 || ny >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          if (nx < 0 || nx >= width) continue;
          const neighbour = ny * width + nx;
          if (visited[neighbour] === 1 || (data[neighbour] as number) <= threshold) continue;
          visited[neighbour] = 1;
          queue[tail++] = neighbour;
        }
      }
    }
    regions.push(region);
  }
  return regions;
}

function clamp(value: number, limit: number): number {
  return Math.min(Math.max(value, 0), limit);
}
