import { HOURS_PER_MONTH } from '../../core/cost/toolCost.ts';
import type { HistoryDecision, TargetHistory } from '../schema/historyReportSchema.ts';

/**
 * The tool's bill and the savings over a period, from the decisions that carry costs: each
 * cycle's monthly figures hold until the next cycle (its `cycleMinutes`), so the period's amount
 * is the time-weighted sum, and its monthly rate that amount over the hours covered × 730.
 * Savings are weighted over the planned cycles only (the others predicted nothing). Null when no
 * decision carries costs (cycle reports written before they did).
 *
 * @example
 * ```ts
 * const { toolCostUsd, savings } = periodSavings(target.decisions);
 * savings?.savedVsOnDemandMonthlyUsd; // e.g. 12.3
 * ```
 */
export function periodSavings(
  decisions: readonly HistoryDecision[],
): Pick<TargetHistory, 'toolCostUsd' | 'savings'> {
  let hours = 0;
  let plannedHours = 0;
  let toolUsd = 0;
  const planned = { lambda: 0, onDemand: 0, current: 0 };
  for (const d of decisions) {
    const c = d.costs;
    if (c === undefined) continue;
    const h = c.cycleMinutes / 60;
    hours += h;
    toolUsd += (c.toolMonthlyUsd * h) / HOURS_PER_MONTH;
    if (
      c.lambdaMonthlyUsd === null ||
      c.savedVsOnDemandMonthlyUsd === null ||
      c.savedVsCurrentMonthlyUsd === null
    )
      continue;
    plannedHours += h;
    planned.lambda += c.lambdaMonthlyUsd * h;
    planned.onDemand += c.savedVsOnDemandMonthlyUsd * h;
    planned.current += c.savedVsCurrentMonthlyUsd * h;
  }
  if (hours === 0) return { toolCostUsd: null, savings: null };
  const mean = (sum: number) => (plannedHours === 0 ? null : sum / plannedHours);
  return {
    toolCostUsd: toolUsd,
    savings: {
      hours,
      plannedHours,
      toolMonthlyUsd: (toolUsd / hours) * HOURS_PER_MONTH,
      lambdaMonthlyUsd: mean(planned.lambda),
      savedVsOnDemandMonthlyUsd: mean(planned.onDemand),
      savedVsCurrentMonthlyUsd: mean(planned.current),
    },
  };
}
