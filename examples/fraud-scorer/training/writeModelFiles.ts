/**
 * Retrains the fraud model, rewrites the committed ONNX files in `examples/fraud-scorer/model/`
 * and prints both files' quality on the held-back rows, as onnxruntime-node computes it:
 * `npm run fraud:train`. The recipe is in `trainFraudModel.ts`; the result is deterministic, and
 * `examples/fraud-scorer/model.test.ts` checks the committed files against a fresh training.
 */
import { writeFileSync } from 'node:fs';
import * as ort from 'onnxruntime-node';
import { FEATURE_COUNT } from '../features.ts';
import { MODEL_INPUT, MODEL_OUTPUT, ModelPrecision } from '../modelContract.ts';
import { modelFile } from '../modelFiles.ts';
import { scoreQuality } from './evaluation.ts';
import { heldBackRows, trainFraudModel } from './trainFraudModel.ts';

const trained = trainFraudModel();
const heldBack = heldBackRows();
const files = { [ModelPrecision.fp32]: trained.fp32Onnx, [ModelPrecision.int8]: trained.int8Onnx };
process.stdout.write(
  `held-back rows: ${heldBack.labels.length}, fraud rate ${(trained.heldBackFraudRate * 100).toFixed(1)}%\n`,
);
for (const [precision, bytes] of Object.entries(files)) {
  writeFileSync(modelFile(precision as ModelPrecision), bytes);
  const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1 });
  const rows = heldBack.labels.length;
  const output = await session.run({
    [MODEL_INPUT]: new ort.Tensor('float32', heldBack.features, [rows, FEATURE_COUNT]),
  });
  const q = scoreQuality(output[MODEL_OUTPUT]?.data as Float32Array, heldBack.labels);
  process.stdout.write(
    `${precision}: ${bytes.length} bytes; AUC ${q.auc.toFixed(4)}, accuracy ${(q.accuracy * 100).toFixed(2)}%, ` +
      `recall ${(q.recall * 100).toFixed(1)}%, precision ${(q.precision * 100).toFixed(1)}%\n`,
  );
}
