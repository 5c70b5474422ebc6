import { fileURLToPath } from 'node:url';
import { type ModelPrecision, modelFileName } from './modelContract.ts';

/**
 * The committed model file of a precision, `examples/fraud-scorer/model/fraud-mlp.<precision>.onnx`
 * (written by `npm run fraud:train`).
 *
 * @example
 * ```ts
 * await loadModel(modelFile('int8'));
 * ```
 */
export function modelFile(precision: ModelPrecision): string {
  return fileURLToPath(new URL(`./model/${modelFileName(precision)}`, import.meta.url));
}
