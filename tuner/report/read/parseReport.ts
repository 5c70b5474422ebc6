import type { z } from 'zod';
import { type CycleReportV1, cycleReportSchema } from '../schema/cycleReportSchema.ts';
import { type HistoryReport, historyReportSchema } from '../schema/historyReportSchema.ts';
import { ReportKind as Kinds, REPORT_VERSION, type ReportKind } from '../schema/reportKind.ts';

/**
 * A report whose kind or schema version this reader does not know.
 *
 * @example
 * ```ts
 * parseCycleReport('{"kind":"lambda-thermostat.cycle","version":9}', 'reports/x.json'); // throws UnknownReportVersionError
 * ```
 */
export class UnknownReportVersionError extends Error {
  override readonly name = 'UnknownReportVersionError';
}

/**
 * A report that is not JSON or does not match its schema.
 *
 * @example
 * ```ts
 * parseCycleReport('{', 'reports/x.json'); // throws InvalidReportError
 * ```
 */
export class InvalidReportError extends Error {
  override readonly name = 'InvalidReportError';
}

/**
 * Reads a cycle report: checks its kind and version, then validates it against the schema of
 * that version. `where` names the object in errors.
 *
 * @throws UnknownReportVersionError, InvalidReportError
 * @example
 * ```ts
 * const report = parseCycleReport(await readFile(path, 'utf8'), path);
 * ```
 */
export function parseCycleReport(text: string, where: string): CycleReportV1 {
  return parseKind(text, where, Kinds.CYCLE, cycleReportSchema);
}

/**
 * Reads a history report (the handler's `history.json`, the command's `report.json`).
 *
 * @throws UnknownReportVersionError, InvalidReportError
 * @example
 * ```ts
 * const history = parseHistoryReport(text, 's3://bucket/prefix/history.json');
 * ```
 */
export function parseHistoryReport(text: string, where: string): HistoryReport {
  return parseKind(text, where, Kinds.HISTORY, historyReportSchema);
}

function parseKind<S extends z.ZodType>(
  text: string,
  where: string,
  kind: ReportKind,
  schema: S,
): z.output<S> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InvalidReportError(`${where}: not JSON (${(error as Error).message})`);
  }
  const head = (value ?? {}) as { kind?: unknown; version?: unknown };
  if (head.kind !== kind)
    throw new UnknownReportVersionError(
      `${where}: kind ${JSON.stringify(head.kind)} is not a ${kind} report`,
    );
  const known = REPORT_VERSION[kind];
  if (head.version !== known)
    throw new UnknownReportVersionError(
      `${where}: ${kind} version ${JSON.stringify(head.version)} is unknown to this version of lambda-thermostat (it reads version ${known}); upgrade lambda-thermostat to read it`,
    );
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.join('.') ?? '';
    throw new InvalidReportError(
      `${where}: does not match the ${kind} v${known} schema: ${path === '' ? '' : `${path}: `}${issue?.message ?? 'invalid'}${parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more)` : ''}`,
    );
  }
  return parsed.data;
}
