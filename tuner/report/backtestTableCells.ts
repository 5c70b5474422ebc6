import type { BacktestResult, PolicyOutcome } from '../backtest/index.ts';
import { describeSlo, SloKind } from '../core/slo/serviceLevelObjective.ts';

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

/** The columns a request-based SLO adds. */
const REQUEST_HEADER = ['good req', 'budget left', 'burn'] as const;

const REQUEST_LEGEND =
  'good req = requests served within the latency threshold / all scored; budget left = the ' +
  'error budget remaining at the end of the trace (% of the bad requests the goal allows); ' +
  'burn = the last hour’s bad share ÷ the allowed share';

/**
 * The cells of a backtest's comparison table, one row per policy (a request-based SLO adds the
 * share of good requests, the budget left and the last hour's burn rate).
 *
 * @example
 * ```ts
 * const cells = backtestTableCells(result);
 * cells.rows[0]; // ['on-demand', '287/287', '100.0%', '206', '79', '0.04%', '0', '0.7092', '3.64', '1.05×', '0.98×']
 * ```
 */
export function backtestTableCells(result: BacktestResult): BacktestTableCells {
  const requestBased = result.objective.kind === SloKind.REQUEST;
  const slo = requestBased
    ? `SLO ${describeSlo(result.objective)} (windows scored at p99 ≤ ${result.sloP99Ms} ms per ${result.windowMinutes}-min window)`
    : `SLO p99 ≤ ${result.sloP99Ms} ms per ${result.windowMinutes}-min window`;
  return {
    title:
      `${result.function}: ${result.invocations.toLocaleString('en-US')} requests, ${slo}, ` +
      `memory ${result.memoryMb} MB, seed ${result.seed}` +
      (result.warmUpWindows > 0
        ? `; the first ${result.warmUpWindows === 1 ? 'window is' : `${result.warmUpWindows} windows are`} left out of every policy's attainment (not all start equally warm)`
        : ''),
    header: requestBased ? [...HEADER, ...REQUEST_HEADER] : HEADER,
    rows: result.policies.map((outcome) =>
      requestBased ? [...row(outcome), ...requestCells(outcome)] : row(outcome),
    ),
    legend: requestBased
      ? `${backtestLegend(result.windowMinutes)}; ${REQUEST_LEGEND}`
      : backtestLegend(result.windowMinutes),
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

function requestCells(outcome: PolicyOutcome): string[] {
  const budget = outcome.errorBudget;
  return [
    outcome.goodRequestShare === null ? '–' : `${(outcome.goodRequestShare * 100).toFixed(3)}%`,
    budget === null || budget.remainingPercent === null
      ? '–'
      : `${budget.remainingPercent.toFixed(0)}%`,
    budget === null || budget.burnRate === null ? '–' : budget.burnRate.toFixed(2),
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
