import { type InferenceSession, Tensor } from 'onnxruntime-node';
import type { RgbaImage } from './decode.ts';
import {
  defaultPostprocessOptions,
  extractTextBoxes,
  type PostprocessOptions,
  type TextBox,
} from './postprocess.ts';
import { preprocessImage } from './preprocess.ts';

/**
 * PP-OCRv4 text detection on one session: preprocess, run, post-process. Holds no per-request
 * state, so one instance serves every invocation of the environment.
 *
 * @example
 * ```ts
 * const detector = new TextDetector(await loadModel(models.detectionPath), { maxSide: 960 });
 * const boxes = await detector.detect(decodeImage(bytes, { maxPixels: 25_000_000 }));
 * ```
 */
export class TextDetector {
  readonly #session: InferenceSession;
  readonly #maxSide: number;
  readonly #postprocess: PostprocessOptions;

  constructor(
    session: InferenceSession,
    options: { maxSide: number; postprocess?: PostprocessOptions },
  ) {
    this.#session = session;
    this.#maxSide = options.maxSide;
    this.#postprocess = options.postprocess ?? defaultPostprocessOptions;
  }

  /** Finds the text regions of an image, in its own pixel coordinates. */
  async detect(image: RgbaImage): Promise<TextBox[]> {
    const input = preprocessImage(image, { maxSide: this.#maxSide });
    const [inputName] = this.#session.inputNames;
    const [outputName] = this.#session.outputNames;
    if (inputName === undefined || outputName === undefined) {
      throw new Error('the detection model has no input or output');
    }
    const tensor = new Tensor('float32', input.data, [1, 3, input.height, input.width]);
    const outputs = await this.#session.run({ [inputName]: tensor });
    const probabilities = outputs[outputName];
    if (probabilities === undefined) throw new Error(`the model returned no '${outputName}'`);
    const boxes = extractTextBoxes(
      { data: probabilities.data as Float32Array, width: input.width, height: input.height },
      {
        scaleX: input.scaleX,
        scaleY: input.scaleY,
        imageWidth: image.width,
        imageHeight: image.height,
      },
      this.#postprocess,
    );
    tensor.dispose();
    probabilities.dispose();
    return boxes;
  }
}
