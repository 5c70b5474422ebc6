import type { BacktestResult } from '../backtest/index.ts';
import { plural } from '../report/format/humanNumbers.ts';
import { historyHeadline } from '../report/headline.ts';
import { backtestSection } from '../report/html/backtestSection.ts';
import { targetHistorySection } from '../report/html/historySection.ts';
import { htmlPage } from '../report/html/htmlPage.ts';
import { backtestJson, backtestMarkdownTable } from '../report/index.ts';
import { savingsPhrases } from '../report/savingsText.ts';
import type { BacktestJson } from '../report/schema/backtestReportSchema.ts';
import type { DemoReportJson } from '../report/schema/demoReportSchema.ts';
import type { HistoryReport, TargetHistory } from '../report/schema/historyReportSchema.ts';
import { REPORT_VERSION, ReportKind } from '../report/schema/reportKind.ts';
import { windowsBasis } from '../report/windowsText.ts';
import type { Profile } from '../sim/index.ts';
import type { DemoFunction } from './demoFunctions.ts';
import type { DemoSlo } from './demoSlo.ts';

/** One backtest of the demo with its function's role and the thermostat's cycle reports. */
export interface DemoBacktest {
  readonly function: DemoFunction;
  readonly result: BacktestResult;
  /** Where its cycle reports are, relative to the run directory. */
  readonly cycleReports: string;
  /** The thermostat's history, built from its cycle reports. */
  readonly history: HistoryReport;
}

/** Everything a demo run produced. */
export interface DemoRun {
  readonly runId: string;
  readonly createdAt: Date;
  /** The trace, as shown to the reader (a path relative to the project). */
  readonly trace: string;
  readonly profile: Profile;
  readonly profileSummary: string;
  readonly slo: DemoSlo;
  readonly backtests: readonly DemoBacktest[];
  /** Wall times, ms. */
  readonly timings: { readonly profileMs: number; readonly backtestMs: readonly number[] };
}

/**
 * The demo's `report.json` document.
 *
 * @example
 * ```ts
 * writeFileSync('report.json', `${JSON.stringify(demoReportJson(run), null, 2)}\n`);
 * ```
 */
export function demoReportJson(run: DemoRun): DemoReportJson {
  return {
    kind: ReportKind.DEMO,
    version: REPORT_VERSION[ReportKind.DEMO],
    runId: run.runId,
    createdAt: run.createdAt.toISOString(),
    trace: run.trace,
    slo: { p99Ms: run.slo.sloP99Ms, reason: run.slo.reason },
    profile: run.profile,
    backtests: run.backtests.map(({ function: fn, result, cycleReports, history }) => ({
      role: fn.role,
      why: fn.why,
      notes: result.policies.flatMap((outcome) => outcome.notes),
      result: backtestJson(result),
      cycleReports,
      history,
    })),
    timings: run.timings,
  };
}

/**
 * The demo's `report.md`: the profile, the SLO and why, one table per function, and the caveats
 * a reader needs (what the oracle is, what flatters `scheduled`).
 *
 * @example
 * ```ts
 * writeFileSync('report.md', demoReportMarkdown(run));
 * ```
 */
export function demoReportMarkdown(run: DemoRun): string {
  return [
    `# lambda-thermostat demo ${run.runId}`,
    '',
    `- Profile: ${run.profileSummary}.`,
    `- SLO: p99 ≤ ${run.slo.sloP99Ms} ms per window: ${run.slo.reason}.`,
    `- Trace: \`${run.trace}\` (Azure Functions 2019 sample, CC-BY 4.0; see its README).`,
    '',
    ...run.backtests.flatMap(({ function: fn, result, cycleReports, history }) => [
      backtestMarkdownTable(result).replace(/^## /, `## ${fn.role}: `),
      `Why this function: ${fn.why}.`,
      '',
      ...history.targets.flatMap((t) => {
        const money = savingsPhrases(t);
        return [
          `The thermostat's ${plural(history.cycles, 'cycle')} (cycle reports in \`${cycleReports}/\`): ${historyHeadline(
            t,
          )
            .map((p) => p.text)
            .join(' · ')}.${money === null ? '' : ` ${money.join(' · ')}.`}`,
          '',
          windowsAgainstBacktest(backtestJson(result), t).note ?? '',
          '',
        ];
      }),
    ]),
    '## Caveats',
    '',
    '- `oracle` is the floor on cost, not a policy you can run: with hindsight it takes, window ' +
      'by window, the cheapest configuration (memory from a grid, provisioned concurrency from ' +
      '0 up) whose window p99 meets the target given the warm state the earlier windows left ' +
      '(searched with memory free per window and with each memory fixed; the cheapest schedule ' +
      'wins), and its capacity is ready at each window start with no allocation delay. It ' +
      'also knows the dice (the exact arrival times and service draws it is scored on).',
    '- `robust-floor` is the fair floor: searched the same way, but a configuration must meet ' +
      'the window in every one of 20 re-sampled scenarios of the same per-minute counts, and it ' +
      'is scored on dice it did not see: what knowing the future traffic volume, not the dice, ' +
      'could reach.',
    '- The first window is left out of every policy’s attainment: not every policy starts ' +
      'equally warm (target tracking holds one provisioned environment from the start).',
    '- `scheduled` plans each hour from the previous day’s peak; a one-day trace has no previous ' +
      'day, so it plans from the same day: perfectly seasonal traffic, which flatters it.',
    '- `target-tracking` follows the one-minute Average of PC utilisation: bursts shorter than ' +
      'its 3-minute alarm pass unseen; `target-tracking-max` follows the Maximum instead. ' +
      '`power-tuning` (the `cost` strategy) and `power-tuning-balanced` decide as Power ' +
      'Tuning’s analyzer does, on the 20% trimmed mean of warm durations, and ignore cold starts.',
    '- Everything is simulated from a profile measured on this machine; the numbers move with ' +
      'it from run to run.',
    '',
  ].join('\n');
}

/**
 * How the history's windows compare with the backtest's thermostat row, for the same run: the
 * same rule judges both (exactly, when the cycle reports carry each minute's PR), but they cover
 * different windows. The backtest leaves its first window out (not every policy starts equally
 * warm) and scores every window to the end of the trace; the history holds the first window (the
 * first cycle reads back) and ends with the newest minute the last cycle saw complete, a few
 * minutes before the end of the trace.
 *
 * @example
 * ```ts
 * windowsAgainstBacktest(backtestJson(result), history.targets[0]).note;
 * // 'The backtest above met 284/287 windows … this history 283/286 …'
 * ```
 */
export function windowsAgainstBacktest(
  backtest: BacktestJson,
  t: TargetHistory,
): { readonly note?: string } {
  const own = backtest.policies.find((p) => p.policy === 'thermostat');
  if (own === undefined) return {};
  const w = t.windows;
  const warmUp = backtest.warmUpWindows ?? 0;
  return {
    note:
      `The backtest above met ${own.windowsMeetingSlo}/${own.windowsWithTraffic} windows; this history, from the same run’s cycle reports, ${w.met}/${w.scored}` +
      `${windowsBasis(w) === 'exact' ? ', both by the same rule on the same requests' : ''}. ` +
      `The counts cover different windows: the backtest leaves out its first ${plural(warmUp, 'window')} (not every policy starts equally warm) and scores every window to the end of the trace; ` +
      `the history holds what the cycle reports saw: the first window (the first cycle reads back from when it ran) up to the newest minute the last cycle saw complete, so not the last windows of the trace` +
      `${(w.incomplete ?? 0) > 0 ? ` (${plural(w.incomplete ?? 0, 'window')} of them partly)` : ''}.`,
  };
}

/**
 * The demo's `index.html`: one self-contained page with, per function, its backtest (the
 * thermostat's headline, cost against attainment per policy, the table) and the thermostat's
 * history from its cycle reports (the timeline, charts and decisions a deployed tuner's page
 * shows), `report.json` embedded.
 *
 * @example
 * ```ts
 * writeFileSync('index.html', demoReportHtml(run));
 * ```
 */
export function demoReportHtml(run: DemoRun): string {
  const json = demoReportJson(run);
  return htmlPage({
    title: `lambda-thermostat demo ${run.runId}`,
    subtitle: `Profile: ${run.profileSummary}. SLO: p99 ≤ ${run.slo.sloP99Ms} ms per window (${run.slo.reason}). Trace: ${run.trace}.`,
    body: json.backtests
      .flatMap((b, i) => [
        backtestSection(b.result, { heading: `${b.role}: ${b.result.function}`, why: b.why }, i),
        ...b.history.targets.map((t) =>
          targetHistorySection(t, i, b.history, {
            heading: `${b.role}: the thermostat’s ${plural(b.history.cycles, 'cycle')}`,
            source: `from its cycle reports in ${b.cycleReports}/`,
            ...windowsAgainstBacktest(b.result, t),
          }),
        ),
      ])
      .join('\n'),
    data: json,
  });
}
