import pLimit from 'p-limit';
import type { CycleReportV1 } from '../schema/cycleReportSchema.ts';
import { parseCycleReport } from './parseReport.ts';
import type { ReportSource } from './reportSource.ts';

/** The folder, under a report location, that holds one report per cycle. */
export const CYCLE_REPORTS_PREFIX = 'reports/';

/** Reads at once: enough to hide S3's latency, few enough to stay polite. */
const CONCURRENT_READS = 8;

/**
 * No cycle report where one was looked for.
 *
 * @example
 * ```ts
 * await readCycleReports(source); // throws NoReportsError for an empty prefix
 * ```
 */
export class NoReportsError extends Error {
  override readonly name = 'NoReportsError';
}

/** What to read. */
export interface ReadCycleReportsOptions {
  /** Only reports generated at or after this time, epoch ms. */
  readonly sinceMs?: number;
  /** Called after each report read: done, of total. */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Reads every cycle report under `reports/` of a location, oldest first. Names carry the time
 * (`reports/2026-11-27T12-05-00Z.json`), so reports older than `sinceMs` are skipped unread.
 *
 * @throws NoReportsError when there is none (naming where it looked); UnknownReportVersionError
 *   or InvalidReportError for the first report that cannot be read.
 * @example
 * ```ts
 * const reports = await readCycleReports(new DirectoryReportSource('reports/tuner'), { sinceMs });
 * ```
 */
export async function readCycleReports(
  source: ReportSource,
  options: ReadCycleReportsOptions = {},
): Promise<CycleReportV1[]> {
  const all = (await source.list(CYCLE_REPORTS_PREFIX)).filter((n) => n.endsWith('.json'));
  if (all.length === 0)
    throw new NoReportsError(
      `no cycle reports under ${source.location}${CYCLE_REPORTS_PREFIX}: the tuner writes one per cycle there (reports/<time>.json)`,
    );
  const sinceMs = options.sinceMs;
  const names =
    sinceMs === undefined
      ? all
      : all.filter((n) => {
          const at = timeOfName(n);
          // A name without a time is read, and filtered by what it says.
          return at === null || at >= sinceMs - 1000;
        });
  if (names.length === 0)
    throw new NoReportsError(
      `no cycle reports under ${source.location}${CYCLE_REPORTS_PREFIX} since ${new Date(sinceMs ?? 0).toISOString()} (${all.length} older ones)`,
    );
  const limit = pLimit(CONCURRENT_READS);
  let done = 0;
  const reports = await Promise.all(
    names.map((name) =>
      limit(async () => {
        const text = await source.read(name);
        done++;
        options.onProgress?.(done, names.length);
        return text === null ? null : parseCycleReport(text, `${source.location}${name}`);
      }),
    ),
  );
  return reports
    .filter((r): r is CycleReportV1 => r !== null)
    .filter((r) => sinceMs === undefined || r.generatedAtMs >= sinceMs)
    .sort((a, b) => a.generatedAtMs - b.generatedAtMs);
}

/** `reports/2026-11-27T12-05-00Z.json` → its epoch ms; null for other names. */
function timeOfName(name: string): number | null {
  const match = /(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})Z\.json$/.exec(name);
  if (match === null) return null;
  const ms = Date.parse(`${match[1]}T${match[2]}:${match[3]}:${match[4]}Z`);
  return Number.isNaN(ms) ? null : ms;
}
