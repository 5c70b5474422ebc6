/**
 * The line a person reads first, per target: did it meet the SLO, what did it cost, how that
 * compares with the floor and the usual baseline. One model, drawn by the HTML and Markdown reports.
 */
import { formatPercent, formatUsd, relativeDifference } from './format/humanNumbers.ts';
import type { BacktestJson } from './schema/backtestReportSchema.ts';
import type { TargetHistory } from './schema/historyReportSchema.ts';

/** One part of a headline: its text and the number it states (for checks against the JSON). */
export interface HeadlinePart {
  readonly key:
    | 'windows'
    | 'cost-per-day'
    | 'vs-floor'
    | 'vs-target-tracking'
    | 'error-budget'
    | 'tool-cost'
    | 'saved-vs-on-demand';
  readonly text: string;
  readonly value: number;
}

/** The policy the headline of a backtest speaks for, and the ones it is compared with. */
const HEADLINE_POLICY = 'thermostat';
const FLOOR_POLICY = 'oracle';
const BASELINE_POLICY = 'target-tracking';

/**
 * The headline of one target's history: windows met, cost per day, error budget spent and,
 * when the cycle reports carry them, the tool's own bill and the saving against on demand (both
 * a month, over the period).
 *
 * @example
 * ```ts
 * historyHeadline(target).map((p) => p.text).join(' · ');
 * // 'met 287/288 windows · $1.29/day · 35% of the error budget spent · tool $0.41/month · saved $12.30/month against on demand'
 * ```
 */
export function historyHeadline(target: TargetHistory): HeadlinePart[] {
  const parts: HeadlinePart[] = [
    {
      key: 'windows',
      text: `met ${target.windows.met}/${target.windows.scored} windows`,
      value: target.windows.met,
    },
  ];
  if (target.cost.perDayUsd !== null)
    parts.push({
      key: 'cost-per-day',
      text: `${formatUsd(target.cost.perDayUsd)}/day`,
      value: target.cost.perDayUsd,
    });
  if (target.errorBudget.spent !== null)
    parts.push({
      key: 'error-budget',
      text: `${formatPercent(target.errorBudget.spent, 0)} of the error budget spent`,
      value: target.errorBudget.spent,
    });
  const savings = target.savings;
  if (savings !== null && savings !== undefined) {
    parts.push({
      key: 'tool-cost',
      text: `tool ${formatUsd(savings.toolMonthlyUsd)}/month`,
      value: savings.toolMonthlyUsd,
    });
    const saved = savings.savedVsOnDemandMonthlyUsd;
    if (saved !== null)
      parts.push({
        key: 'saved-vs-on-demand',
        text:
          saved >= 0
            ? `saved ${formatUsd(saved)}/month against on demand`
            : `${formatUsd(-saved)}/month dearer than on demand`,
        value: saved,
      });
  }
  return parts;
}

/**
 * The headline of a backtest, for the thermostat's run: windows met, cost per day, against the
 * oracle's floor and against target tracking. Null when the thermostat was not backtested.
 *
 * @example
 * ```ts
 * backtestHeadline(json)?.map((p) => p.text).join(' · ');
 * // 'met 286/288 windows · $0.760/day · 13% above the floor · 31% cheaper than target tracking'
 * ```
 */
export function backtestHeadline(backtest: BacktestJson): HeadlinePart[] | null {
  const own = backtest.policies.find((p) => p.policy === HEADLINE_POLICY);
  if (own === undefined) return null;
  const perDay = backtest.traceMinutes > 0 ? (own.costUsd * 1440) / backtest.traceMinutes : null;
  const parts: HeadlinePart[] = [
    {
      key: 'windows',
      text: `met ${own.windowsMeetingSlo}/${own.windowsWithTraffic} windows`,
      value: own.windowsMeetingSlo,
    },
  ];
  if (perDay !== null)
    parts.push({ key: 'cost-per-day', text: `${formatUsd(perDay)}/day`, value: perDay });
  const floor = backtest.policies.find((p) => p.policy === FLOOR_POLICY);
  if (floor !== undefined && floor.costUsd > 0) {
    const d = relativeDifference(own.costUsd, floor.costUsd);
    parts.push({
      key: 'vs-floor',
      text:
        d.direction === 'equal'
          ? 'at the floor'
          : `${d.percent}% ${d.direction === 'above' ? 'above' : 'below'} the floor`,
      value: own.costUsd / floor.costUsd,
    });
  }
  const baseline = backtest.policies.find((p) => p.policy === BASELINE_POLICY);
  if (baseline !== undefined && baseline.costUsd > 0) {
    const d = relativeDifference(own.costUsd, baseline.costUsd);
    parts.push({
      key: 'vs-target-tracking',
      text:
        d.direction === 'equal'
          ? 'costs the same as target tracking'
          : `${d.percent}% ${d.direction === 'below' ? 'cheaper' : 'dearer'} than target tracking`,
      value: own.costUsd / baseline.costUsd,
    });
  }
  return parts;
}
