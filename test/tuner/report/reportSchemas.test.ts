/**
 * The report schemas: the committed JSON Schemas are the generated ones; every report the cycle
 * writes fits the cycle schema (at compile time and on real reports, a failed cycle included);
 * the committed fixtures of each current version still parse, and those written before the costs
 * and each minute's PR(:slo) were added to v1 still parse and render (their windows judged on the
 * bound); unknown versions and broken
 * reports get errors that name the object.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { validateConfig } from '../../../tuner/core/config/validateConfig.ts';
import type { CycleReport } from '../../../tuner/cycle/cycleReport.ts';
import { runTuningCycle } from '../../../tuner/cycle/tuningCycle.ts';
import { buildHistory } from '../../../tuner/report/history/buildHistory.ts';
import { renderHistoryHtml } from '../../../tuner/report/html/renderHistoryHtml.ts';
import { historyMarkdown } from '../../../tuner/report/markdown/historyMarkdown.ts';
import {
  InvalidReportError,
  parseCycleReport,
  parseHistoryReport,
  UnknownReportVersionError,
} from '../../../tuner/report/read/parseReport.ts';
import { backtestReportSchema } from '../../../tuner/report/schema/backtestReportSchema.ts';
import type { cycleReportSchema } from '../../../tuner/report/schema/cycleReportSchema.ts';
import { reportJsonSchemas } from '../../../tuner/report/schema/jsonSchemas.ts';
import {
  FakeActuator,
  FakeMetricsSource,
  FakeStateReader,
  liveState,
  StringMemoryStore,
} from '../cycle/support/fakePorts.ts';

// Compile time: whatever the cycle's writer can produce is a cycle report of the schema. A change
// to the writer's types that changes the format fails typecheck here until the schema (and its
// version) follows.
const writerFitsSchema = (report: CycleReport): z.input<typeof cycleReportSchema> => report;

const NOW = Date.parse('2026-11-27T12:00:00Z');

async function cycleReport(fail: boolean): Promise<CycleReport> {
  const stateReader = new FakeStateReader();
  stateReader.set(liveState('ocr', 4));
  const metricsSource = new FakeMetricsSource((_, startMs) => ({
    invocations: 120,
    e2eP99Ms: 180 + (startMs % 7),
    e2eP50Ms: 90,
    durationP50Ms: 85,
    durationP99Ms: 170,
    concurrencyMax: 3,
    coldStarts: 1,
    initP50Ms: 330,
    invokeLatencyAvgMs: 95,
    cpuTimeAvgMs: 90,
  }));
  if (fail) metricsSource.failure = new Error('CloudWatch is down');
  const result = await runTuningCycle({
    config: validateConfig({
      mode: 'apply',
      targets: [{ function: 'ocr', alias: 'live', slo: { p99Ms: 300 } }],
    }),
    metricsSource,
    stateReader,
    actuator: new FakeActuator(),
    memoryStore: new StringMemoryStore(),
    clock: { now: () => NOW },
    plannerOptions: { replications: 4 },
  });
  return result.report;
}

describe('report schemas', () => {
  it('docs/schema holds exactly the schemas generated from the zod types (npm run schemas)', async () => {
    // Prepare
    const generated = reportJsonSchemas();

    // Act
    const committed = await Promise.all(
      Object.keys(generated).map(async (name) =>
        JSON.parse(await readFile(`docs/schema/${name}`, 'utf8')),
      ),
    );

    // Assess
    expect(Object.keys(generated)).toEqual([
      'cycle.v1.json',
      'history.v1.json',
      'backtest.v1.json',
      'what-if.v1.json',
      'demo.v1.json',
    ]);
    expect(committed).toEqual(Object.values(generated));
  });

  it.each([
    ['a completed cycle', false],
    ['a cycle whose observation failed', true],
  ])('reads back what the cycle writes: %s', async (_, fail) => {
    // Prepare
    const report = writerFitsSchema(await cycleReport(fail));

    // Act
    const parsed = parseCycleReport(JSON.stringify(report), 'reports/x.json');

    // Assess
    expect(parsed).toEqual(JSON.parse(JSON.stringify(report)));
    expect(parsed.kind).toBe('lambda-thermostat.cycle');
    expect(parsed.version).toBe(1);
  });

  it('still reads the committed fixtures of the current versions', async () => {
    // Prepare
    const [cycle, history, backtest] = await Promise.all(
      ['cycle.v1.json', 'history-day.v1.json', 'backtest.v1.json'].map((name) =>
        readFile(`test/tuner/report/fixtures/${name}`, 'utf8'),
      ),
    );

    // Act
    const parsedCycle = parseCycleReport(cycle ?? '', 'cycle.v1.json');
    const parsedHistory = parseHistoryReport(history ?? '', 'history-day.v1.json');
    const parsedBacktest = backtestReportSchema.parse(JSON.parse(backtest ?? ''));

    // Assess
    expect(parsedCycle.targets[0]?.plan.actions.length).toBeGreaterThan(0);
    const observation = parsedCycle.targets[0]?.observation;
    const minutes =
      observation === null || observation === undefined || 'error' in observation
        ? []
        : observation.recentMinutes;
    expect(minutes.some((m) => typeof m.withinSloPercent === 'number')).toBe(true);
    expect(parsedHistory.targets[0]?.minutes.length).toBeGreaterThan(1400);
    expect(parsedHistory.targets[0]?.windows.exact).toBe(parsedHistory.targets[0]?.windows.scored);
    expect(renderHistoryHtml(parsedHistory)).toContain('data-windows-basis="exact"');
    expect(historyMarkdown(parsedHistory)).toContain(
      '- Windows: Windows judged exactly: each minute’s slow requests counted from CloudWatch’s PR(:200)',
    );
    expect(parsedBacktest.policies.map((p) => p.policy)).toContain('thermostat');
  });

  it('reads and renders the v1 fixtures written before the costs were added (optional in v1)', async () => {
    // Prepare
    const [cycle, history] = await Promise.all(
      ['cycle.v1-before-costs.json', 'history-day.v1-before-costs.json'].map((name) =>
        readFile(`test/tuner/report/fixtures/${name}`, 'utf8'),
      ),
    );

    // Act
    const parsedCycle = parseCycleReport(cycle ?? '', 'cycle.v1-before-costs.json');
    const fromCycle = buildHistory([parsedCycle], { nowMs: parsedCycle.generatedAtMs });
    const parsedHistory = parseHistoryReport(history ?? '', 'history-day.v1-before-costs.json');
    const pages = [renderHistoryHtml(fromCycle), renderHistoryHtml(parsedHistory)];

    // Assess
    expect(parsedCycle.targets[0]?.costs).toBeUndefined();
    expect(fromCycle.targets[0]?.savings).toBeNull();
    expect(fromCycle.targets[0]?.toolCostUsd).toBeNull();
    expect(parsedHistory.targets[0]?.savings).toBeUndefined();
    for (const page of pages) {
      // Written before the cycle reports carried each minute's PR(:slo): judged on the bound.
      expect(page).toContain('data-windows-basis="bound"');
      expect(page).toContain('the cycle reports do not carry CloudWatch’s PR(:');
      expect(page).toContain('The cycle reports carry no costs');
      expect(page).toContain('data-headline="windows"');
      expect(page).not.toContain('data-headline="tool-cost"');
    }
  });

  it('reads a v1 cycle report written before each minute’s PR(:slo) was added, and bounds its windows', async () => {
    // Prepare
    const text = await readFile(
      'test/tuner/report/fixtures/cycle.v1-before-minute-slo.json',
      'utf8',
    );

    // Act
    const cycle = parseCycleReport(text, 'cycle.v1-before-minute-slo.json');
    const history = buildHistory([cycle], { nowMs: cycle.generatedAtMs });
    const page = renderHistoryHtml(history);

    // Assess
    const observation = cycle.targets[0]?.observation;
    const minutes =
      observation === null || observation === undefined || 'error' in observation
        ? []
        : observation.recentMinutes;
    expect(minutes.length).toBeGreaterThan(0);
    expect(minutes.every((m) => m.withinSloPercent === undefined)).toBe(true);
    expect(cycle.targets[0]?.costs?.toolMonthlyUsd).toBeGreaterThan(0);
    expect(history.targets[0]?.windows.exact).toBe(0);
    expect(page).toContain('data-windows-basis="bound"');
  });

  it('reads the costs the current fixtures carry', async () => {
    // Prepare
    const text = await readFile('test/tuner/report/fixtures/cycle.v1.json', 'utf8');

    // Act
    const costs = parseCycleReport(text, 'cycle.v1.json').targets[0]?.costs;

    // Assess
    expect(costs?.toolMonthlyUsd).toBeGreaterThan(0);
    expect(costs?.savedVsOnDemandMonthlyUsd).not.toBeNull();
    expect(costs?.savedVsCurrentMonthlyUsd).not.toBeNull();
  });

  it('says which version it reads when a report has another one', () => {
    // Prepare
    const future = JSON.stringify({ kind: 'lambda-thermostat.cycle', version: 2 });

    // Act / Assess
    expect(() => parseCycleReport(future, 's3://b/p/reports/x.json')).toThrow(
      UnknownReportVersionError,
    );
    expect(() => parseCycleReport(future, 's3://b/p/reports/x.json')).toThrow(
      's3://b/p/reports/x.json: lambda-thermostat.cycle version 2 is unknown to this version of lambda-thermostat (it reads version 1)',
    );
    expect(() => parseCycleReport('{"kind":"other"}', 'x.json')).toThrow(
      'x.json: kind "other" is not a lambda-thermostat.cycle report',
    );
  });

  it('names the object and the field of a broken report', async () => {
    // Prepare
    const report = JSON.parse(JSON.stringify(await cycleReport(false)));
    report.targets[0].sloP99Ms = 'fast';

    // Act / Assess
    expect(() => parseCycleReport('{', 'a.json')).toThrow(InvalidReportError);
    expect(() => parseCycleReport(JSON.stringify(report), 'b.json')).toThrow(
      /^b\.json: does not match the lambda-thermostat\.cycle v1 schema: targets\.0\.sloP99Ms: /,
    );
  });

  it('reads the committed backtest (written by backtestJson) in the backtest schema', async () => {
    // Prepare
    const fixture = JSON.parse(
      await readFile('test/tuner/report/fixtures/backtest.v1.json', 'utf8'),
    );

    // Act
    const parsed = backtestReportSchema.safeParse(fixture);

    // Assess
    expect(parsed.success).toBe(true);
    expect(fixture).toMatchObject({ kind: 'lambda-thermostat.backtest', version: 1 });
  });
});
