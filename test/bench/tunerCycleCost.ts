/**
 * What one tuner cycle does, from the tuner's code, as the cost model takes it
 * (tuner/core/cost/toolCost.ts's `TunerCycleCost`): the GetMetricData metrics it requests per
 * target (tuner/aws/metricQueries.ts × tuner/cycle/historyWindows.ts), the metrics and EMF bytes
 * it writes (tuner/aws/cycle/tunerMetrics.ts), its S3 requests. Shared by the benches that price a
 * cycle (toolCost.bench.ts, plannerThroughput.bench.ts), so both price the same cycle.
 */

import type { Architecture } from '../../sdk/cost/pricingTable.ts';
import { serialiseEmf } from '../../sdk/emf/emfDocument.ts';
import { tunerMetricBatches } from '../../tuner/aws/cycle/tunerMetrics.ts';
import { buildMetricQueries } from '../../tuner/aws/metricQueries.ts';
import { DEFAULT_TUNER_CYCLE_USAGE } from '../../tuner/core/cost/defaultToolUsage.ts';
import type { TunerCycleCost } from '../../tuner/core/cost/toolCost.ts';
import { historyWindows } from '../../tuner/cycle/historyWindows.ts';
import { SAMPLE_CYCLE_RESULT } from '../support/sampleCycleResult.ts';

/** Not measurable here: the wait on AWS APIs, assumed 1 s a cycle (GetMetricData, S3, account). */
export const API_MS_PER_CYCLE = 1000;
/** … and 0.2 s a target (its Lambda reads). */
export const API_MS_PER_TARGET = 200;
/** The summary a cycle logs, about 300 bytes a target. */
const SUMMARY_BYTES_PER_TARGET = 300;

const target = { ref: { functionName: 'ocr-detector', qualifier: 'live' }, sloP99Ms: 200 };
/** GetMetricData queries per target per window. */
export const QUERIES_PER_WINDOW = buildMetricQueries([target], 'LambdaThermostat', 60).queries
  .length;
/** Windows observed per cycle. */
export const WINDOWS_PER_CYCLE = Object.keys(historyWindows(Date.now())).length;

const [perTargetBatch, tunerBatch] = tunerMetricBatches(SAMPLE_CYCLE_RESULT, {
  tuner: 'thermostat',
  timestampMs: Date.now(),
});
const declaredMetrics = (batch: typeof perTargetBatch) =>
  batch?.metrics.filter((m) => m.unlisted !== true).length ?? 0;
const emfBytes = (batch: typeof perTargetBatch) =>
  batch === undefined ? 0 : serialiseEmf(batch).reduce((s, l) => s + Buffer.byteLength(l) + 1, 0);

/**
 * The unsharded cycle (tuner/aws/handler.ts) with `planMs` of planning per target.
 *
 * @example
 * ```ts
 * const cycle = tunerCycleCost({ planMs: 190, memoryMb: 1769, architecture: 'x86_64' });
 * ```
 */
export function tunerCycleCost(input: {
  readonly planMs: number;
  readonly memoryMb: number;
  readonly architecture: Architecture;
  /** Default: both windows read in full (a target's first cycle; later ones read less). */
  readonly metricsRequestedPerTargetPerCycle?: number;
}): TunerCycleCost {
  return {
    metricsRequestedPerTargetPerCycle:
      input.metricsRequestedPerTargetPerCycle ?? QUERIES_PER_WINDOW * WINDOWS_PER_CYCLE,
    computeMsPerCycle: API_MS_PER_CYCLE,
    computeMsPerTargetPerCycle: API_MS_PER_TARGET + input.planMs,
    memoryMb: input.memoryMb,
    architecture: input.architecture,
    // Memory, reports and the rolling history, as the handler makes them (counted by
    // test/tuner/handler/handler.test.ts).
    s3PutsPerCycle: DEFAULT_TUNER_CYCLE_USAGE.s3PutsPerCycle,
    s3GetsPerCycle: DEFAULT_TUNER_CYCLE_USAGE.s3GetsPerCycle,
    customMetricsPerTarget: declaredMetrics(perTargetBatch),
    customMetricsPerTuner: declaredMetrics(tunerBatch),
    logBytesPerCycle: emfBytes(tunerBatch),
    logBytesPerTargetPerCycle: emfBytes(perTargetBatch) + SUMMARY_BYTES_PER_TARGET,
  };
}
