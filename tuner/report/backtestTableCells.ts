import type { BacktestResult, PolicyOutcome } from '../backtest/index.ts';

/** A backtest comparison as text cells: what the plain-text and Markdown tables both show. */
export interface BacktestTableCells {
  /** One line naming the function, the traffic and the SLO. */
  readonly title: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** One line saying what the columns mean. */
  readonly legend: string;
  /** Every policy's caveats, `policy: …` each. */
  readonly notes: readonly string[];
}

const HEADER = [
  'policy',
  'windows ok',
  'attain',
  'p99 ms',
  'cold',
  'cold %',
  'throttles',
  'cost $',
  '$/M req',
  'vs oracle',
  'vs robust',
] as const;

/**
 * The cells of a backtest's comparison table, one row per policy.
 *
 * @example
 * ```ts
 * const cells = backtestTableCells(result);
 * cells.rows[0]; // ['on-demand', '287/287', '100.0%', '206', '79', '0.04%', '0', '0.7092', '3.64', '1.05×', '0.98×']
 * ```
 */
export function backtestTableCells(result: BacktestResult): BacktestTableCells {
  return {
    title:
      `${result.function}: ${result.invocations.toLocaleString('en-US')} requests, ` +
      `SLO p99 ≤ ${result.sloP99Ms} ms per ${result.windowMinutes}-min window, ` +
      `memory ${result.memoryMb} MB, seed ${result.seed}` +
      (result.warmUpWindows > 0
        ? `; the first ${result.warmUpWindows === 1 ? 'window is' : `${result.warmUpWindows} windows are`} left out of every policy's attainment (not all start equally warm)`
        : ''),
    header: HEADER,
    rows: result.policies.map(row),
    legend: backtestLegend(result.windowMinutes),
    notes: result.policies.flatMap((outcome) => outcome.notes),
  };
}

/**
 * The one-line legend of the table's columns.
 *
 * @example
 * ```ts
 * backtestLegend(5); // 'windows ok = 5-min windows with traffic whose p99 met the SLO / all …'
 * ```
 */
export function backtestLegend(windowMinutes: number): string {
  return (
    `windows ok = ${windowMinutes}-min windows with traffic whose p99 met the SLO / all with traffic; ` +
    'attain = their share; p99 = whole-trace nearest-rank p99 end-to-end (∞: >1% throttled); ' +
    'cold = user-facing cold starts (cold % of invocations); cost $ = simulated bill; ' +
    '$/M req = per million requests; vs oracle = cost ÷ the oracle’s (the floor that knows the dice); ' +
    'vs robust = cost ÷ the robust floor’s (knows the traffic volume, not the dice)'
  );
}

function row(outcome: PolicyOutcome): string[] {
  return [
    outcome.policy,
    `${outcome.windowsMeetingSlo}/${outcome.windowsWithTraffic}`,
    outcome.attainment === null ? '–' : `${(outcome.attainment * 100).toFixed(1)}%`,
    milliseconds(outcome.p99Ms),
    String(outcome.coldStarts),
    outcome.coldStartRate === null ? '–' : `${(outcome.coldStartRate * 100).toFixed(2)}%`,
    String(outcome.throttles),
    dollars(outcome.costUsd),
    outcome.costPerMillionUsd === null ? '–' : outcome.costPerMillionUsd.toFixed(2),
    ratio(outcome.costVsOracle),
    ratio(outcome.costVsRobustFloor),
  ];
}

function ratio(value: number | null): string {
  return value === null ? '–' : `${value.toFixed(2)}×`;
}

function milliseconds(value: number | null): string {
  if (value === null) return '–';
  if (!Number.isFinite(value)) return '∞';
  return value >= 100 ? value.toFixed(0) : value.toFixed(1);
}

function dollars(value: number): string {
  return value >= 100 ? value.toFixed(2) : value.toFixed(4);
}
