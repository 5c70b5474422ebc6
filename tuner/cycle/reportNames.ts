/** Names of the report objects, relative to the report location (an S3 prefix or a directory). */

/** The rolling copy of the newest report. */
export const LATEST_REPORT_NAME = 'latest.json';

/**
 * The name of a cycle's report: `reports/<UTC time to the second>.json`, without colons so the same
 * name works as a file name everywhere; names sort by time.
 *
 * @example
 * ```ts
 * cycleReportName(Date.parse('2026-11-27T12:05:00.250Z')); // 'reports/2026-11-27T12-05-00Z.json'
 * ```
 */
export function cycleReportName(nowMs: number): string {
  const stamp = new Date(nowMs)
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replaceAll(':', '-');
  return `reports/${stamp}.json`;
}
