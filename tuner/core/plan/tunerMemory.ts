import type { FleetConfig } from '../../sim/fleetConfig.ts';
import type { MissCalibrationState } from '../decide/missCalibration.ts';
import type { MissPriceState } from '../decide/missPrice.ts';
import type { ReleaseHoldingState } from '../decide/releaseHolding.ts';
import type { ObservationHistory } from '../observe/observationHistory.ts';
import type { Knob } from '../plan.ts';
import type { BudgetLedger } from '../slo/budgetLedger.ts';

/** The last change made to one knob. */
export interface KnobChange {
  readonly atMs: number;
  readonly direction: 'up' | 'down';
}

/**
 * What the tuner remembers about one target between cycles (stored beside the reports): the
 * learned safety margin, when each knob last changed, the prediction to check next time, and a
 * change under watch for rollback.
 */
export interface TargetMemory {
  readonly safetyMargin: number;
  /** The learned price of a missed window (the error budget's exchange rate). */
  readonly missPrice?: MissPriceState;
  /** Observed against predicted misses of the last windows: the simulator's risks are scaled by their ratio. */
  readonly missCalibration?: MissCalibrationState;
  /** How long releases of provisioned concurrency held before it was bought again. */
  readonly releaseHolding?: ReleaseHoldingState;
  readonly lastChange: Readonly<Partial<Record<Knob, KnobChange>>>;
  /**
   * Since when the current memory size has served traffic (the latency model fits from there), and
   * the size before it, if the tuner saw a change (its minutes carry the fit until the new size has
   * enough of its own).
   */
  readonly memorySince?: {
    readonly memoryMb: number;
    readonly sinceMs: number;
    readonly previous?: { readonly memoryMb: number; readonly sinceMs: number };
  };
  /** The window the last plan predicted, and whether it predicted the SLO met. */
  readonly lastPrediction?: {
    readonly windowStartMs: number;
    readonly windowMinutes: number;
    readonly predictedP99Ms: number | null;
    readonly missProbability: number;
    /** The simulator's own (uncalibrated) miss probability for this window, the first after the decision. */
    readonly firstWindowMissProbability?: number;
    readonly meetsTarget: boolean;
  };
  /** A change applied recently: rolled back if errors or throttles rose after it. */
  readonly rollbackWatch?: {
    readonly untilMs: number;
    readonly changedAtMs: number;
    readonly previous: FleetConfig;
    readonly baselineErrorRate: number;
    readonly baselineThrottleRate: number;
  };
}

/** Memory of every target, by `targetKey`. */
export interface TunerMemory {
  readonly version: 1;
  readonly targets: Readonly<Record<string, TargetMemory>>;
  /**
   * The minutes already read from CloudWatch, by `targetKey` (see
   * ../observe/observationHistory.ts): each cycle reads only what is new.
   */
  readonly observed?: Readonly<Record<string, ObservationHistory>>;
  /**
   * Each target's counted good and bad units of its SLO, by `targetKey`
   * (../slo/budgetLedger.ts): the error budget over the whole interval from hours of metrics.
   */
  readonly budgets?: Readonly<Record<string, BudgetLedger>>;
}

/**
 * An empty memory: the first cycle of a new tuner.
 *
 * @example
 * ```ts
 * const memory = emptyTunerMemory();
 * ```
 */
export function emptyTunerMemory(): TunerMemory {
  return { version: 1, targets: {} };
}
