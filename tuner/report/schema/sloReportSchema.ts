/**
 * The SLO and its error budget as reports write them (cycle, history, backtest): the model of
 * tuner/core/slo/serviceLevelObjective.ts and the accounting of tuner/core/slo/errorBudget.ts,
 * as JSON (no Infinity; times in epoch ms).
 */
import { z } from 'zod';

const durationUnit = z.enum(['MINUTE', 'HOUR', 'DAY', 'MONTH']);

const goal = z.object({
  attainmentGoal: z.number().describe('Percent of good periods or requests.'),
  interval: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('rolling'), duration: z.number(), durationUnit }),
    z.object({
      kind: z.literal('calendar'),
      startTimeMs: z.number().describe('The first interval’s start, epoch ms.'),
      duration: z.number(),
      durationUnit,
    }),
  ]),
  warningThreshold: z.number().describe('Percent of the error budget left below which to warn.'),
});

/** An SLO as reports write it: the model itself. */
export const sloReportSchema = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('period'),
      p99Ms: z.number(),
      periodMinutes: z.number(),
      goal,
    }),
    z.object({ kind: z.literal('request'), latencyMs: z.number(), goal }),
  ])
  .describe('The SLO, as Application Signals defines a ServiceLevelObjective.');

/** An error budget at one moment, as reports write it. */
export const errorBudgetReportSchema = z
  .object({
    unit: z.enum(['periods', 'requests']),
    intervalStartMs: z.number(),
    intervalEndMs: z.number(),
    attainment: z.number().nullable().describe('Share of good units in the interval so far.'),
    total: z.number().describe('Bad units the goal allows over the interval.'),
    spent: z.number().describe('Bad units so far.'),
    remaining: z.number().describe('total − spent; negative once overspent.'),
    remainingPercent: z.number().nullable(),
    burnRate: z
      .number()
      .nullable()
      .describe('The last hour’s bad share ÷ the allowed share (1: empties it at the end).'),
    warning: z.boolean().describe('What remains is below the warning threshold.'),
    exhausted: z.boolean(),
  })
  .describe('The error budget: tuner/core/slo/errorBudget.ts.');

export type SloReport = z.output<typeof sloReportSchema>;
export type ErrorBudgetReport = z.output<typeof errorBudgetReportSchema>;
