import type { CandidatePrediction } from '../predict/candidatePrediction.ts';
import { MISS_PRICE_AVERAGE_DECISIONS } from './missPrice.ts';

/**
 * How the windows the tuner saw compare with what it predicted for them: sums over the last
 * windows (each weighed down by `1 − 1/MISS_PRICE_AVERAGE_DECISIONS` per window, so about two
 * hours count) of the windows observed to miss and of the miss probability predicted for each (see
 * docs/decisions/0071-observed-misses-calibrate-the-risk.md).
 */
export interface MissCalibrationState {
  readonly observedMisses: number;
  readonly predictedMisses: number;
}

/**
 * The prior, in missed windows: the factor starts at 1 and one surprise alone moves it by at most
 * ×2 over a plan that predicted nothing (a Gamma prior on the ratio worth one miss).
 */
const PRIOR_MISSES = 1;
const DECAY = 1 - 1 / MISS_PRICE_AVERAGE_DECISIONS;

/**
 * Adds one observed window: whether it missed, and the miss probability predicted for it.
 *
 * @example
 * ```ts
 * nextMissCalibration(undefined, true, 0.002); // { observedMisses: 1, predictedMisses: 0.002 }
 * ```
 */
export function nextMissCalibration(
  state: MissCalibrationState | undefined,
  missed: boolean,
  predictedMissProbability: number,
): MissCalibrationState {
  return {
    observedMisses: (state?.observedMisses ?? 0) * DECAY + (missed ? 1 : 0),
    predictedMisses: (state?.predictedMisses ?? 0) * DECAY + predictedMissProbability,
  };
}

/**
 * The factor the simulator's miss probabilities are multiplied by: observed over predicted misses,
 * each with the prior added, `(observed + 1) / (predicted + 1)`, the posterior mean of the ratio.
 * Above 1 after windows missed that the model did not see coming (a cold start several times the
 * target, which no margin on the latency threshold can make slower); below 1 when the model has
 * predicted misses that did not happen.
 *
 * @example
 * ```ts
 * missCalibrationFactor({ observedMisses: 2, predictedMisses: 0.1 }); // ≈ 2.73
 * ```
 */
export function missCalibrationFactor(state: MissCalibrationState | undefined): number {
  if (state === undefined) return 1;
  return (state.observedMisses + PRIOR_MISSES) / (state.predictedMisses + PRIOR_MISSES);
}

/**
 * A prediction with its miss probabilities multiplied by `factor` (at most 1 each).
 *
 * @example
 * ```ts
 * calibratedPrediction(prediction, 2).steadyMissProbability; // twice the simulator's, at most 1
 * ```
 */
export function calibratedPrediction(p: CandidatePrediction, factor: number): CandidatePrediction {
  if (factor === 1) return p;
  const scale = (x: number) => Math.min(1, x * factor);
  return {
    ...p,
    missProbability: scale(p.missProbability),
    transitionMissProbability: scale(p.transitionMissProbability),
    steadyMissProbability: scale(p.steadyMissProbability),
  };
}
