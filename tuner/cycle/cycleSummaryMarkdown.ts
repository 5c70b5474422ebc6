/**
 * The Markdown summary of a cycle: one table (a row per target) and a few lines of totals and
 * notes. It goes to the tuner's log and to the terminal of `thermostat plan|apply`.
 */
import type { ActionResult } from '../core/plan.ts';
import { describeErrorBudget } from '../core/slo/errorBudgetText.ts';
import { describeSlo } from '../core/slo/serviceLevelObjective.ts';
import { type FleetConfig, sameFleetConfig } from '../sim/fleetConfig.ts';
import { type CycleReport, CycleStatus, type TargetReport } from './cycleReport.ts';
import { SUMMARY_WINDOW_MINUTES } from './observedSummary.ts';
import type { TargetCosts } from './targetCosts.ts';

/** Where the report went, to list under the table. */
export interface SummaryLocations {
  readonly written: readonly string[];
  /** Report writes that failed, one line each. */
  readonly failures: readonly string[];
}

/**
 * Renders the summary.
 *
 * @example
 * ```ts
 * process.stdout.write(renderCycleSummary(report, { written: ['reports/x.json'], failures: [] }));
 * // ### lambda-thermostat cycle 2026-11-27 12:05 UTC · mode recommend (dry run: nothing changed)
 * // | Target | Observed p99 / target | Current → planned | Action | Predicted p99 | Cost/h |
 * // ...
 * ```
 */
export function renderCycleSummary(report: CycleReport, locations: SummaryLocations): string {
  const when = `${report.generatedAt.slice(0, 16).replace('T', ' ')} UTC`;
  const mode = report.dryRun
    ? `mode ${report.mode} (dry run: nothing changed)`
    : `mode ${report.mode}`;
  const lines = [`### lambda-thermostat cycle ${when} · ${mode}`, ''];
  if (report.status !== CycleStatus.COMPLETED) {
    const what = report.status === CycleStatus.OBSERVE_FAILED ? 'Observing' : 'Reading the state';
    lines.push(
      `**${what} failed (${report.error?.name ?? 'Error'}: ${cell(report.error?.message ?? '')}): nothing was planned or changed.**`,
      '',
    );
  }
  lines.push(
    '| Target | Observed p99 / target | Current → planned | Action | Predicted p99 | Cost/h |',
    '|---|---|---|---|---|---|',
  );
  for (const target of report.targets) lines.push(row(target));
  const t = report.totals;
  lines.push(
    '',
    `Observed p99: the worst per-minute p99 of the last ${SUMMARY_WINDOW_MINUTES} minutes. ` +
      `${t.actionsPlanned} ${t.actionsPlanned === 1 ? 'action' : 'actions'} planned, ` +
      `${t.actionsApplied} applied, ${t.actionsFailed} failed; ` +
      `${t.apiErrors} API ${t.apiErrors === 1 ? 'error' : 'errors'}.`,
  );
  for (const target of report.targets)
    if (target.costs) lines.push(`- ${cell(costsLine(target.label, target.costs))}`);
  for (const target of report.targets)
    if (target.slo !== undefined && target.errorBudget !== undefined && target.errorBudget !== null)
      lines.push(
        `- ${cell(`${target.label}: ${describeSlo(target.slo)}: ${describeErrorBudget(target.errorBudget)}`)}`,
      );
  const notes = [...report.notes, ...report.memory.notes, ...locations.failures];
  for (const note of notes) lines.push(`- ${cell(note)}`);
  for (const location of locations.written) lines.push(`- report: ${location}`);
  return `${lines.join('\n')}\n`;
}

/** The target's money in one line: expected a month, at the rate of the hour observed. */
function costsLine(label: string, costs: TargetCosts): string {
  const usd = (v: number) => `${v < 0 ? '−' : ''}$${Math.abs(v).toFixed(2)}`;
  const saved = (v: number | null, against: string) =>
    v === null ? `no prediction ${against}` : `saved ${usd(v)}/month ${against}`;
  return [
    `${label}: Lambda ${costs.lambdaMonthlyUsd === null ? '–' : `${usd(costs.lambdaMonthlyUsd)}/month`}`,
    `tool ${usd(costs.toolMonthlyUsd)}/month`,
    saved(costs.savedVsOnDemandMonthlyUsd, 'against on demand'),
    `${saved(costs.savedVsCurrentMonthlyUsd, 'against the current configuration')} (expected, at the last hour's rate)`,
  ].join(' · ');
}

function row(target: TargetReport): string {
  const { plan, observed } = target;
  const observedP99 = observed?.p99Ms ?? null;
  const p99 = observedP99 === null ? '–' : `${Math.round(observedP99)}`;
  const verdict = observedP99 === null ? '' : observedP99 <= target.sloP99Ms ? ' ✓' : ' ✗';
  const source = observed?.latencySource === 'aws-lambda-duration' ? ' (Duration)' : '';
  const prediction = plan.prediction;
  return `| ${[
    target.label,
    `${p99} / ${target.sloP99Ms} ms${verdict}${source}`,
    change(plan.current, plan.planned),
    action(target),
    prediction === null ? '–' : predictedMs(prediction.predictedP99Ms),
    prediction === null ? '–' : `${prediction.costPerHourUsd.toFixed(4)} USD`,
  ]
    .map(cell)
    .join(' | ')} |`;
}

function action(target: TargetReport): string {
  if (target.plan.actions.length === 0) return target.plan.summary;
  if (target.results.length === 0) return `not applied: ${target.plan.summary}`;
  return target.results.map(outcome).join('<br>');
}

function outcome(result: ActionResult): string {
  switch (result.status) {
    case 'applied':
      return `applied: ${result.detail}`;
    case 'failed':
      return `FAILED: ${result.detail}`;
    case 'unchanged':
      return `unchanged: ${result.detail}`;
    case 'skipped':
      return result.detail;
  }
}

function change(current: FleetConfig | null, planned: FleetConfig | null): string {
  if (current === null) return '–';
  if (planned === null || sameFleetConfig(current, planned))
    return `${config(current)} (no change)`;
  return `${config(current)} → ${config(planned)}`;
}

function config(c: FleetConfig): string {
  return `${c.memoryMb} MB, PC ${c.provisionedConcurrency}, RC ${c.reservedConcurrency ?? 'none'}`;
}

function predictedMs(value: number | null): string {
  if (value === null) return '–';
  return Number.isFinite(value) ? `${Math.round(value)} ms` : '∞ (throttled)';
}

/** Table-safe text: no pipes, no line breaks. */
function cell(text: string): string {
  return text.replaceAll('|', '\\|').replace(/\s*\n\s*/g, ' ');
}
