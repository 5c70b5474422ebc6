import { z } from 'zod';
import { backtestReportSchema } from './backtestReportSchema.ts';
import { cycleReportSchema } from './cycleReportSchema.ts';
import { demoReportSchema } from './demoReportSchema.ts';
import { historyReportSchema } from './historyReportSchema.ts';
import { REPORT_VERSION, ReportKind } from './reportKind.ts';
import { whatIfReportSchema } from './whatIfReportSchema.ts';

/**
 * The JSON Schema (draft 2020-12) of every report kind at its current version, by file name
 * (`cycle.v1.json`, …): what `docs/schema/` holds, generated from the zod schemas.
 *
 * @example
 * ```ts
 * for (const [name, schema] of Object.entries(reportJsonSchemas())) writeFileSync(`docs/schema/${name}`, JSON.stringify(schema, null, 2));
 * ```
 */
export function reportJsonSchemas(): Record<string, unknown> {
  const schemas = {
    cycle: [ReportKind.CYCLE, cycleReportSchema],
    history: [ReportKind.HISTORY, historyReportSchema],
    backtest: [ReportKind.BACKTEST, backtestReportSchema],
    'what-if': [ReportKind.WHAT_IF, whatIfReportSchema],
    demo: [ReportKind.DEMO, demoReportSchema],
  } as const;
  return Object.fromEntries(
    Object.entries(schemas).map(([name, [kind, schema]]) => [
      `${name}.v${REPORT_VERSION[kind]}.json`,
      z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }),
    ]),
  );
}
