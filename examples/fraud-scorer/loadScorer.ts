import { loadModel } from '@lambda-thermostat/sdk';
import type { InferenceSession } from 'onnxruntime-node';
import type { ScorerConfig } from './config.ts';
import { FraudScorer } from './scorer.ts';

/**
 * Loads the configured model with the SDK (a `model.load` span, `ModelLoadDuration`, an
 * instrumented session) and returns the scorer over it. Called at module level: it is the init.
 *
 * @example
 * ```ts
 * const scorer = await loadFraudScorer(readScorerConfig(import.meta.url));
 * markReady();
 * ```
 */
export async function loadFraudScorer(config: ScorerConfig): Promise<FraudScorer> {
  const model = `fraud-mlp-${config.precision}`;
  const session = await loadModel<InferenceSession>(
    config.modelPath,
    // One inter-op thread: the graph is a chain, parallel branches would only add idle threads.
    config.threads === undefined
      ? { interOpNumThreads: 1 }
      : { intraOpNumThreads: config.threads, interOpNumThreads: 1 },
    { model },
  );
  return new FraudScorer(session, {
    maxBatchSize: config.maxBatchSize,
    threshold: config.threshold,
    model,
  });
}
