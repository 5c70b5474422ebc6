/** How well scores separate fraud from the rest, on labelled rows. */
export interface ScoreQuality {
  /** Area under the ROC curve (Mann–Whitney, ties counted half). */
  readonly auc: number;
  /** Share of rows on the right side of the 0.5 threshold. */
  readonly accuracy: number;
  /** Of the fraud rows, the share scored ≥ 0.5; of the rows scored ≥ 0.5, the share that is fraud. */
  readonly recall: number;
  readonly precision: number;
}

/**
 * Measures scores against 0/1 labels.
 *
 * @example
 * ```ts
 * scoreQuality(Float32Array.of(0.9, 0.2), Uint8Array.of(1, 0)); // { auc: 1, accuracy: 1, ... }
 * ```
 */
export function scoreQuality(scores: ArrayLike<number>, labels: ArrayLike<number>): ScoreQuality {
  const n = labels.length;
  let correct = 0;
  let truePositive = 0;
  let predictedPositive = 0;
  let positives = 0;
  for (let i = 0; i < n; i++) {
    const flagged = (scores[i] as number) >= 0.5;
    const fraud = labels[i] === 1;
    if (flagged === fraud) correct++;
    if (flagged) predictedPositive++;
    if (fraud) positives++;
    if (flagged && fraud) truePositive++;
  }
  return {
    auc: rocAuc(scores, labels),
    accuracy: correct / n,
    recall: positives === 0 ? 0 : truePositive / positives,
    precision: predictedPositive === 0 ? 0 : truePositive / predictedPositive,
  };
}

function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const order = Array.from({ length: labels.length }, (_, i) => i).sort(
    (a, b) => (scores[a] as number) - (scores[b] as number),
  );
  // Sum of the positives' ranks (1-based, ties share their mean rank).
  let rankSum = 0;
  let positives = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    const value = scores[order[start] as number] as number;
    while (end < order.length && scores[order[end] as number] === value) end++;
    const meanRank = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) {
      if (labels[order[k] as number] === 1) {
        rankSum += meanRank;
        positives++;
      }
    }
    start = end;
  }
  const negatives = labels.length - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
