/**
 * The demo's report, version 1 (`npm start` writes it as `reports/<run>/report.json` and embeds
 * it in `index.html`): the profile measured, the SLO and why, and per function the backtest of
 * every policy and the thermostat's history, compacted from the cycle reports its simulated
 * shell wrote (the same documents the deployed handler writes).
 */
import { z } from 'zod';
import { backtestReportSchema } from './backtestReportSchema.ts';
import { historyReportSchema } from './historyReportSchema.ts';
import { ReportKind } from './reportKind.ts';

const profile = z
  .object({
    name: z.string(),
    memoryMb: z.number(),
    initMs: z.array(z.number()).readonly(),
    serviceMs: z.array(z.number()).readonly(),
    cpuBoundFraction: z.number(),
    maxThreads: z.number(),
    modelBytes: z.number().optional(),
  })
  .describe('The handler as measured (tuner/sim/profile.ts).');

const demoBacktest = z.object({
  role: z.string().describe('Why the function is in the demo, in a word (busy, sparse).'),
  why: z.string(),
  notes: z.array(z.string()).readonly(),
  result: backtestReportSchema,
  cycleReports: z
    .string()
    .describe('Where the thermostat’s cycle reports are, relative to the run directory.'),
  history: historyReportSchema.describe('The thermostat’s history, from its cycle reports.'),
});

/** A demo report, version 1. */
export const demoReportSchema = z
  .object({
    kind: z.literal(ReportKind.DEMO),
    version: z.literal(1),
    runId: z.string(),
    createdAt: z.string(),
    trace: z.string().describe('The trace replayed, relative to the project.'),
    slo: z.object({ p99Ms: z.number(), reason: z.string() }),
    profile,
    backtests: z.array(demoBacktest).readonly(),
    timings: z.object({
      profileMs: z.number(),
      backtestMs: z.array(z.number()).readonly(),
    }),
  })
  .meta({
    title: 'lambda-thermostat demo report, version 1',
    description:
      'A demo run: the measured profile, the SLO, and per function every policy backtested and the thermostat’s history from its cycle reports.',
  });

/** The demo's `report.json`. */
export type DemoReportJson = z.output<typeof demoReportSchema>;
