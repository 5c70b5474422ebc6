import type { tunerMetricBatches } from '../../tuner/aws/cycle/tunerMetrics.ts';

/**
 * A cycle's result as far as the tuner's own EMF metrics read it: one target planned and applied,
 * for counting what those metrics declare (the tool-cost bench and its default-usage test).
 */
export const SAMPLE_CYCLE_RESULT = {
  apiErrors: 0,
  report: {
    mode: 'apply',
    status: 'ok',
    totals: { actionsPlanned: 1, actionsApplied: 1 },
    targets: [
      {
        label: 'ocr-detector:live',
        sloP99Ms: 200,
        apiErrors: 0,
        results: [{ status: 'applied' }],
        observed: { p99Ms: 180 },
        plan: { status: 'planned', actions: [{}], prediction: { predictedP99Ms: 190 } },
      },
    ],
  },
} as unknown as Parameters<typeof tunerMetricBatches>[0];
