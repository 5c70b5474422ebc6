/**
 * The thermostat in a backtest is the shipped tuning cycle (tuner/cycle/tuningCycle.ts) run
 * against a simulated account holding the backtested function (tuner/local/simulatedAccount):
 * every scheduled cycle reads the same history windows CloudWatch would hold (with its
 * completeness delay), the Lambda state the simulated API reports (provisioned concurrency
 * IN_PROGRESS until allocated, the alias on its version), plans with the account's headroom,
 * acts, remembers, and writes the same report documents the deployed handler writes.
 */
import type { Architecture } from '@lambda-thermostat/sdk/cost';
import type { TargetConfig } from '../../core/config/thermostatConfig.ts';
import { validateConfig } from '../../core/config/validateConfig.ts';
import type { PlannerOptions } from '../../core/plan/plannerOptions.ts';
import { type ReportSink, targetKey } from '../../core/ports.ts';
import type { CycleReport } from '../../cycle/cycleReport.ts';
import { runSimulatedTuning } from '../../local/simulatedAccount/runSimulatedTuning.ts';
import { SimulatedAccount } from '../../local/simulatedAccount/simulatedAccount.ts';
import type { SimulationInput, SimulationResult } from '../../sim/index.ts';

/** What the thermostat is told in a backtest: the SLO, and optionally the config's other parts. */
export interface ThermostatRunOptions {
  readonly sloP99Ms: number;
  /** The function's name in the simulated account (a Lambda function name). */
  readonly functionName?: string;
  /** The `targets[0]` fields of the SLO config (bounds, tune, budget...), as a user would write them. */
  readonly target?: Record<string, unknown>;
  /** The `guardrails` section of the SLO config. */
  readonly guardrails?: Record<string, unknown>;
  readonly planner?: Partial<PlannerOptions>;
  readonly architecture?: Architecture;
  /** CloudWatch's completeness delay, seconds (default: the simulated source's). */
  readonly completenessDelaySec?: number;
  /** Where every cycle's report also goes (e.g. a `FileReportSink` for `--cycle-reports`). */
  readonly reportSink?: ReportSink;
  /**
   * Called after every cycle with its report, the share of the window done (progress, tests) and
   * the GetMetricData metrics requested so far for the function (benches).
   */
  readonly onCycle?: (
    report: CycleReport,
    nowMs: number,
    fraction: number,
    metricsRequested: number,
  ) => void | Promise<void>;
}

/**
 * The thermostat's simulation: given the input the backtest would simulate, runs the shipped
 * cycle every 5 minutes on it and returns the function's simulation result.
 *
 * @example
 * ```ts
 * const simulate = thermostatRun({ sloP99Ms: 200 });
 * const result = await simulate({ trace, serviceModel, config });
 * result.cost.total;
 * ```
 */
export function thermostatRun(
  options: ThermostatRunOptions,
): (input: SimulationInput) => Promise<SimulationResult> {
  const functionName = options.functionName ?? 'simulated-function';
  const config = validateConfig({
    mode: 'apply',
    targets: [
      {
        function: functionName,
        alias: 'live',
        slo: { p99Ms: options.sloP99Ms },
        ...options.target,
      },
    ],
    ...(options.guardrails !== undefined ? { guardrails: options.guardrails } : {}),
  });
  const target = config.targets[0] as TargetConfig;
  return async (input) => {
    const { policy: _none, accountConcurrencyLimit, ...simulation } = input;
    const account = new SimulatedAccount({
      functions: [
        {
          functionName: target.functionName,
          alias: target.qualifier,
          simulation,
          ...(options.architecture === undefined ? {} : { architecture: options.architecture }),
        },
      ],
      ...(accountConcurrencyLimit === undefined
        ? {}
        : { concurrencyLimit: accountConcurrencyLimit }),
    });
    const { simulations } = await runSimulatedTuning({
      account,
      config,
      ...(options.planner === undefined ? {} : { plannerOptions: options.planner }),
      ...(options.completenessDelaySec === undefined
        ? {}
        : { completenessDelaySec: options.completenessDelaySec }),
      ...(options.reportSink === undefined ? {} : { reportSink: options.reportSink }),
      onCycle: (result, nowMs, requested) =>
        options.onCycle?.(
          result.report,
          nowMs,
          (nowMs - account.startMs) / Math.max(1, account.endMs - account.startMs),
          requested.get(targetKey(target.ref)) ?? 0,
        ),
    });
    return simulations.get(target.functionName) as SimulationResult;
  };
}
