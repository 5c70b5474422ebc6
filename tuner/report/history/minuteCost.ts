import {
  type Architecture,
  billedGbSeconds,
  DEFAULT_PRICING,
  onDemandRate,
  priceRow,
} from '@lambda-thermostat/sdk/cost';
import type { IntervalMetricsV1 } from '../schema/cycleReportSchema.ts';
import type { CostParts } from '../schema/historyReportSchema.ts';

/** The configuration a minute ran under, as far as the cycles read it. */
export interface MinuteConfig {
  readonly memoryMb: number | null;
  readonly pcRequested: number | null;
  readonly pcReady: number | null;
  readonly region?: string | undefined;
  readonly architecture: Architecture;
}

/**
 * What a minute cost, by part, estimated from its metrics and configuration with the SDK's
 * pricing table (`sdk/cost/pricingTable.ts`): requests at the request price; invocations beyond
 * the spill-over on ready provisioned environments at the PC duration rate, the rest on demand;
 * user-facing cold starts at their median INIT; the allocation for the minute (unrounded: the
 * 5-minute blocks AWS bills are a property of the whole period, not of one minute). The duration
 * per invocation is the handler's mean (`InvokeLatency`), else AWS/Lambda's median.
 *
 * @example
 * ```ts
 * minuteCost(minute, { memoryMb: 1769, pcRequested: 2, pcReady: 2, architecture: 'x86_64' }).provisioned;
 * ```
 */
export function minuteCost(minute: IntervalMetricsV1, config: MinuteConfig): CostParts {
  const row = priceRow(DEFAULT_PRICING, config.region, config.architecture);
  const memoryMb = config.memoryMb ?? 0;
  const meanMs = minute.invokeLatencyAvgMs ?? minute.durationP50Ms ?? 0;
  const ready = config.pcReady ?? 0;
  const onProvisioned = ready > 0 ? Math.max(0, minute.invocations - minute.spillover) : 0;
  const onDemand = minute.invocations - onProvisioned;
  const rate = onDemandRate(row, 0);
  return {
    requests: minute.invocations * row.usdPerRequest,
    duration: billedGbSeconds(onDemand * meanMs, memoryMb) * rate,
    init: billedGbSeconds(minute.coldStarts * (minute.initP50Ms ?? 0), memoryMb) * rate,
    provisioned:
      (config.pcRequested ?? 0) *
      (memoryMb / 1024) *
      minute.periodSec *
      row.provisionedUsdPerGbSecond,
    provisionedDuration:
      billedGbSeconds(onProvisioned * meanMs, memoryMb) * row.provisionedDurationUsdPerGbSecond,
  };
}

/**
 * The sum of cost parts.
 *
 * @example
 * ```ts
 * costTotal({ requests: 1, duration: 2, init: 0, provisioned: 0, provisionedDuration: 0 }); // 3
 * ```
 */
export function costTotal(parts: CostParts): number {
  return (
    parts.requests + parts.duration + parts.init + parts.provisioned + parts.provisionedDuration
  );
}

/**
 * Adds cost parts up.
 *
 * @example
 * ```ts
 * sumCostParts(minutes.map((m) => m.cost)).init;
 * ```
 */
export function sumCostParts(parts: readonly CostParts[]): CostParts {
  const total = { requests: 0, duration: 0, init: 0, provisioned: 0, provisionedDuration: 0 };
  for (const p of parts) {
    total.requests += p.requests;
    total.duration += p.duration;
    total.init += p.init;
    total.provisioned += p.provisioned;
    total.provisionedDuration += p.provisionedDuration;
  }
  return total;
}
