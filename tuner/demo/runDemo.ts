import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { runBacktest } from '../backtest/index.ts';
import { requireCheckoutFiles } from '../local/checkoutRequired.ts';
import { DirectoryReportSource } from '../local/directoryReportSource.ts';
import { FileReportSink } from '../local/fileReportSink.ts';
import { findExample, profileExample, summarizeProfile } from '../local/profiler/index.ts';
import { BacktestProgressDisplay } from '../report/backtestProgressDisplay.ts';
import { buildHistory } from '../report/history/buildHistory.ts';
import { backtestTextTable } from '../report/index.ts';
import { readCycleReports } from '../report/read/readCycleReports.ts';
import type { HistoryReport } from '../report/schema/historyReportSchema.ts';
import { readTrace } from '../sim/index.ts';
import { DEMO_FUNCTIONS, DEMO_TRACE_FILE, type DemoFunction } from './demoFunctions.ts';
import {
  type DemoBacktest,
  demoReportHtml,
  demoReportJson,
  demoReportMarkdown,
} from './demoReport.ts';
import { type DemoSlo, demoSlo } from './demoSlo.ts';

/** What to run; every field has a default. */
export interface DemoOptions {
  /** Cold starts the profiler measures. Default 3. */
  readonly cold?: number;
  /** Warm invocations the profiler measures. Default 30. */
  readonly warm?: number;
  /** Function ids (or unique prefixes) of the demo trace. Default: the busy and the sparse one. */
  readonly functions?: readonly string[];
  /** Where run directories go. Default `reports`. */
  readonly outDir?: string;
  /** Overrides the SLO `demoSlo` derives from the profile, ms. */
  readonly sloP99Ms?: number;
  /** Why `sloP99Ms` was given, for the printed SLO line. Default 'given by the caller'. */
  readonly sloReason?: string;
  readonly seed?: number;
  /** Progress on stderr. Default: when stderr is a terminal. */
  readonly progress?: boolean;
  /** Where the tables go. Default: stdout. */
  readonly write?: (text: string) => void;
  /** The run's time (names its directory). Default: now. */
  readonly now?: Date;
}

/** Where the demo wrote its report. */
export interface DemoOutcome {
  readonly directory: string;
  readonly markdownFile: string;
  readonly jsonFile: string;
  readonly htmlFile: string;
}

/**
 * The first main job (`npm start`): profiles the OCR example for real (a few cold starts, a few
 * dozen warm invocations), derives the SLO (`demoSlo`), backtests every registered policy on the
 * busy and the sparse function of the bundled trace, prints each comparison table, and writes
 * `report.json`, `report.md` and `index.html` into `<outDir>/<run id>/`. Needs no AWS account and no network.
 *
 * @example
 * ```ts
 * const { markdownFile } = await runDemo({ cold: 3, warm: 30 });
 * ```
 */
export async function runDemo(options: DemoOptions = {}): Promise<DemoOutcome> {
  requireCheckoutFiles('the demo', [DEMO_TRACE_FILE, findExample('ocr-detector').handlerModule]);
  const write = options.write ?? ((text: string) => process.stdout.write(text));
  const progress = options.progress ?? process.stderr.isTTY === true;
  const createdAt = options.now ?? new Date();
  const functions = demoFunctions(options.functions);

  const profileStartMs = performance.now();
  const profile = await profileExample({
    example: 'ocr-detector',
    cold: options.cold ?? 3,
    warm: options.warm ?? 30,
    progress,
  });
  const profileMs = performance.now() - profileStartMs;
  const profileSummary = summarizeProfile(profile);
  const slo: DemoSlo =
    options.sloP99Ms !== undefined
      ? { sloP99Ms: options.sloP99Ms, reason: options.sloReason ?? 'given by the caller' }
      : demoSlo(profile);
  write(`Profile: ${profileSummary} (${seconds(profileMs)})\n`);
  write(`SLO: p99 ≤ ${slo.sloP99Ms} ms per 5-min window: ${slo.reason}\n\n`);

  const runId = runIdOf(createdAt);
  const directory = await createRunDirectory(options.outDir ?? 'reports', runId);
  const backtests: DemoBacktest[] = [];
  const backtestMs: number[] = [];
  for (const fn of functions) {
    const startedMs = performance.now();
    // The thermostat's cycles write their reports as the deployed handler does (reports/<time>.json,
    // latest.json); the page's history is read back from them as `thermostat report` reads them.
    const cycleReports = join(CYCLE_REPORTS_DIRECTORY, fn.role);
    const cycleDirectory = join(directory, cycleReports);
    const loaded = await readTrace(DEMO_TRACE_FILE, { functionId: fn.id });
    const display = new BacktestProgressDisplay({ enabled: progress, label: fn.role });
    let result: DemoBacktest['result'];
    try {
      result = await runBacktest({
        trace: loaded.trace,
        functionId: loaded.function.id,
        profile,
        sloP99Ms: slo.sloP99Ms,
        ...(options.seed !== undefined ? { seed: options.seed } : {}),
        cycleReports: new FileReportSink(cycleDirectory),
        onProgress: (p) => display.update(p),
      });
    } finally {
      display.stop();
    }
    const history = await thermostatHistory(cycleDirectory);
    backtestMs.push(performance.now() - startedMs);
    backtests.push({ function: { ...fn, id: loaded.function.id }, result, cycleReports, history });
    write(`${fn.role.toUpperCase()}: ${fn.why}\n${backtestTextTable(result)}\n`);
  }

  const run = {
    runId,
    createdAt,
    trace: relative(process.cwd(), DEMO_TRACE_FILE),
    profile,
    profileSummary,
    slo,
    backtests,
    timings: { profileMs, backtestMs },
  };
  const markdownFile = join(directory, 'report.md');
  const jsonFile = join(directory, 'report.json');
  const htmlFile = join(directory, 'index.html');
  await writeFile(markdownFile, demoReportMarkdown(run));
  await writeFile(jsonFile, `${JSON.stringify(demoReportJson(run), null, 2)}\n`);
  const html = demoReportHtml(run);
  await writeFile(htmlFile, html);
  write(
    `Report: ${markdownFile} and ${jsonFile}; the thermostat's cycle reports in ${join(directory, CYCLE_REPORTS_DIRECTORY)}/\n` +
      `Open ${htmlFile} in a browser (${formatBytes(Buffer.byteLength(html))}, charts, no network needed)\n`,
  );
  return { directory, markdownFile, jsonFile, htmlFile };
}

/** Where, under the run directory, each function's cycle reports go (one folder per role). */
const CYCLE_REPORTS_DIRECTORY = 'cycles';

/** The thermostat's history of one backtest, read back from the cycle reports it wrote. */
async function thermostatHistory(directory: string): Promise<HistoryReport> {
  const reports = await readCycleReports(new DirectoryReportSource(directory));
  return buildHistory(reports, { nowMs: reports.at(-1)?.generatedAtMs ?? 0 });
}

function formatBytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(2)} MB`;
}

/** The demo's functions: the bundled choices, or the ids asked for (described as such). */
function demoFunctions(ids: readonly string[] | undefined): readonly DemoFunction[] {
  if (ids === undefined) return DEMO_FUNCTIONS;
  return ids.map(
    (id) =>
      DEMO_FUNCTIONS.find((fn) => fn.id.startsWith(id) || fn.role === id) ?? {
        role: id,
        id,
        why: 'asked for on the command line',
      },
  );
}

/** `2026-01-31T17-56-26Z`: sortable, and valid as a directory name everywhere. */
function runIdOf(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replaceAll(':', '-');
}

/** A fresh directory for the run; a second run in the same second gets a suffix. */
async function createRunDirectory(outDir: string, runId: string): Promise<string> {
  await mkdir(outDir, { recursive: true });
  for (let attempt = 1; ; attempt++) {
    const directory = join(outDir, attempt === 1 ? runId : `${runId}-${attempt}`);
    try {
      await mkdir(directory);
      return directory;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
