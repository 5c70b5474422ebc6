/**
 * Cycle reports of a simulated day, for the report tests, the committed fixtures and the README
 * screenshot: the thermostat runs as a backtest policy on a function of the bundled Azure trace
 * (tuner/backtest/thermostat/thermostatPolicy.ts), and each of its 5-minute plans is written up
 * the way the cycle writes a report — the plan, its actions applied, the last 15 minutes of
 * metrics, the simulated function state.
 */
import { readFile } from 'node:fs/promises';
import { createBacktestContext } from '../../../../tuner/backtest/index.ts';
import { thermostatPolicy } from '../../../../tuner/backtest/thermostat/thermostatPolicy.ts';
import type { TargetPlan } from '../../../../tuner/core/plan/targetPlan.ts';
import type { Action, ActionResult } from '../../../../tuner/core/plan.ts';
import type { CycleReportV1 } from '../../../../tuner/report/schema/cycleReportSchema.ts';
import { REPORT_VERSION, ReportKind } from '../../../../tuner/report/schema/reportKind.ts';
import { type Profile, readTrace, simulateFleet } from '../../../../tuner/sim/index.ts';

const MINUTE_MS = 60_000;
const REPORTED_MINUTES = 15;

/** When the simulated day starts. */
export const SIMULATED_DAY_START_MS = Date.parse('2026-11-26T00:00:00Z');

/** The day the fixtures and the README screenshot show: a function of 14 requests a minute. */
export const SIMULATED_DAY = { functionId: 'fc53564e7d', sloP99Ms: 200 } as const;

/** What to simulate. */
export interface SimulatedDayOptions {
  readonly functionId: string;
  readonly sloP99Ms: number;
  /** Keep only the first this many minutes of the trace; default the whole day. */
  readonly minutes?: number;
}

/**
 * Every cycle report of the thermostat's simulated day on one function.
 *
 * @example
 * ```ts
 * const reports = await simulatedCycleReports({ functionId: 'fc53564e7d', sloP99Ms: 200 });
 * ```
 */
export async function simulatedCycleReports(
  options: SimulatedDayOptions,
): Promise<CycleReportV1[]> {
  const loaded = await readTrace('examples/traces/azure2019/100_inv.csv', {
    functionId: options.functionId,
  });
  if (loaded.trace.kind !== 'perMinute')
    throw new TypeError('the Azure 2019 trace counts per minute');
  // The sample's day starts at epoch 0; it is replayed as a recent day so the report reads naturally.
  const trace = {
    ...loaded.trace,
    startMs: SIMULATED_DAY_START_MS,
    counts: Array.from(loaded.trace.counts).slice(0, options.minutes),
  };
  const profile = JSON.parse(
    await readFile('examples/ocr-detector/profile.json', 'utf8'),
  ) as Profile;
  const context = createBacktestContext({
    trace,
    functionId: loaded.function.id,
    profile,
    sloP99Ms: options.sloP99Ms,
  });
  const plans: { plan: TargetPlan; nowMs: number }[] = [];
  const result = simulateFleet({
    ...context.baseInput(),
    config: { memoryMb: context.memoryMb, provisionedConcurrency: 0, reservedConcurrency: null },
    policy: thermostatPolicy({
      sloP99Ms: options.sloP99Ms,
      target: { tune: ['provisionedConcurrency', 'memory'] },
      planner: { windowMinutes: context.windowMinutes, seed: context.seed },
      onPlan: (plan, nowMs) => plans.push({ plan, nowMs }),
    }),
    controlIntervalSec: 300,
  });
  const name = `ocr-${loaded.function.id.slice(0, 10)}`;
  return plans.map(({ plan, nowMs }) => {
    const recentMinutes = result.metrics.filter(
      (m) => m.startMs < nowMs && m.startMs >= nowMs - REPORTED_MINUTES * MINUTE_MS,
    );
    const capacity = [...result.capacityTimeline].reverse().find((c) => c.atMs <= nowMs);
    const requested = plan.current?.provisionedConcurrency ?? 0;
    const ready = capacity?.provisionedReady ?? 0;
    const target = { functionName: name, qualifier: 'live' };
    const withTarget = (a: Action): Action => ({ ...a, target });
    const results: ActionResult[] = plan.actions.map((a) => ({
      action: withTarget(a),
      status: 'applied',
      detail: `${a.kind} ${a.from} → ${a.to}`,
    }));
    return {
      kind: ReportKind.CYCLE,
      version: REPORT_VERSION[ReportKind.CYCLE],
      generatedAt: new Date(nowMs).toISOString(),
      generatedAtMs: nowMs,
      mode: 'apply',
      dryRun: false,
      status: 'completed',
      windows: {
        recent: window(nowMs - 3 * 60 * MINUTE_MS, nowMs),
        yesterday: window(nowMs - 25 * 60 * MINUTE_MS, nowMs - 23 * 60 * MINUTE_MS),
      },
      account: { concurrencyLimit: 1000, unreservedConcurrency: 900 },
      memory: { location: 'simulated', source: 'stored', saved: true, notes: [] },
      targets: [
        {
          key: `${name}:live`,
          label: `${name}:live`,
          sloP99Ms: options.sloP99Ms,
          plan: { ...plan, target, key: `${name}:live`, actions: plan.actions.map(withTarget) },
          results,
          observed: null,
          observation: { latencySource: 'sdk', notes: [], recentMinutes },
          state: {
            functionName: name,
            qualifier: 'live',
            arn: `arn:aws:lambda:us-east-1:123456789012:function:${name}:live`,
            aliasVersion: '1',
            memoryMb: capacity?.memoryMb ?? context.memoryMb,
            architecture: 'x86_64',
            codeSha256: 'simulated',
            latestCodeSha256: 'simulated',
            latestMemoryMb: capacity?.memoryMb ?? context.memoryMb,
            provisioned:
              requested > 0
                ? {
                    requested,
                    allocated: ready,
                    available: ready,
                    status: ready >= requested ? 'READY' : 'IN_PROGRESS',
                  }
                : null,
            reservedConcurrency: null,
            tags: {},
          },
          apiErrors: 0,
        },
      ],
      totals: {
        targets: 1,
        actionsPlanned: plan.actions.length,
        actionsApplied: plan.actions.length,
        actionsFailed: 0,
        apiErrors: 0,
      },
      notes: [],
    };
  });
}

function window(startMs: number, endMs: number) {
  return {
    start: new Date(startMs).toISOString(),
    end: new Date(endMs).toISOString(),
    periodSec: 60,
  };
}
