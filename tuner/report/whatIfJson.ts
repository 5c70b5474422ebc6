import type { WhatIfResult } from '../backtest/index.ts';
import { REPORT_VERSION, ReportKind } from './schema/reportKind.ts';
import type { WhatIfJson } from './schema/whatIfReportSchema.ts';

export type { WhatIfJson, WhatIfVariantJson } from './schema/whatIfReportSchema.ts';

/**
 * The what-if's JSON document (its kind and version first): the comparison's settings and, per profile, its measured figures,
 * the thermostat's backtest scores and costs (USD), and the monthly difference from the first.
 *
 * @example
 * ```ts
 * writeFileSync('whatif.json', `${JSON.stringify(whatIfJson(result), null, 2)}\n`);
 * ```
 */
export function whatIfJson(result: WhatIfResult): WhatIfJson {
  return {
    kind: ReportKind.WHAT_IF,
    version: REPORT_VERSION[ReportKind.WHAT_IF],
    function: result.function,
    requests: result.requests,
    sloP99Ms: result.sloP99Ms,
    windowMinutes: result.windowMinutes,
    seed: result.seed,
    policy: result.policy,
    traceMinutes: result.traceMinutes,
    variants: result.variants.map((v) => ({
      label: v.label,
      profileName: v.profileName,
      modelBytes: v.modelBytes,
      initMedianMs: v.initMedianMs,
      serviceMedianMs: v.serviceMedianMs,
      serviceP99Ms: v.serviceP99Ms,
      profileMemoryMb: v.profileMemoryMb,
      windowsWithTraffic: v.outcome.windowsWithTraffic,
      windowsMeetingSlo: v.outcome.windowsMeetingSlo,
      attainment: v.outcome.attainment,
      p99Ms: v.outcome.p99Ms !== null && Number.isFinite(v.outcome.p99Ms) ? v.outcome.p99Ms : null,
      coldStarts: v.outcome.coldStarts,
      costUsd: v.outcome.costUsd,
      costPerMillionUsd: v.outcome.costPerMillionUsd,
      monthlyCostUsd: v.monthlyCostUsd,
      monthlyDifferenceUsd: v.monthlyDifferenceUsd,
      windowsDifference: v.windowsDifference,
    })),
  };
}
