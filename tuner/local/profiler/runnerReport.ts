/** The profiler runner's own line on stdout, beside the SDK's EMF documents. */
export interface RunnerReport {
  /** `performance.now()` when the handler module finished importing: ms since process start. */
  readonly readyMs: number;
}

const key = 'thermostatProfilerRunner';

/**
 * Formats the runner's report as one stdout line.
 *
 * @example
 * ```ts
 * process.stdout.write(formatRunnerReport({ readyMs: performance.now() }));
 * ```
 */
export function formatRunnerReport(report: RunnerReport): string {
  return `${JSON.stringify({ [key]: report })}\n`;
}

/**
 * Reads a stdout line as the runner's report; undefined for any other line.
 *
 * @example
 * ```ts
 * parseRunnerReport('{"thermostatProfilerRunner":{"readyMs":812.4}}'); // { readyMs: 812.4 }
 * ```
 */
export function parseRunnerReport(line: string): RunnerReport | undefined {
  if (!line.includes(key)) return undefined;
  try {
    const report = (JSON.parse(line) as Record<string, { readyMs?: unknown } | undefined>)[key];
    return typeof report?.readyMs === 'number' ? { readyMs: report.readyMs } : undefined;
  } catch {
    return undefined;
  }
}
