/**
 * Cycle reports of a simulated day, for the committed fixtures and the README screenshot: the
 * shipped cycle runs every 5 minutes against a simulated account holding a function of the
 * bundled Azure trace (tuner/backtest/thermostat/thermostatPolicy.ts), and every report it
 * writes is kept.
 */
import { readFile } from 'node:fs/promises';
import { createBacktestContext } from '../../../../tuner/backtest/index.ts';
import { thermostatRun } from '../../../../tuner/backtest/thermostat/thermostatPolicy.ts';
import type { CycleReportV1 } from '../../../../tuner/report/schema/cycleReportSchema.ts';
import { type Profile, readTrace, type SimulationResult } from '../../../../tuner/sim/index.ts';

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
  return (await simulatedDay(options)).reports;
}

/** A simulated day: every cycle report, and the function's simulation the cycles tuned. */
export interface SimulatedDay {
  readonly reports: CycleReportV1[];
  readonly simulation: SimulationResult;
  /** The backtest's window length and SLO, as the backtest would score the same run. */
  readonly windowMinutes: number;
}

/**
 * The thermostat's simulated day on one function, with its simulation (to score it as the
 * backtest does).
 *
 * @example
 * ```ts
 * const { reports, simulation } = await simulatedDay({ functionId: 'e80f0c2ac8', sloP99Ms: 200 });
 * ```
 */
export async function simulatedDay(options: SimulatedDayOptions): Promise<SimulatedDay> {
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
  const name = `ocr-${loaded.function.id.slice(0, 10)}`;
  const reports: CycleReportV1[] = [];
  const simulate = thermostatRun({
    sloP99Ms: options.sloP99Ms,
    functionName: name,
    target: { tune: ['provisionedConcurrency', 'memory'] },
    planner: { windowMinutes: context.windowMinutes, seed: context.seed },
    onCycle: (report) => {
      reports.push(report);
    },
  });
  const simulation = await simulate({
    ...context.baseInput(),
    config: { memoryMb: context.memoryMb, provisionedConcurrency: 0, reservedConcurrency: null },
  });
  return { reports, simulation, windowMinutes: context.windowMinutes };
}
