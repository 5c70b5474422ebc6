import type { ReportSink } from '../core/ports.ts';
import type { CycleLogger } from './cycleLogger.ts';
import type { CycleReport } from './cycleReport.ts';
import { cycleReportName, LATEST_REPORT_NAME } from './reportNames.ts';

/** Where the report went, and which writes failed (one line each). */
export interface PublishedReport {
  readonly written: readonly string[];
  readonly failures: readonly string[];
}

/**
 * Writes the report as `reports/<time>.json` (the history) and `latest.json` (the rolling copy),
 * each on its own: a failed write is reported, never thrown, so the cycle's result survives it.
 *
 * @example
 * ```ts
 * const { written, failures } = await publishReport(report, new S3ReportSink(url), logger);
 * ```
 */
export async function publishReport(
  report: CycleReport,
  sink: ReportSink | undefined,
  logger: CycleLogger,
): Promise<PublishedReport> {
  if (sink === undefined) return { written: [], failures: ['report not stored: no report sink'] };
  const body = `${JSON.stringify(report, null, 2)}\n`;
  const written: string[] = [];
  const failures: string[] = [];
  for (const name of [cycleReportName(report.generatedAtMs), LATEST_REPORT_NAME]) {
    try {
      written.push(await sink.write(name, body, 'application/json'));
    } catch (error) {
      const e = error as Error;
      const failure = `report ${name} not written (${e.name}: ${e.message})`;
      logger.warn(failure);
      failures.push(failure);
    }
  }
  return { written, failures };
}
