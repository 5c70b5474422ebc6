/**
 * The history report, version 1: many cycles of many targets compacted into what a reader needs
 * over time (one row per minute, one per decision, the last decision's alternatives, the windows
 * met). The HTML and Markdown reports are drawn from it; `thermostat report` writes it as
 * `report.json` and the deployed handler keeps the last 24 hours of it (`history.json`).
 */
import { z } from 'zod';
import { ReportKind } from './reportKind.ts';
import { errorBudgetReportSchema, sloReportSchema } from './sloReportSchema.ts';

const fleetConfig = z.object({
  memoryMb: z.number(),
  provisionedConcurrency: z.number(),
  reservedConcurrency: z.number().nullable(),
});

const costParts = z
  .object({
    requests: z.number(),
    duration: z.number().describe('On-demand duration.'),
    init: z.number().describe('Billed INIT of on-demand environments.'),
    provisioned: z.number().describe('Provisioned-concurrency allocation.'),
    provisionedDuration: z.number().describe('Duration served by provisioned environments.'),
  })
  .describe('USD by part of the bill.');

const historyMinute = z
  .object({
    startMs: z.number(),
    requests: z.number().describe('Invocations plus throttles.'),
    throttles: z.number(),
    coldStarts: z.number(),
    e2eP99Ms: z.number().nullable(),
    concurrencyMax: z.number().nullable(),
    spillover: z.number(),
    memoryMb: z.number().nullable().describe('Memory at the time (from the nearest cycle).'),
    pcRequested: z.number().nullable(),
    pcReady: z.number().nullable(),
    cost: costParts.describe('Estimated from the metrics and configuration, USD in the minute.'),
  })
  .describe('One minute of one target.');

const candidate = z.object({
  config: fleetConfig,
  predictedP99Ms: z.number().nullable(),
  costPerHourUsd: z.number(),
  missProbability: z.number(),
});

const decisionAction = z.object({
  kind: z.enum(['setProvisionedConcurrency', 'setReservedConcurrency', 'setMemory']),
  from: z.number().nullable(),
  to: z.number().nullable(),
  reason: z.string(),
  status: z.enum(['applied', 'skipped', 'failed', 'unchanged']),
  detail: z.string(),
});

const usdPerMonth = (what: string) => z.number().describe(`${what}, USD a month.`);

const decisionCosts = z
  .object({
    cycleMinutes: z.number().describe('Minutes until the next cycle: the time the figures hold.'),
    lambdaMonthlyUsd: usdPerMonth('Expected bill of the planned configuration').nullable(),
    toolMonthlyUsd: usdPerMonth('The tool’s own bill for the target'),
    savedVsOnDemandMonthlyUsd: usdPerMonth('Expected saving against on demand').nullable(),
    savedVsCurrentMonthlyUsd: usdPerMonth(
      'Expected saving against the current configuration kept',
    ).nullable(),
  })
  .describe(
    'The cycle report’s costs of the target (cycle reports written since they carry them).',
  );

const decision = z
  .object({
    atMs: z.number(),
    status: z.enum(['planned', 'paused', 'no-data', 'error']),
    summary: z.string(),
    current: fleetConfig.nullable(),
    planned: fleetConfig.nullable(),
    predictedP99Ms: z.number().nullable(),
    predictedCostPerHourUsd: z.number().nullable(),
    actions: z.array(decisionAction).readonly(),
    costs: decisionCosts.optional(),
  })
  .describe('One cycle’s decision for the target.');

/** One target over the history. */
export const targetHistorySchema = z.object({
  key: z.string(),
  label: z.string(),
  sloP99Ms: z.number(),
  latencySource: z.enum(['sdk', 'aws-lambda-duration']).nullable(),
  minutes: z.array(historyMinute).readonly(),
  windows: z.object({
    minutes: z.number().describe('Length of an SLO window, minutes.'),
    scored: z.number().describe('Windows with traffic.'),
    met: z.number().describe('Windows whose p99 (the worst minute’s, an upper bound) met the SLO.'),
    missedStartMs: z.array(z.number()).readonly(),
  }),
  slo: sloReportSchema
    .optional()
    .describe('The SLO of the last cycle report that gave one (written since SLO kinds).'),
  sloBudget: errorBudgetReportSchema
    .nullable()
    .optional()
    .describe(
      'The SLO’s error budget over its interval, as the last cycle report that counted it gave it.',
    ),
  errorBudget: z.object({
    objective: z.number().describe('Share of windows that must meet the SLO, 0..1.'),
    allowedMisses: z.number().describe('Misses the objective allows over the scored windows.'),
    misses: z.number(),
    spent: z.number().nullable().describe('misses / allowedMisses; null without scored windows.'),
  }),
  cost: z.object({
    totalUsd: z.number(),
    hours: z.number().describe('Hours of minutes the total covers.'),
    perDayUsd: z.number().nullable(),
    parts: costParts,
  }),
  toolCostUsd: z
    .number()
    .nullable()
    .describe('What the tuner itself cost over the period, when the cycle reports say.'),
  savings: z
    .object({
      hours: z.number().describe('Hours the priced cycles cover (each until the next).'),
      plannedHours: z.number().describe('Of them, the hours of planned cycles (with predictions).'),
      toolMonthlyUsd: usdPerMonth('The tool’s own bill over the period, at a month’s rate'),
      lambdaMonthlyUsd: usdPerMonth(
        'Expected bill of the planned configurations, time-weighted',
      ).nullable(),
      savedVsOnDemandMonthlyUsd: usdPerMonth(
        'Expected saving against on demand, time-weighted',
      ).nullable(),
      savedVsCurrentMonthlyUsd: usdPerMonth(
        'Expected saving of each plan against keeping the configuration it found, time-weighted',
      ).nullable(),
    })
    .nullable()
    .optional()
    .describe('The tool’s bill and the savings over the period; null: no cycle report said.'),
  decisions: z.array(decision).readonly(),
  lastDecision: z
    .object({
      atMs: z.number(),
      chosen: candidate.nullable(),
      alternatives: z.array(candidate).readonly(),
    })
    .nullable(),
});

/** A history report, version 1. */
export const historyReportSchema = z
  .object({
    kind: z.literal(ReportKind.HISTORY),
    version: z.literal(1),
    generatedAt: z.string(),
    fromMs: z.number().nullable().describe('First minute covered, epoch ms.'),
    toMs: z.number().nullable().describe('End of the last minute covered, epoch ms.'),
    cycles: z.number().describe('Cycle reports read.'),
    targets: z.array(targetHistorySchema).readonly(),
  })
  .meta({
    title: 'lambda-thermostat history report, version 1',
    description:
      'Many tuning cycles of many targets: per-minute metrics and estimated cost, every decision, ' +
      'the last decision’s alternatives, windows met and the error budget spent.',
  });

export type HistoryReport = z.output<typeof historyReportSchema>;
export type TargetHistory = z.output<typeof targetHistorySchema>;
export type HistoryMinute = TargetHistory['minutes'][number];
export type HistoryDecision = TargetHistory['decisions'][number];
export type CostParts = HistoryMinute['cost'];
export type HistoryCandidate = z.output<typeof candidate>;
