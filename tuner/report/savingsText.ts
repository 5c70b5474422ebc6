/**
 * The tool's bill beside the Lambda bill, and the savings, in words: one model for the HTML and
 * the Markdown history (how each figure is estimated: docs/architecture.md, "What a target
 * costs, and what the tool saves").
 */
import { formatUsd } from './format/humanNumbers.ts';
import type { TargetHistory } from './schema/historyReportSchema.ts';

/**
 * The money facts of one target's history, one phrase each; null when its cycle reports carry
 * no costs.
 *
 * @example
 * ```ts
 * savingsPhrases(target)?.join(' · ');
 * // 'Lambda $31.20/month (planned, expected) · tool $5.40/month · saved $12.30/month against on demand · …'
 * ```
 */
export function savingsPhrases(t: TargetHistory): string[] | null {
  const s = t.savings;
  if (s === null || s === undefined) return null;
  const saved = (v: number | null, against: string, than: string) =>
    v === null
      ? `no prediction to compare ${against.replace(/^against /, 'with ')}`
      : v >= 0
        ? `saved ${formatUsd(v)}/month ${against}`
        : `${formatUsd(-v)}/month dearer ${than}`;
  return [
    `Lambda ${s.lambdaMonthlyUsd === null ? '—' : `${formatUsd(s.lambdaMonthlyUsd)}/month`} (planned, expected)`,
    `tool ${formatUsd(s.toolMonthlyUsd)}/month`,
    saved(s.savedVsOnDemandMonthlyUsd, 'against on demand', 'than on demand'),
    saved(
      s.savedVsCurrentMonthlyUsd,
      'against the configuration each cycle found',
      'than the configuration each cycle found',
    ),
  ];
}

/** What the money facts rest on, in one sentence. */
export const SAVINGS_BASIS =
  'Expected costs a month at the rate of each cycle’s hour (the planner’s prediction for its forecast), weighted by the time each cycle’s plan held.';

/** Said where the cycle reports carry no costs. */
export const NO_SAVINGS_NOTE =
  'The cycle reports carry no costs (written before they did): the tool’s bill and the savings are not shown.';
