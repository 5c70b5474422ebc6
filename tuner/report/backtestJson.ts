import type { BacktestResult } from '../backtest/index.ts';
import type { BacktestJson } from './schema/backtestReportSchema.ts';
import { REPORT_VERSION, ReportKind } from './schema/reportKind.ts';

export type { BacktestJson, BacktestPolicyJson } from './schema/backtestReportSchema.ts';

/**
 * The backtest's JSON document, exactly these keys: top level `kind` and `version` (see
 * `schema/backtestReportSchema.ts`), `function`, `invocations` (requests
 * in the trace), `sloP99Ms` (the latency threshold), `slo` (the SLO: kind, goal, interval), `windowMinutes`, `warmUpWindows` (windows left out of every policy's attainment), `traceMinutes`, `policies`; per policy `invocations` (served),
 * `throttles`, windows, `attainment`, requests scored and good, `errorBudget` (at the end of the trace), `p99Ms` (null when more than 1% was throttled: an infinite
 * p99 has no JSON number), cold starts, costs (USD), `costVsOracle` and `costVsRobustFloor` (null without that floor).
 *
 * @example
 * ```ts
 * writeFileSync('backtest.json', `${JSON.stringify(backtestJson(result), null, 2)}\n`);
 * ```
 */
export function backtestJson(result: BacktestResult): BacktestJson {
  return {
    kind: ReportKind.BACKTEST,
    version: REPORT_VERSION[ReportKind.BACKTEST],
    function: result.function,
    invocations: result.invocations,
    sloP99Ms: result.sloP99Ms,
    slo: result.objective,
    windowMinutes: result.windowMinutes,
    warmUpWindows: result.warmUpWindows,
    traceMinutes: result.traceMinutes,
    policies: result.policies.map((outcome) => ({
      policy: outcome.policy,
      invocations: outcome.invocations,
      throttles: outcome.throttles,
      windowsWithTraffic: outcome.windowsWithTraffic,
      windowsMeetingSlo: outcome.windowsMeetingSlo,
      attainment: outcome.attainment,
      requestsScored: outcome.requestsScored,
      goodRequests: outcome.goodRequests,
      goodRequestShare: outcome.goodRequestShare,
      errorBudget: outcome.errorBudget,
      p99Ms: finiteOrNull(outcome.p99Ms),
      coldStarts: outcome.coldStarts,
      coldStartRate: outcome.coldStartRate,
      costUsd: outcome.costUsd,
      costPerMillionUsd: outcome.costPerMillionUsd,
      costVsOracle: outcome.costVsOracle,
      costVsRobustFloor: outcome.costVsRobustFloor,
      cost: {
        requests: outcome.cost.requests,
        duration: outcome.cost.duration,
        init: outcome.cost.init,
        provisioned: outcome.cost.provisioned,
        provisionedDuration: outcome.cost.provisionedDuration,
      },
    })),
  };
}

function finiteOrNull(value: number | null): number | null {
  return value !== null && Number.isFinite(value) ? value : null;
}
