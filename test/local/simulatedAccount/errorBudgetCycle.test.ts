/**
 * The deployed cycle's error budget on the simulated shell: the ledger in the memory counts
 * every complete minute once across cycles, so the last report's budget is the simulation's own
 * count of good and bad requests.
 */
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../../tuner/core/config/validateConfig.ts';
import type { ErrorBudget } from '../../../tuner/core/slo/errorBudget.ts';
import { describeErrorBudget } from '../../../tuner/core/slo/errorBudgetText.ts';
import { badRequestCount } from '../../../tuner/core/slo/requestSli.ts';
import type { CycleReport } from '../../../tuner/cycle/cycleReport.ts';
import { renderCycleSummary } from '../../../tuner/cycle/cycleSummaryMarkdown.ts';
import { runSimulatedTuning } from '../../../tuner/local/simulatedAccount/runSimulatedTuning.ts';
import { SimulatedAccount } from '../../../tuner/local/simulatedAccount/simulatedAccount.ts';
import { buildHistory } from '../../../tuner/report/history/buildHistory.ts';
import { renderHistoryHtml } from '../../../tuner/report/html/renderHistoryHtml.ts';
import { historyMarkdown } from '../../../tuner/report/markdown/historyMarkdown.ts';
import { parseCycleReport } from '../../../tuner/report/read/parseReport.ts';
import { serviceModelFromProfile } from '../../../tuner/sim/index.ts';
import { repeated, smallProfile } from '../../backtest/support/backtestFixtures.ts';

const MINUTE_MS = 60_000;
const serviceModel = serviceModelFromProfile(smallProfile({ memoryMb: 1769 }));
/** Two hours of bursts every 7 minutes out of a trickle: cold starts make bad requests. */
const trace = repeated(120, (m) => (m % 7 === 0 ? 25 : 2));

describe('the cycle’s error budget on the simulated shell', () => {
  it('counts every request of the counted minutes once, and reports the budget left and the burn rate', async () => {
    // Prepare
    const config = validateConfig({
      mode: 'recommend',
      targets: [
        {
          function: 'fn',
          alias: 'live',
          slo: { requestBasedSli: { latencyMs: 300 }, goal: { attainmentGoal: 99 } },
        },
      ],
    });
    const account = new SimulatedAccount({
      functions: [
        {
          functionName: 'fn',
          simulation: {
            trace,
            serviceModel,
            config: { memoryMb: 1769, provisionedConcurrency: 0, reservedConcurrency: null },
            recordInvocations: true,
          },
        },
      ],
    });
    const reports: CycleReport[] = [];

    // Act
    const run = await runSimulatedTuning({
      account,
      config,
      plannerOptions: { replications: 4 },
      onCycle: (result) => {
        reports.push(result.report);
      },
    });

    // Assess: from the first minute the first cycle saw to the last complete minute of the last
    const last = reports.at(-1)?.targets[0];
    const first = reports[0];
    expect(last?.slo).toMatchObject({ kind: 'request', latencyMs: 300 });
    const budget = last?.errorBudget;
    expect(budget?.unit).toBe('requests');
    const fromMs = Date.parse(first?.windows.recent.start as string);
    const toMs = Date.parse(reports.at(-1)?.windows.recent.end as string);
    const simulation = run.simulations.get(':fn:live') ?? [...run.simulations.values()][0];
    const recorded = simulation?.invocations;
    expect(recorded).toBeDefined();
    const served: number[] = [];
    for (let i = 0; i < (recorded?.arrivalMs.length ?? 0); i++) {
      const at = recorded?.arrivalMs[i] as number;
      if (at >= fromMs && at < toMs) served.push(recorded?.e2eMs[i] as number);
    }
    const bad = badRequestCount(served, 0, 300);
    expect(budget?.spent).toBe(bad);
    expect(budget?.total).toBeCloseTo(served.length * 0.01, 6);
    expect(budget?.spent).toBeGreaterThan(0);
    expect(budget?.burnRate).not.toBeNull();
    expect(toMs - fromMs).toBeGreaterThan(60 * MINUTE_MS);

    // Assess: the history and its pages carry the SLO and the last budget
    const history = buildHistory(
      reports.map((report) => parseCycleReport(JSON.stringify(report), 'cycle')),
      { nowMs: toMs },
    );
    const target = history.targets[0];
    expect(target?.slo).toMatchObject({ kind: 'request' });
    expect(target?.sloBudget?.spent).toBe(bad);
    const line = describeErrorBudget(budget as ErrorBudget);
    expect(historyMarkdown(history)).toContain(line);
    expect(renderHistoryHtml(history)).toContain('99% of requests ≤ 300 ms over a rolling 7 days');
    expect(
      reports.at(-1) === undefined
        ? ''
        : renderCycleSummary(reports.at(-1) as CycleReport, { written: [], failures: [] }),
    ).toContain(line);
  }, 120_000);
});
