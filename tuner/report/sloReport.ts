import {
  describeSlo,
  type ServiceLevelObjective,
  sloLatencyThresholdMs,
} from '../core/slo/serviceLevelObjective.ts';
import type { SloReport } from './schema/sloReportSchema.ts';

/**
 * An SLO as reports write it.
 *
 * @example
 * ```ts
 * sloReport(periodSloFromP99(300)).description; // 'p99 ≤ 300 ms per 5-minute period, 99% of periods over a rolling 7 days'
 * ```
 */
export function sloReport(slo: ServiceLevelObjective): SloReport {
  const { interval } = slo.goal;
  return {
    kind: slo.kind,
    thresholdMs: sloLatencyThresholdMs(slo),
    ...(slo.kind === 'period' ? { periodMinutes: slo.periodMinutes } : {}),
    attainmentGoal: slo.goal.attainmentGoal,
    interval: {
      kind: interval.kind,
      duration: interval.duration,
      durationUnit: interval.durationUnit,
      ...(interval.kind === 'calendar' ? { startTimeMs: interval.startTimeMs } : {}),
    },
    warningThreshold: slo.goal.warningThreshold,
    description: describeSlo(slo),
  };
}
