/**
 * The tuner's compute per target per cycle, measured on the shipped cycle
 * (tuner/cycle/tuningCycle.ts) running on a simulated account: the CPU time between one cycle's
 * end and the next (the 5 simulated minutes in between cost well under a millisecond at the
 * sample's traffic). CPU time, not wall time: what a Lambda core would spend, whatever else this
 * machine runs. Shared by test/bench/planning.bench.ts and test/bench/toolCost.bench.ts.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { thermostatRun } from '../../tuner/backtest/thermostat/thermostatPolicy.ts';
import { readTrace, serviceModelFromProfile } from '../../tuner/sim/index.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const TRACE = join(root, 'examples/traces/azure2019/100_inv.csv');
const profile = JSON.parse(readFileSync(join(root, 'examples/ocr-detector/profile.json'), 'utf8'));

/** What the cycles of one run cost: CPU time and GetMetricData metrics, per cycle. */
export interface CycleFigures {
  readonly cpuMs: number[];
  /** Metrics requested at the metrics-source port (what GetMetricData bills). */
  readonly metricsRequested: number[];
  /**
   * Hours of the run with traffic, and with at least one user-facing cold start: CloudWatch
   * bills a custom metric for the hours it has data, and the SDK writes `InitDuration` on those
   * cold starts only.
   */
  readonly hours: {
    readonly total: number;
    readonly withTraffic: number;
    readonly withColdStarts: number;
  };
}

/**
 * The CPU milliseconds and GetMetricData metrics of every cycle but the first (which has no
 * history to plan from and reads a new target's windows in full) over the first `hours` of one
 * function of the bundled Azure 2019 sample, OCR profile, p99 ≤ 200 ms.
 *
 * @example
 * ```ts
 * const { cpuMs, metricsRequested } = await cycleFigures('e80f0c2ac8', 6);
 * ```
 */
export async function cycleFigures(functionId: string, hours: number): Promise<CycleFigures> {
  const loaded = await readTrace(TRACE, { functionId });
  const cpuMs: number[] = [];
  const metricsRequested: number[] = [];
  let requestedBefore = 0;
  let since = process.cpuUsage();
  const simulate = thermostatRun({
    sloP99Ms: 200,
    onCycle: (_report, _nowMs, _fraction, requested) => {
      const used = process.cpuUsage(since);
      cpuMs.push((used.user + used.system) / 1000);
      metricsRequested.push(requested - requestedBefore);
      requestedBefore = requested;
      since = process.cpuUsage();
    },
  });
  const trace = loaded.trace;
  if (trace.kind !== 'perMinute') throw new Error('the Azure 2019 sample has per-minute counts');
  const result = await simulate({
    trace: { ...trace, counts: Array.from(trace.counts).slice(0, hours * 60) },
    serviceModel: serviceModelFromProfile(profile),
    config: { memoryMb: profile.memoryMb, provisionedConcurrency: 0, reservedConcurrency: null },
  });
  const byHour = new Map<number, { traffic: boolean; cold: boolean }>();
  for (const m of result.metrics) {
    const hour = Math.floor(m.startMs / 3_600_000);
    const seen = byHour.get(hour) ?? { traffic: false, cold: false };
    byHour.set(hour, {
      traffic: seen.traffic || m.invocations > 0,
      cold: seen.cold || m.coldStarts > 0,
    });
  }
  const flags = [...byHour.values()];
  return {
    cpuMs: cpuMs.slice(1),
    metricsRequested: metricsRequested.slice(1),
    hours: {
      total: flags.length,
      withTraffic: flags.filter((h) => h.traffic).length,
      withColdStarts: flags.filter((h) => h.cold).length,
    },
  };
}
