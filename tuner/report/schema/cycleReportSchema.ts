/**
 * The cycle report as written (`reports/<time>.json`, `latest.json`), version 1, as a zod schema:
 * the wire format readers validate against and `docs/schema/cycle.v1.json` is generated from. The
 * writer's types live with the cycle; `test/tuner/report/reportSchemas.test.ts` checks that every
 * report the writer can produce fits this schema, so a change to the writer that would change the
 * format fails there until the version is bumped.
 */
import { z } from 'zod';
import { ReportKind } from './reportKind.ts';
import { errorBudgetReportSchema, sloReportSchema } from './sloReportSchema.ts';

const errorSummary = z
  .object({ name: z.string(), message: z.string() })
  .describe('An error by name and message.');

const fleetConfig = z
  .object({
    memoryMb: z.number().describe('Memory size, MB.'),
    provisionedConcurrency: z.number().describe('Provisioned concurrency on the alias (0: none).'),
    reservedConcurrency: z.number().nullable().describe('Reserved concurrency; null: none.'),
  })
  .describe('The three settings the tuner turns.');

const targetRef = z.object({
  functionName: z.string(),
  qualifier: z.string().describe('Alias or version the callers invoke.'),
  region: z.string().optional(),
});

const action = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('setProvisionedConcurrency'),
    target: targetRef,
    from: z.number(),
    to: z.number(),
    reason: z.string(),
  }),
  z.object({
    kind: z.literal('setReservedConcurrency'),
    target: targetRef,
    from: z.number().nullable(),
    to: z.number().nullable(),
    reason: z.string(),
  }),
  z.object({
    kind: z.literal('setMemory'),
    target: targetRef,
    from: z.number(),
    to: z.number(),
    provisionedConcurrency: z.number(),
    reason: z.string(),
  }),
]);

const actionResult = z.object({
  action,
  status: z.enum(['applied', 'skipped', 'failed', 'unchanged']),
  detail: z.string().describe('What was done, or why not.'),
  error: errorSummary.optional(),
});

const candidatePrediction = z
  .object({
    config: fleetConfig,
    missProbability: z.number(),
    transitionMissProbability: z.number(),
    steadyMissProbability: z.number(),
    predictedP99Ms: z.number().nullable(),
    coldStartRate: z.number(),
    throttleRate: z.number(),
    costPerHourUsd: z.number(),
  })
  .describe('What the simulator predicts for one candidate configuration.');

const targetPlan = z.object({
  target: targetRef,
  key: z.string(),
  status: z.enum(['planned', 'paused', 'no-data', 'error']),
  current: fleetConfig.nullable(),
  desired: fleetConfig.nullable(),
  planned: fleetConfig.nullable(),
  actions: z.array(action).readonly(),
  prediction: candidatePrediction.nullable(),
  alternatives: z
    .array(candidatePrediction)
    .readonly()
    .describe('The Pareto alternatives the planner considered.'),
  predictedCostPerHourUsd: z
    .object({
      planned: z.number(),
      current: z.number().describe('The current configuration kept as it is.'),
      onDemand: z.number().describe('No provisioned concurrency, at the current memory.'),
    })
    .optional()
    .describe(
      'The simulator’s expected cost per hour, over the same forecast, of the planned configuration and of the two it is compared with (planned targets; written since the costs were added to v1).',
    ),
  meetsTarget: z.boolean(),
  sloP99Ms: z.number(),
  safetyMargin: z.number(),
  summary: z.string().describe('The decision and its reason, in one sentence.'),
  notes: z.array(z.string()).readonly(),
  flags: z.array(z.string()).readonly(),
  latencySource: z.enum(['sdk', 'aws-lambda-duration']).optional(),
  error: errorSummary.optional(),
});

/** One minute of a function's metrics, shaped like CloudWatch's (null: no datapoint). */
export const intervalMetricsSchema = z.object({
  startMs: z.number().describe('Start of the period, epoch ms.'),
  periodSec: z.number(),
  invocations: z.number(),
  throttles: z.number(),
  errors: z.number(),
  durationP50Ms: z.number().nullable(),
  durationP99Ms: z.number().nullable(),
  concurrencyMax: z.number().nullable(),
  pcUtilizationMax: z.number().nullable(),
  pcUtilizationAvg: z.number().nullable(),
  spillover: z.number(),
  e2eP50Ms: z.number().nullable(),
  e2eP99Ms: z.number().nullable(),
  coldStarts: z.number(),
  initP50Ms: z.number().nullable(),
  cpuTimeAvgMs: z.number().nullable(),
  invokeLatencyAvgMs: z.number().nullable(),
});

const latencySource = z.enum(['sdk', 'aws-lambda-duration']);

const observedSummary = z.object({
  windowMinutes: z.number(),
  requests: z.number(),
  p99Ms: z.number().nullable(),
  withinSloPercent: z.number().nullable(),
  coldStarts: z.number(),
  throttles: z.number(),
  errors: z.number(),
  requestsLastHour: z.number(),
  latencySource,
});

const provisionedState = z.object({
  requested: z.number(),
  allocated: z.number(),
  available: z.number(),
  status: z.enum(['IN_PROGRESS', 'READY', 'FAILED']),
  statusReason: z.string().optional(),
  placement: z.enum(['alias', 'version']).optional(),
});

const functionState = z.object({
  functionName: z.string(),
  qualifier: z.string(),
  region: z.string().optional(),
  arn: z.string(),
  aliasVersion: z.string().nullable(),
  memoryMb: z.number(),
  architecture: z.enum(['x86_64', 'arm64']),
  codeSha256: z.string(),
  latestCodeSha256: z.string(),
  latestMemoryMb: z.number(),
  unpublishedChanges: z.array(z.string()).readonly().optional(),
  aliasRouting: z.record(z.string(), z.number()).readonly().nullable().optional(),
  provisioned: provisionedState.nullable(),
  reservedConcurrency: z.number().nullable(),
  tags: z.record(z.string(), z.string()).readonly(),
  lastModified: z.string().optional(),
});

const usdPerMonth = (what: string) => z.number().describe(`${what}, USD a month.`);

/** Written since the costs were added to v1; older v1 reports have none. */
const targetCosts = z
  .object({
    invocationsPerDay: z
      .number()
      .describe('Requests of the last hour × 24: what the tool is priced at.'),
    cycleMinutes: z.number().describe('Minutes between cycles the tool is priced at.'),
    lambdaMonthlyUsd: usdPerMonth(
      'The planner’s expected bill of the planned configuration × 730 h',
    ).nullable(),
    toolMonthlyUsd: usdPerMonth(
      'The tool’s own bill for this target (tuner/core/cost/toolCost.ts)',
    ),
    toolPartsMonthlyUsd: z.object({
      telemetryMetrics: usdPerMonth('The SDK’s custom metrics'),
      telemetryLogs: usdPerMonth('Log ingestion of the SDK’s documents'),
      observation: usdPerMonth('GetMetricData'),
      tunerCompute: usdPerMonth('The tuner’s Lambda time, this target’s share'),
      tunerStorage: usdPerMonth('S3 requests, this target’s share'),
      tunerTelemetry: usdPerMonth('The tuner’s own metrics and logs, this target’s share'),
      alarms: usdPerMonth('CloudWatch alarms'),
    }),
    savedVsOnDemandMonthlyUsd: usdPerMonth(
      '(on demand at the current memory − planned) × 730 h, expected; negative: the SLO costs more',
    ).nullable(),
    savedVsCurrentMonthlyUsd: usdPerMonth(
      '(the current configuration kept − planned) × 730 h, expected',
    ).nullable(),
    notes: z.array(z.string()).readonly(),
  })
  .describe(
    'The target’s Lambda bill, the tool’s own bill and the savings, at the rate of the hour the cycle looked at.',
  );

const failed = z.object({ error: errorSummary });

/** A value that was read, or the error that stopped it. */
function readOutcome<T extends z.ZodType>(value: T) {
  return z.union([failed, value]);
}

const targetReport = z.object({
  key: z.string(),
  label: z.string().describe('`function:qualifier`, with the Region when the target names one.'),
  sloP99Ms: z.number(),
  plan: targetPlan,
  results: z.array(actionResult).readonly(),
  observed: observedSummary.nullable(),
  observation: readOutcome(
    z.object({
      latencySource,
      notes: z.array(z.string()).readonly(),
      recentMinutes: z.array(intervalMetricsSchema).readonly(),
    }),
  ).nullable(),
  state: readOutcome(functionState).nullable(),
  apiErrors: z.number(),
  costs: targetCosts.optional(),
  slo: sloReportSchema
    .optional()
    .describe('The target’s SLO (planned targets; written since SLO kinds were added to v1).'),
  errorBudget: errorBudgetReportSchema
    .nullable()
    .optional()
    .describe(
      'Its error budget over the SLO’s interval, counted by the tuner’s ledger; null when this cycle could not count it.',
    ),
});

const reportWindow = z.object({ start: z.string(), end: z.string(), periodSec: z.number() });

/** A cycle report, version 1. */
export const cycleReportSchema = z
  .object({
    kind: z.literal(ReportKind.CYCLE),
    version: z.literal(1),
    generatedAt: z.string(),
    generatedAtMs: z.number(),
    mode: z.enum(['recommend', 'apply']),
    dryRun: z.boolean(),
    status: z.enum([
      'completed',
      'observe-failed',
      'state-read-failed',
      'memory-unavailable',
      'deadline-passed',
    ]),
    error: errorSummary.optional(),
    windows: z.object({ recent: reportWindow, yesterday: reportWindow }),
    account: readOutcome(
      z.object({ concurrencyLimit: z.number(), unreservedConcurrency: z.number() }),
    ).nullable(),
    memory: z.object({
      location: z.string(),
      source: z.enum(['stored', 'fresh']),
      saved: z.boolean(),
      notes: z.array(z.string()).readonly(),
    }),
    targets: z.array(targetReport).readonly(),
    totals: z.object({
      targets: z.number(),
      actionsPlanned: z.number(),
      actionsApplied: z.number(),
      actionsFailed: z.number(),
      apiErrors: z.number(),
    }),
    notes: z.array(z.string()).readonly(),
  })
  .meta({
    title: 'lambda-thermostat cycle report, version 1',
    description:
      'One tuning cycle: the plan per target, what came of each action, and the observed minutes, ' +
      'function state, account and memory that decided it.',
  });

/** A cycle report as read. */
export type CycleReportV1 = z.output<typeof cycleReportSchema>;
/** One target of a cycle report as read. */
export type CycleTargetV1 = CycleReportV1['targets'][number];
/** One candidate the planner predicted. */
export type CandidatePredictionV1 = z.output<typeof candidatePrediction>;
/** One minute of metrics as read. */
export type IntervalMetricsV1 = z.output<typeof intervalMetricsSchema>;
