import type { BacktestResult } from '../backtest/index.ts';

/** One policy in the backtest JSON (the CLI's `--json` format; keep it stable). */
export interface BacktestPolicyJson {
  readonly policy: string;
  readonly invocations: number;
  readonly throttles: number;
  readonly windowsWithTraffic: number;
  readonly windowsMeetingSlo: number;
  readonly attainment: number | null;
  readonly p99Ms: number | null;
  readonly coldStarts: number;
  readonly coldStartRate: number | null;
  readonly costUsd: number;
  readonly costPerMillionUsd: number | null;
  readonly costVsOracle: number | null;
  readonly costVsRobustFloor: number | null;
  readonly cost: {
    readonly requests: number;
    readonly duration: number;
    readonly init: number;
    readonly provisioned: number;
    readonly provisionedDuration: number;
  };
}

/** The backtest JSON document. */
export interface BacktestJson {
  readonly function: string;
  readonly invocations: number;
  readonly sloP99Ms: number;
  readonly windowMinutes: number;
  readonly warmUpWindows: number;
  readonly policies: readonly BacktestPolicyJson[];
}

/**
 * The backtest's JSON document, exactly these keys: top level `function`, `invocations` (requests
 * in the trace), `sloP99Ms`, `windowMinutes`, `warmUpWindows` (windows left out of every policy's attainment),
 * `policies`; per policy `invocations` (served),
 * `throttles`, windows, `attainment`, `p99Ms` (null when more than 1% was throttled: an infinite
 * p99 has no JSON number), cold starts, costs (USD), `costVsOracle` and `costVsRobustFloor` (null without that floor).
 *
 * @example
 * ```ts
 * writeFileSync('backtest.json', `${JSON.stringify(backtestJson(result), null, 2)}\n`);
 * ```
 */
export function backtestJson(result: BacktestResult): BacktestJson {
  return {
    function: result.function,
    invocations: result.invocations,
    sloP99Ms: result.sloP99Ms,
    windowMinutes: result.windowMinutes,
    warmUpWindows: result.warmUpWindows,
    policies: result.policies.map((outcome) => ({
      policy: outcome.policy,
      invocations: outcome.invocations,
      throttles: outcome.throttles,
      windowsWithTraffic: outcome.windowsWithTraffic,
      windowsMeetingSlo: outcome.windowsMeetingSlo,
      attainment: outcome.attainment,
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
