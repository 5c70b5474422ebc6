import { MISS_PRICE_AVERAGE_DECISIONS } from './missPrice.ts';

/**
 * How long this target's releases of provisioned concurrency have held before it was bought again:
 * decayed sums over the last decisions (weight `1 − 1/MISS_PRICE_AVERAGE_DECISIONS` each, about two
 * hours) of the windows spent released and of the releases reversed (see
 * docs/decisions/0073-a-release-holds-as-long-as-releases-have-held.md).
 */
export interface ReleaseHoldingState {
  /** Windows (decisions) spent with provisioned concurrency last moved down. */
  readonly releasedWindows: number;
  /** Releases ended by a purchase. */
  readonly reversals: number;
}

const DECAY = 1 - 1 / MISS_PRICE_AVERAGE_DECISIONS;
/** The longest a one-time miss is spread over: the windows its budget is accounted over. */
export const MAX_HOLDING_WINDOWS = MISS_PRICE_AVERAGE_DECISIONS;

/**
 * Adds one decision: whether provisioned concurrency stood released (its last move was down).
 * A purchase that ends the release is counted when applied (`withReversal`).
 *
 * @example
 * ```ts
 * nextReleaseHolding(undefined, true); // { releasedWindows: 1, reversals: 0 }
 * ```
 */
export function nextReleaseHolding(
  state: ReleaseHoldingState | undefined,
  released: boolean,
): ReleaseHoldingState {
  return {
    releasedWindows: (state?.releasedWindows ?? 0) * DECAY + (released ? 1 : 0),
    reversals: (state?.reversals ?? 0) * DECAY,
  };
}

/**
 * The windows a release is expected to hold: the exposure over the reversals (the mean of an
 * exponential holding time, releases still holding counted as exposure), with a prior of one
 * release that held `MAX_HOLDING_WINDOWS`; at most that. A target whose releases are bought back
 * within minutes spreads a release's one-time misses over those minutes, not over hours.
 *
 * @example
 * ```ts
 * expectedHoldingWindows(undefined); // 24
 * expectedHoldingWindows({ releasedWindows: 12, reversals: 5 }); // 6
 * ```
 */
export function expectedHoldingWindows(state: ReleaseHoldingState | undefined): number {
  if (state === undefined) return MAX_HOLDING_WINDOWS;
  return Math.min(
    MAX_HOLDING_WINDOWS,
    (state.releasedWindows + MAX_HOLDING_WINDOWS) / (state.reversals + 1),
  );
}

/**
 * Counts a purchase that ends a release (applied this decision, after `nextReleaseHolding`).
 *
 * @example
 * ```ts
 * withReversal({ releasedWindows: 3, reversals: 0 }); // { releasedWindows: 3, reversals: 1 }
 * ```
 */
export function withReversal(state: ReleaseHoldingState | undefined): ReleaseHoldingState {
  return { releasedWindows: state?.releasedWindows ?? 0, reversals: (state?.reversals ?? 0) + 1 };
}
