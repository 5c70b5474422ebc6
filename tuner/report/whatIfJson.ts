import type { WhatIfResult } from '../backtest/index.ts';

/** One profile in the what-if JSON (the CLI's `--json` format). */
export interface WhatIfVariantJson {
  readonly label: string;
  readonly profileName: string;
  readonly modelBytes: number | null;
  readonly initMedianMs: number;
  readonly serviceMedianMs: number;
  readonly serviceP99Ms: number;
  readonly profileMemoryMb: number;
  readonly windowsWithTraffic: number;
  readonly windowsMeetingSlo: number;
  readonly attainment: number | null;
  /** Null when more than 1% was throttled (an infinite p99 has no JSON number). */
  readonly p99Ms: number | null;
  readonly coldStarts: number;
  readonly costUsd: number;
  readonly costPerMillionUsd: number | null;
  readonly monthlyCostUsd: number;
  readonly monthlyDifferenceUsd: number;
  readonly windowsDifference: number;
}

/** The what-if JSON document. */
export interface WhatIfJson {
  readonly function: string;
  readonly requests: number;
  readonly sloP99Ms: number;
  readonly windowMinutes: number;
  readonly seed: number;
  readonly policy: string;
  readonly traceMinutes: number;
  readonly variants: readonly WhatIfVariantJson[];
}

/**
 * The what-if's JSON document: the comparison's settings and, per profile, its measured figures,
 * the thermostat's backtest scores and costs (USD), and the monthly difference from the first.
 *
 * @example
 * ```ts
 * writeFileSync('whatif.json', `${JSON.stringify(whatIfJson(result), null, 2)}\n`);
 * ```
 */
export function whatIfJson(result: WhatIfResult): WhatIfJson {
  return {
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
