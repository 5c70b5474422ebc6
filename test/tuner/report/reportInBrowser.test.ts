/**
 * The reports as a person sees them, in headless Chromium: the history of a simulated day, an
 * old v1 history, a backtest page and the demo's page load with no console error and no network
 * request, every chart carries the data points its JSON holds, the headline says what the JSON
 * says (the tool's bill and the savings included), the tables are there with JavaScript off, and
 * a screenshot is written under test-output/.
 */
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoOutcome, runDemo } from '../../../tuner/demo/runDemo.ts';
import { DirectoryReportSource } from '../../../tuner/local/directoryReportSource.ts';
import { formatUsd } from '../../../tuner/report/format/humanNumbers.ts';
import { buildHistory } from '../../../tuner/report/history/buildHistory.ts';
import { backtestSection } from '../../../tuner/report/html/backtestSection.ts';
import { htmlPage } from '../../../tuner/report/html/htmlPage.ts';
import { renderHistoryHtml } from '../../../tuner/report/html/renderHistoryHtml.ts';
import { parseHistoryReport } from '../../../tuner/report/read/parseReport.ts';
import { readCycleReports } from '../../../tuner/report/read/readCycleReports.ts';
import {
  type BacktestJson,
  backtestReportSchema,
} from '../../../tuner/report/schema/backtestReportSchema.ts';
import {
  type DemoReportJson,
  demoReportSchema,
} from '../../../tuner/report/schema/demoReportSchema.ts';
import type { HistoryReport } from '../../../tuner/report/schema/historyReportSchema.ts';
import {
  BROWSER_TIMEOUT_MS,
  type OpenedPage,
  screenshot,
  useBrowser,
} from '../../support/browser.ts';

const browser = useBrowser();
const FIXTURES = 'test/tuner/report/fixtures';

/** One drawn series: what it says it carries, and what is drawn. */
interface DrawnSeries {
  readonly chart: string;
  readonly series: string;
  readonly points: number;
  /** Markers and bands drawn, or vertices of the path (a stacked area has two per value). */
  readonly drawn: number;
}

/** Reads every series of every chart from the DOM (plain script: the page has none of its own). */
async function drawnSeries(view: OpenedPage): Promise<DrawnSeries[]> {
  return (await view.page.evaluate(`[...document.querySelectorAll('svg[data-chart] [data-series]')].map((g) => {
    const path = g.querySelector('path');
    const marks = g.querySelectorAll('g.marker').length || g.querySelectorAll(':scope > rect').length;
    const vertices = path && !g.querySelector('g.marker') ? (path.getAttribute('d').match(/[ML]/g) || []).length : 0;
    return {
      chart: g.closest('svg').dataset.chart,
      series: g.dataset.series,
      points: Number(g.dataset.points),
      drawn: marks > 0 ? marks : g.querySelector('line') ? 1 : vertices,
    };
  })`)) as DrawnSeries[];
}

async function headline(view: OpenedPage, scope: string): Promise<Record<string, string>> {
  return (await view.page.evaluate(
    `Object.fromEntries([...document.querySelectorAll(${JSON.stringify(`${scope} [data-headline]`)})].map((s) => [s.dataset.headline, s.textContent]))`,
  )) as Record<string, string>;
}

let directory: string;
let history: HistoryReport;
let backtest: BacktestJson;
let historyFile: string;
let backtestFile: string;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'thermostat-report-'));
  history = parseHistoryReport(
    await readFile(`${FIXTURES}/history-day.v1.json`, 'utf8'),
    'history-day.v1.json',
  );
  backtest = backtestReportSchema.parse(
    JSON.parse(await readFile(`${FIXTURES}/backtest.v1.json`, 'utf8')),
  );
  historyFile = join(directory, 'history.html');
  await writeFile(historyFile, renderHistoryHtml(history));
  backtestFile = join(directory, 'backtest.html');
  await writeFile(
    backtestFile,
    htmlPage({
      title: 'backtest',
      subtitle: backtest.function,
      body: backtestSection(backtest, { heading: `busy: ${backtest.function}` }, 0),
      data: backtest,
    }),
  );
});

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('a history report of a simulated day', { timeout: BROWSER_TIMEOUT_MS }, () => {
  it('is one file under 1 MB', async () => {
    // Act
    const size = (await stat(historyFile)).size;

    // Assess
    expect(size).toBeLessThan(1_000_000);
  });

  it.skipIf(browser.skipped)(
    'loads with no console error and no network request, and is screenshotted',
    async () => {
      // Act
      const view = await browser.open(historyFile);
      const png = await screenshot(view.page, 'history-day');

      // Assess
      expect(view.consoleErrors).toEqual([]);
      expect(view.requests).toEqual([]);
      expect((await stat(png)).size).toBeGreaterThan(50_000);
    },
  );

  it.skipIf(browser.skipped)('draws every data point the JSON holds, in every chart', async () => {
    // Prepare
    const t = history.targets[0];
    if (t === undefined) throw new Error('the fixture has no target');
    const windows = new Set(t.minutes.map((m) => Math.floor(m.startMs / 300_000))).size;
    const actions = t.decisions.flatMap((d) => d.actions);

    // Act
    const view = await browser.open(historyFile);
    const series = await drawnSeries(view);
    const of = (chart: string, name: string) =>
      series.find((s) => s.chart === `target-0-${chart}` && s.series === name);

    // Assess: what each series says it carries is what the JSON holds...
    expect(of('p99', 'p99 per minute')?.points).toBe(
      t.minutes.filter((m) => m.e2eP99Ms !== null).length,
    );
    expect(of('p99', 'cold starts')?.points).toBe(t.minutes.filter((m) => m.coldStarts > 0).length);
    expect(of('p99', 'missed window')?.points).toBe(t.windows.missedStartMs.length);
    expect(of('concurrency', 'PC requested')?.points).toBe(t.minutes.length);
    expect(of('concurrency', 'spill-over (ran on demand with PC set)')?.points).toBe(
      t.minutes.filter((m) => m.spillover > 0).length,
    );
    expect(of('memory', 'memory')?.points).toBe(t.minutes.length);
    for (const part of ['requests', 'on-demand duration', 'INIT', 'PC allocation', 'PC duration'])
      expect(of('cost', part)?.points).toBe(windows);
    expect(of('actions', 'applied')?.points).toBe(
      actions.filter((a) => a.status === 'applied').length,
    );
    expect(of('pareto', 'alternative')?.points).toBe(
      t.lastDecision?.alternatives.filter((a) => a.predictedP99Ms !== null).length,
    );
    expect(of('pareto', 'chosen')?.points).toBe(1);
    // ...and what is drawn is what each series says it carries.
    for (const s of series) {
      const perValue = s.chart.endsWith('-cost') ? 2 : 1;
      const gaps = s.drawn - s.points * perValue;
      expect(gaps, `${s.chart} / ${s.series}`).toBe(0);
    }
  });

  it.skipIf(browser.skipped)('says in its headline what the JSON says', async () => {
    // Prepare
    const t = history.targets[0];
    if (t === undefined || t.cost.perDayUsd === null || t.errorBudget.spent === null)
      throw new Error('the fixture has no cost or budget');

    // Act
    const view = await browser.open(historyFile);
    const parts = await headline(view, '#target-0');
    const embedded = JSON.parse(
      (await view.page.locator('#report-data').textContent()) ?? '',
    ) as HistoryReport;

    // Assess
    expect(parts.windows).toBe(`met ${t.windows.met}/${t.windows.scored} windows`);
    expect(t.windows.exact).toBe(t.windows.scored);
    expect(
      await view.page.locator('#target-0 [data-windows-basis]').getAttribute('data-windows-basis'),
    ).toBe('exact');
    expect(parts['cost-per-day']).toBe(`${formatUsd(t.cost.perDayUsd)}/day`);
    expect(Number(parts['cost-per-day']?.replace(/[$/a-z]/g, ''))).toBeCloseTo(t.cost.perDayUsd, 2);
    expect(parts['error-budget']).toBe(
      `${Math.round(t.errorBudget.spent * 100)}% of the error budget spent`,
    );
    const savings = t.savings;
    if (savings === null || savings === undefined || savings.savedVsOnDemandMonthlyUsd === null)
      throw new Error('the fixture’s cycle reports carry costs');
    expect(parts['tool-cost']).toBe(`tool ${formatUsd(savings.toolMonthlyUsd)}/month`);
    expect(Number(parts['tool-cost']?.replace(/[^\d.]/g, ''))).toBeCloseTo(
      savings.toolMonthlyUsd,
      1,
    );
    const saved = savings.savedVsOnDemandMonthlyUsd;
    expect(parts['saved-vs-on-demand']).toBe(
      saved >= 0
        ? `saved ${formatUsd(saved)}/month against on demand`
        : `${formatUsd(-saved)}/month dearer than on demand`,
    );
    expect(await view.page.locator('#target-0 [data-savings] li').count()).toBe(4);
    expect(embedded).toEqual(history);
  });

  it.skipIf(browser.skipped)('shows its tables with JavaScript off', async () => {
    // Prepare
    const actions = history.targets[0]?.decisions.flatMap((d) => d.actions) ?? [];

    // Act
    const view = await browser.open(historyFile, { javaScript: false });

    // Assess
    expect(await view.page.locator('#target-0-actions-table tbody tr').count()).toBe(
      actions.length,
    );
    expect(await view.page.locator('#target-0-actions-table thead th').count()).toBe(8);
    expect(await view.page.locator('svg[data-chart]').count()).toBe(6);
    expect(await view.page.locator('svg[data-chart] desc').count()).toBe(6);
    expect(view.consoleErrors).toEqual([]);
  });
});

describe('an old v1 history (before the costs)', { timeout: BROWSER_TIMEOUT_MS }, () => {
  it.skipIf(browser.skipped)('still renders, and says the costs are not there', async () => {
    // Prepare
    const old = parseHistoryReport(
      await readFile(`${FIXTURES}/history-day.v1-before-costs.json`, 'utf8'),
      'history-day.v1-before-costs.json',
    );
    const file = join(directory, 'history-before-costs.html');
    await writeFile(file, renderHistoryHtml(old));

    // Act
    const view = await browser.open(file);
    const parts = await headline(view, '#target-0');

    // Assess
    expect(view.consoleErrors).toEqual([]);
    expect(parts.windows).toBe(
      `met ${old.targets[0]?.windows.met}/${old.targets[0]?.windows.scored} windows`,
    );
    expect(parts['tool-cost']).toBeUndefined();
    expect(await view.page.locator('#target-0').textContent()).toContain(
      'The cycle reports carry no costs',
    );
    expect(await view.page.locator('svg[data-chart]').count()).toBe(6);
  });
});

describe('a backtest page', { timeout: BROWSER_TIMEOUT_MS }, () => {
  it.skipIf(browser.skipped)(
    'shows a point per policy, the oracle as the floor, and the JSON’s headline numbers',
    async () => {
      // Prepare
      const own = backtest.policies.find((p) => p.policy === 'thermostat');
      const oracle = backtest.policies.find((p) => p.policy === 'oracle');
      const tracking = backtest.policies.find((p) => p.policy === 'target-tracking');
      if (own === undefined || oracle === undefined || tracking === undefined)
        throw new Error('the fixture lacks a policy');

      // Act
      const view = await browser.open(backtestFile);
      const series = await drawnSeries(view);
      const parts = await headline(view, '#backtest-0');
      await screenshot(view.page, 'backtest');

      // Assess
      expect(view.consoleErrors).toEqual([]);
      expect(view.requests).toEqual([]);
      const points = series
        .filter((s) => s.series === 'policy' || s.series === 'thermostat')
        .reduce((n, s) => n + s.drawn, 0);
      expect(points).toBe(backtest.policies.filter((p) => p.attainment !== null).length);
      expect(series.some((s) => s.series.startsWith('floor: the oracle'))).toBe(true);
      expect(parts.windows).toBe(`met ${own.windowsMeetingSlo}/${own.windowsWithTraffic} windows`);
      const vsFloor = Math.round((own.costUsd / oracle.costUsd - 1) * 100);
      expect(parts['vs-floor']).toBe(
        `${Math.abs(vsFloor)}% ${vsFloor >= 0 ? 'above' : 'below'} the floor`,
      );
      const vsTracking = Math.round((1 - own.costUsd / tracking.costUsd) * 100);
      expect(parts['vs-target-tracking']).toBe(
        `${Math.abs(vsTracking)}% ${vsTracking >= 0 ? 'cheaper' : 'dearer'} than target tracking`,
      );
      expect(await view.page.locator('#backtest-0-table tbody tr').count()).toBe(
        backtest.policies.length,
      );
    },
  );
});

describe('the demo’s page (npm start)', { timeout: BROWSER_TIMEOUT_MS * 2 }, () => {
  let demo: DemoOutcome;
  let json: DemoReportJson;
  beforeAll(async () => {
    demo = await runDemo({
      cold: 1,
      warm: 3,
      functions: ['sparse'],
      outDir: join(directory, 'demo'),
      progress: false,
      write: () => {},
    });
    json = demoReportSchema.parse(JSON.parse(await readFile(demo.jsonFile, 'utf8')));
  }, BROWSER_TIMEOUT_MS * 2);

  it('says its kind and version, and carries the thermostat’s history from its cycle reports', async () => {
    // Prepare
    const b = json.backtests[0];
    if (b === undefined) throw new Error('the demo backtested nothing');

    // Act
    const reports = await readCycleReports(
      new DirectoryReportSource(join(demo.directory, b.cycleReports)),
    );

    // Assess
    expect(json).toMatchObject({ kind: 'lambda-thermostat.demo', version: 1 });
    expect(b.history.cycles).toBe(reports.length);
    expect(reports.length).toBeGreaterThan(280);
    expect(b.history).toEqual(buildHistory(reports, { nowMs: reports.at(-1)?.generatedAtMs ?? 0 }));
  });

  it.skipIf(browser.skipped)(
    'shows the thermostat’s per-cycle timeline and its headline numbers equal the JSON’s',
    async () => {
      // Prepare
      const t = json.backtests[0]?.history.targets[0];
      const backtest = json.backtests[0]?.result;
      if (t === undefined || backtest === undefined) throw new Error('no thermostat history');
      const actions = t.decisions.flatMap((d) => d.actions);
      const own = backtest.policies.find((p) => p.policy === 'thermostat');

      // Act
      const view = await browser.open(demo.htmlFile);
      const series = await drawnSeries(view);
      const timeline = series.filter((s) => s.chart === 'target-0-actions');
      const history = await headline(view, '#target-0');
      const top = await headline(view, '#backtest-0');
      await screenshot(view.page, 'demo');

      // Assess
      expect(view.consoleErrors).toEqual([]);
      expect(view.requests).toEqual([]);
      expect(timeline.reduce((n, s) => n + s.points, 0)).toBe(actions.length);
      expect(timeline.reduce((n, s) => n + s.drawn, 0)).toBe(actions.length);
      expect(await view.page.locator('#target-0-decisions-table tbody tr').count()).toBeGreaterThan(
        280,
      );
      expect(history.windows).toBe(`met ${t.windows.met}/${t.windows.scored} windows`);
      expect(history['tool-cost']).toBe(`tool ${formatUsd(t.savings?.toolMonthlyUsd ?? -1)}/month`);
      expect(top.windows).toBe(`met ${own?.windowsMeetingSlo}/${own?.windowsWithTraffic} windows`);
      // The page says how the two counts compare, and that both judged the same way.
      const comparison = await view.page
        .locator('#target-0 [data-windows-comparison]')
        .textContent();
      expect(comparison).toContain(
        `met ${own?.windowsMeetingSlo}/${own?.windowsWithTraffic} windows; this history, from the same run’s cycle reports, ${t.windows.met}/${t.windows.scored}, both by the same rule`,
      );
      const perDay = ((own?.costUsd ?? 0) * 1440) / backtest.traceMinutes;
      expect(top['cost-per-day']).toBe(`${formatUsd(perDay)}/day`);
    },
  );
});
