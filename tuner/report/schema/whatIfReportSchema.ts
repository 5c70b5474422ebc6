/**
 * The what-if report, version 1 (`thermostat what-if --json`): profiles of one handler (a
 * quantised model against the original, say) each backtested under the thermostat on one trace,
 * and what shipping each would change a month against the first.
 */
import { z } from 'zod';
import { ReportKind } from './reportKind.ts';

const whatIfVariant = z.object({
  label: z.string(),
  profileName: z.string(),
  modelBytes: z.number().nullable(),
  initMedianMs: z.number(),
  serviceMedianMs: z.number(),
  serviceP99Ms: z.number(),
  profileMemoryMb: z.number(),
  windowsWithTraffic: z.number(),
  windowsMeetingSlo: z.number(),
  attainment: z.number().nullable(),
  p99Ms: z
    .number()
    .nullable()
    .describe('Null when more than 1% was throttled (an infinite p99 has no JSON number).'),
  coldStarts: z.number(),
  costUsd: z.number(),
  costPerMillionUsd: z.number().nullable(),
  monthlyCostUsd: z.number(),
  monthlyDifferenceUsd: z.number().describe('Against the first profile, USD a month.'),
  windowsDifference: z.number().describe('Windows met, against the first profile.'),
});

/** A what-if report, version 1. */
export const whatIfReportSchema = z
  .object({
    kind: z.literal(ReportKind.WHAT_IF),
    version: z.literal(1),
    function: z.string(),
    requests: z.number(),
    sloP99Ms: z.number(),
    windowMinutes: z.number(),
    seed: z.number(),
    policy: z.string(),
    traceMinutes: z.number(),
    variants: z.array(whatIfVariant).readonly(),
  })
  .meta({
    title: 'lambda-thermostat what-if report, version 1',
    description:
      'Profiles of one handler backtested under the same policy on one trace: windows met, p99, cold starts, cost, and the monthly difference from the first.',
  });

/** The what-if JSON document. */
export type WhatIfJson = z.output<typeof whatIfReportSchema>;
/** One profile in the what-if JSON. */
export type WhatIfVariantJson = WhatIfJson['variants'][number];
