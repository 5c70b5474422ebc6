/**
 * What the handlers and the training code agree on about the model files: the precisions, the
 * file names, the graph's input and output. (No import of the ONNX writer: the handlers' bundle
 * stays free of protobuf code.)
 */

/** The two precisions the example ships. */
export const ModelPrecision = { fp32: 'fp32', int8: 'int8' } as const;
export type ModelPrecision = (typeof ModelPrecision)[keyof typeof ModelPrecision];

/** The graph's input (`[batch, 30]` features) and output (`[batch, 1]` fraud probability). */
export const MODEL_INPUT = 'features';
export const MODEL_OUTPUT = 'score';

/**
 * The file name of a precision's model, as deployed beside the handler in `model/`.
 *
 * @example
 * ```ts
 * modelFileName('fp32'); // 'fraud-mlp.fp32.onnx'
 * ```
 */
export function modelFileName(precision: ModelPrecision): string {
  return `fraud-mlp.${precision}.onnx`;
}
