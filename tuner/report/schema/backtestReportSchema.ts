/**
 * The backtest report, version 1 (the CLI's `--json` and each backtest of the demo's
 * `report.json`): policies compared on one function's trace.
 */
import { z } from 'zod';
import { ReportKind } from './reportKind.ts';
import { errorBudgetReportSchema, sloReportSchema } from './sloReportSchema.ts';

const backtestPolicy = z.object({
  policy: z.string(),
  invocations: z.number().describe('Requests served.'),
  throttles: z.number(),
  windowsWithTraffic: z.number(),
  windowsMeetingSlo: z.number(),
  attainment: z.number().nullable(),
  requestsScored: z
    .number()
    .optional()
    .describe('Requests of the scored windows; absent in reports written before SLO kinds.'),
  goodRequests: z
    .number()
    .optional()
    .describe('Of them, served within the latency threshold (a request SLO’s good requests).'),
  goodRequestShare: z.number().nullable().optional(),
  errorBudget: errorBudgetReportSchema
    .nullable()
    .optional()
    .describe('The SLO’s error budget at the end of the trace.'),
  p99Ms: z.number().nullable().describe('Whole-trace p99; null when more than 1% was throttled.'),
  coldStarts: z.number(),
  coldStartRate: z.number().nullable(),
  costUsd: z.number(),
  costPerMillionUsd: z.number().nullable(),
  costVsOracle: z.number().nullable(),
  costVsRobustFloor: z
    .number()
    .nullable()
    .optional()
    .describe('Cost against the dice-robust floor; absent in reports written before it existed.'),
  cost: z.object({
    requests: z.number(),
    duration: z.number(),
    init: z.number(),
    provisioned: z.number(),
    provisionedDuration: z.number(),
  }),
});

/** A backtest report, version 1. */
export const backtestReportSchema = z
  .object({
    kind: z.literal(ReportKind.BACKTEST),
    version: z.literal(1),
    function: z.string(),
    invocations: z.number().describe('Requests in the trace.'),
    sloP99Ms: z
      .number()
      .describe('The latency threshold: a period SLO’s p99 target, a request SLO’s good latency.'),
    slo: sloReportSchema
      .optional()
      .describe('The SLO scored; absent in reports written before SLO kinds (a period p99 SLO).'),
    windowMinutes: z.number(),
    warmUpWindows: z
      .number()
      .optional()
      .describe('Windows at the start left out of every policy’s attainment; absent means 0.'),
    traceMinutes: z.number().describe('Length of the simulated trace, minutes.'),
    policies: z.array(backtestPolicy).readonly(),
  })
  .meta({
    title: 'lambda-thermostat backtest report, version 1',
    description: 'Policies compared on one function’s trace: windows met, p99, cold starts, cost.',
  });

/** The backtest JSON document. */
export type BacktestJson = z.output<typeof backtestReportSchema>;
/** One policy in the backtest JSON. */
export type BacktestPolicyJson = BacktestJson['policies'][number];
