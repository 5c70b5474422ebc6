import { fileURLToPath } from 'node:url';
import { ModelPrecision, modelFileName } from './modelContract.ts';

/** How the fraud scorer runs, read from the function's environment at init. */
export interface ScorerConfig {
  /** Which model (`FRAUD_MODEL_PRECISION`: fp32 | int8). Default fp32. */
  readonly precision: ModelPrecision;
  /**
   * The model file (`FRAUD_MODEL_PATH`). Default: `model/fraud-mlp.<precision>.onnx` beside the
   * handler module, where a deployment puts it next to the bundle.
   */
  readonly modelPath: string;
  /** Most transactions per model run (`FRAUD_MAX_BATCH_SIZE`). Default 128. */
  readonly maxBatchSize: number;
  /** onnxruntime intra-op threads (`FRAUD_THREADS`); undefined lets onnxruntime pick. */
  readonly threads: number | undefined;
  /** Score at or above which a transaction is flagged (`FRAUD_THRESHOLD`, 0–1). Default 0.5. */
  readonly threshold: number;
}

/** An environment variable of the scorer holds something it cannot use; names the variable. */
export class ScorerConfigError extends Error {
  override readonly name = 'ScorerConfigError';
}

const DEFAULT_MAX_BATCH_SIZE = 128;

/**
 * Reads the scorer's configuration from environment variables (defaults above). `handlerUrl` is
 * the handler module's `import.meta.url`, the default model's directory.
 *
 * @example
 * ```ts
 * const config = readScorerConfig(import.meta.url, { FRAUD_MODEL_PRECISION: 'int8' });
 * config.modelPath; // '/var/task/model/fraud-mlp.int8.onnx'
 * ```
 */
export function readScorerConfig(
  handlerUrl: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): ScorerConfig {
  const precisionText = env.FRAUD_MODEL_PRECISION?.trim() || ModelPrecision.fp32;
  if (!Object.hasOwn(ModelPrecision, precisionText)) {
    throw new ScorerConfigError(
      `FRAUD_MODEL_PRECISION must be one of ${Object.keys(ModelPrecision).join(', ')}, got '${precisionText}'`,
    );
  }
  const precision = precisionText as ModelPrecision;
  const modelPath =
    env.FRAUD_MODEL_PATH?.trim() ||
    fileURLToPath(new URL(`./model/${modelFileName(precision)}`, handlerUrl));
  const thresholdText = env.FRAUD_THRESHOLD?.trim();
  const threshold = thresholdText ? Number(thresholdText) : 0.5;
  if (!(threshold >= 0 && threshold <= 1)) {
    throw new ScorerConfigError(`FRAUD_THRESHOLD must be a number in 0..1, got '${thresholdText}'`);
  }
  return {
    precision,
    modelPath,
    maxBatchSize: positiveInteger(env, 'FRAUD_MAX_BATCH_SIZE') ?? DEFAULT_MAX_BATCH_SIZE,
    threads: positiveInteger(env, 'FRAUD_THREADS'),
    threshold,
  };
}

function positiveInteger(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new ScorerConfigError(`${name} must be a whole number >= 1, got '${raw}'`);
  }
  return value;
}
