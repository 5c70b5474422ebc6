import { encodeTransactions, FEATURE_COUNT } from '../features.ts';
import { type ScoreQuality, scoreQuality } from './evaluation.ts';
import { fp32OnnxModel, int8OnnxModel } from './fraudModelGraphs.ts';
import { generateTransactions, type LabelledTransaction } from './generateTransactions.ts';
import { type MlpModel, predictMlp, type TrainingOptions, trainMlp } from './mlp.ts';

/** The committed model's recipe: dataset sizes and seeds, and the training settings. */
export const FRAUD_TRAINING_RECIPE = {
  trainingRows: 20_000,
  trainingSeed: 1,
  /** Held-back rows: a separate draw, never seen in training. */
  heldBackRows: 5_000,
  heldBackSeed: 2,
  training: { hidden: [32, 16], epochs: 4, batchSize: 64, learningRate: 0.01, seed: 7 },
} as const satisfies {
  trainingRows: number;
  trainingSeed: number;
  heldBackRows: number;
  heldBackSeed: number;
  training: TrainingOptions;
};

/** A trained fraud model, its quality on the held-back rows, and its two ONNX files. */
export interface TrainedFraudModel {
  readonly model: MlpModel;
  /** The TypeScript model's quality on the held-back rows (the rule's labels). */
  readonly heldBackQuality: ScoreQuality;
  /** Share of held-back rows the rule calls fraud. */
  readonly heldBackFraudRate: number;
  readonly fp32Onnx: Uint8Array;
  readonly int8Onnx: Uint8Array;
}

/**
 * Generates the dataset, trains the MLP, measures it on held-back rows, and writes it as ONNX in
 * float32 and int8. Deterministic: the same recipe always gives the same model.
 *
 * @example
 * ```ts
 * const trained = trainFraudModel();
 * trained.heldBackQuality.auc; // ≈ 0.99
 * writeFileSync('fraud-mlp.fp32.onnx', trained.fp32Onnx);
 * ```
 */
export function trainFraudModel(recipe = FRAUD_TRAINING_RECIPE): TrainedFraudModel {
  const train = labelledRows(generateTransactions(recipe.trainingRows, recipe.trainingSeed));
  const heldBack = heldBackRows(recipe);
  const model = trainMlp(train.features, train.labels, FEATURE_COUNT, recipe.training);
  const heldBackQuality = scoreQuality(
    predictMlp(model, heldBack.features, FEATURE_COUNT),
    heldBack.labels,
  );
  const metadata = {
    training_rows: String(recipe.trainingRows),
    training_seed: String(recipe.trainingSeed),
    held_back_auc: heldBackQuality.auc.toFixed(4),
    held_back_accuracy: heldBackQuality.accuracy.toFixed(4),
    features: String(FEATURE_COUNT),
  };
  return {
    model,
    heldBackQuality,
    heldBackFraudRate: heldBack.labels.reduce((sum, y) => sum + y, 0) / heldBack.labels.length,
    fp32Onnx: fp32OnnxModel(model, metadata),
    int8Onnx: int8OnnxModel(model, metadata),
  };
}

/**
 * The held-back rows of a recipe as features and labels (what tests score the ONNX files on).
 *
 * @example
 * ```ts
 * const { features, labels } = heldBackRows(FRAUD_TRAINING_RECIPE);
 * ```
 */
export function heldBackRows(recipe = FRAUD_TRAINING_RECIPE): {
  features: Float32Array;
  labels: Uint8Array;
} {
  return labelledRows(generateTransactions(recipe.heldBackRows, recipe.heldBackSeed));
}

function labelledRows(rows: readonly LabelledTransaction[]): {
  features: Float32Array;
  labels: Uint8Array;
} {
  return {
    features: encodeTransactions(rows.map((row) => row.transaction)),
    labels: Uint8Array.from(rows, (row) => (row.fraud ? 1 : 0)),
  };
}
