/**
 * The tool's own bill: what the SDK's telemetry and the tuner's cycles cost a month, by part, for
 * a fleet of tuned functions sharing one tuner. Pure: every figure comes from the inputs and the
 * pricing tables (tuner/core/cost/toolPricing.ts, sdk/cost/pricingTable.ts).
 */
import {
  type Architecture,
  billedGbSeconds,
  DEFAULT_PRICING,
  onDemandRate,
  type PricingTable,
  priceRow,
} from '@lambda-thermostat/sdk/cost';
import {
  customMetricsMonthlyUsd,
  DEFAULT_TOOL_PRICING,
  type ToolPricingTable,
  toolPriceRow,
} from './toolPricing.ts';

/** A month as the planner counts it (tuner/core/plan/planTarget.ts): 730 hours. */
export const HOURS_PER_MONTH = 730;

/** What the SDK writes for each tuned function. */
export interface TelemetrySettingsCost {
  /** Custom metrics declared per function alias (the default set: `DEFAULT_METRICS`, 3). */
  readonly customMetricsPerFunction: number;
  /** EMF log bytes per invocation, as ingested (the line and its newline). */
  readonly logBytesPerInvocation: number;
}

/** What one tuner cycle does. */
export interface TunerCycleCost {
  /** GetMetricData metrics requested per target per cycle (queries × windows). */
  readonly metricsRequestedPerTargetPerCycle: number;
  /** Lambda time per cycle that does not grow with targets (account reads, report writes), ms. */
  readonly computeMsPerCycle: number;
  /** Lambda time per target per cycle (observation assembly, planning), ms. */
  readonly computeMsPerTargetPerCycle: number;
  readonly memoryMb: number;
  readonly architecture: Architecture;
  /** S3 PUTs and GETs per cycle (memory, reports). */
  readonly s3PutsPerCycle: number;
  readonly s3GetsPerCycle: number;
  /** The tuner's own custom metrics: per target, and per tuner. */
  readonly customMetricsPerTarget: number;
  readonly customMetricsPerTuner: number;
  /** The tuner's log bytes per cycle: fixed, and per target. */
  readonly logBytesPerCycle: number;
  readonly logBytesPerTargetPerCycle: number;
}

/** Everything the model needs. */
export interface ToolCostInput {
  readonly region: string;
  /** Invocations a day of each tuned function. */
  readonly invocationsPerDay: number;
  /** Tuned functions (aliases) sharing the tuner. */
  readonly targets: number;
  /** Minutes between cycles. */
  readonly cycleMinutes: number;
  readonly telemetry: TelemetrySettingsCost;
  /** The tuner's cycle; none for a setup without one (target tracking). */
  readonly tuner?: TunerCycleCost;
  /** CloudWatch alarms per target (Application Auto Scaling target tracking creates 2). */
  readonly alarmsPerTarget?: number;
  readonly pricing?: { readonly tool?: ToolPricingTable; readonly lambda?: PricingTable };
}

/** The parts of the bill. */
export const ToolCostPart = {
  /** The SDK's custom metrics. */
  TELEMETRY_METRICS: 'telemetryMetrics',
  /** Log ingestion of the SDK's EMF documents. */
  TELEMETRY_LOGS: 'telemetryLogs',
  /** GetMetricData: the tuner's observation. */
  OBSERVATION: 'observation',
  /** The tuner's Lambda time and requests. */
  TUNER_COMPUTE: 'tunerCompute',
  /** S3 requests for the tuner's memory and reports. */
  TUNER_STORAGE: 'tunerStorage',
  /** The tuner's own metrics and log lines. */
  TUNER_TELEMETRY: 'tunerTelemetry',
  /** CloudWatch alarms. */
  ALARMS: 'alarms',
} as const;
export type ToolCostPart = (typeof ToolCostPart)[keyof typeof ToolCostPart];

/** USD a month by part. */
export type ToolCostParts = Readonly<Record<ToolCostPart, number>>;

/** The monthly bill. */
export interface ToolCost {
  /** Per tuned function: the fleet's bill divided by the targets. */
  readonly perFunction: ToolCostParts & { readonly total: number };
  /** The whole fleet. */
  readonly fleet: ToolCostParts & { readonly total: number };
  /** Cycles a month. */
  readonly cyclesPerMonth: number;
  /** Where the figures rest on assumptions (a region priced at the reference rates...). */
  readonly notes: readonly string[];
}

/** Bad model input: names the field. */
export class ToolCostInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ToolCostInputError';
  }
}

/**
 * The monthly bill of the tool, by part, for the fleet and per tuned function.
 *
 * @example
 * ```ts
 * const cost = toolCost({
 *   region: 'us-east-1', invocationsPerDay: 100_000, targets: 1, cycleMinutes: 5,
 *   telemetry: { customMetricsPerFunction: 3, logBytesPerInvocation: 400 },
 * });
 * cost.perFunction.telemetryMetrics; // 0.9
 * ```
 */
export function toolCost(input: ToolCostInput): ToolCost {
  checkInput(input);
  const notes: string[] = [];
  const { row, assumed } = toolPriceRow(input.region, input.pricing?.tool ?? DEFAULT_TOOL_PRICING);
  if (assumed)
    notes.push(`no CloudWatch/S3 prices for ${input.region} in the table: us-east-1 rates used`);
  const { targets } = input;
  const invocationsPerMonth = input.invocationsPerDay * (HOURS_PER_MONTH / 24);
  const cyclesPerMonth =
    input.tuner === undefined ? 0 : (HOURS_PER_MONTH * 60) / input.cycleMinutes;

  const metricCount =
    targets * input.telemetry.customMetricsPerFunction +
    (input.tuner === undefined
      ? 0
      : targets * input.tuner.customMetricsPerTarget + input.tuner.customMetricsPerTuner);
  // The account-wide tiers apply to all the tool's metrics together; split them pro rata.
  const metricsUsd = customMetricsMonthlyUsd(metricCount, row);
  const perMetricUsd = metricCount === 0 ? 0 : metricsUsd / metricCount;
  const logUsd = (bytes: number) => (bytes / 1e9) * row.logIngestionUsdPerGb;

  const telemetryMetrics = perMetricUsd * targets * input.telemetry.customMetricsPerFunction;
  const telemetryLogs = logUsd(
    targets * invocationsPerMonth * input.telemetry.logBytesPerInvocation,
  );
  let observation = 0;
  let tunerCompute = 0;
  let tunerStorage = 0;
  let tunerTelemetry = 0;
  const tuner = input.tuner;
  if (tuner !== undefined) {
    observation =
      cyclesPerMonth *
      targets *
      tuner.metricsRequestedPerTargetPerCycle *
      row.getMetricDataUsdPerMetric;
    const lambdaTable = input.pricing?.lambda ?? DEFAULT_PRICING;
    const lambdaRow = priceRow(lambdaTable, input.region, tuner.architecture);
    const cycleMs = tuner.computeMsPerCycle + targets * tuner.computeMsPerTargetPerCycle;
    tunerCompute =
      cyclesPerMonth *
      (billedGbSeconds(cycleMs, tuner.memoryMb) * onDemandRate(lambdaRow, 0) +
        lambdaRow.usdPerRequest);
    if (lambdaTable[input.region] === undefined)
      notes.push(`no Lambda prices for ${input.region} in the table: the default row used`);
    tunerStorage =
      cyclesPerMonth * (tuner.s3PutsPerCycle * row.s3PutUsd + tuner.s3GetsPerCycle * row.s3GetUsd);
    tunerTelemetry =
      perMetricUsd * (targets * tuner.customMetricsPerTarget + tuner.customMetricsPerTuner) +
      logUsd(cyclesPerMonth * (tuner.logBytesPerCycle + targets * tuner.logBytesPerTargetPerCycle));
  }
  const alarms = targets * (input.alarmsPerTarget ?? 0) * row.alarmUsdPerMonth;

  const fleet: ToolCostParts = {
    telemetryMetrics,
    telemetryLogs,
    observation,
    tunerCompute,
    tunerStorage,
    tunerTelemetry,
    alarms,
  };
  const perFunction = Object.fromEntries(
    Object.entries(fleet).map(([part, usd]) => [part, usd / targets]),
  ) as unknown as ToolCostParts;
  return {
    fleet: { ...fleet, total: sum(fleet) },
    perFunction: { ...perFunction, total: sum(perFunction) },
    cyclesPerMonth,
    notes,
  };
}

function sum(parts: ToolCostParts): number {
  let total = 0;
  for (const usd of Object.values(parts)) total += usd;
  return total;
}

function checkInput(input: ToolCostInput): void {
  const checks: Array<[string, number | undefined, boolean]> = [
    ['invocationsPerDay', input.invocationsPerDay, false],
    ['targets', input.targets, true],
    ['cycleMinutes', input.cycleMinutes, true],
    ['telemetry.customMetricsPerFunction', input.telemetry.customMetricsPerFunction, false],
    ['telemetry.logBytesPerInvocation', input.telemetry.logBytesPerInvocation, false],
    ['alarmsPerTarget', input.alarmsPerTarget, false],
  ];
  const tuner = input.tuner;
  if (tuner !== undefined) {
    for (const key of [
      'metricsRequestedPerTargetPerCycle',
      'computeMsPerCycle',
      'computeMsPerTargetPerCycle',
      's3PutsPerCycle',
      's3GetsPerCycle',
      'customMetricsPerTarget',
      'customMetricsPerTuner',
      'logBytesPerCycle',
      'logBytesPerTargetPerCycle',
    ] as const)
      checks.push([`tuner.${key}`, tuner[key], false]);
    checks.push(['tuner.memoryMb', tuner.memoryMb, true]);
  }
  for (const [field, value, positive] of checks) {
    if (value === undefined) continue;
    if (!Number.isFinite(value) || value < 0 || (positive && value === 0))
      throw new ToolCostInputError(
        `${field}: must be a finite number ${positive ? '> 0' : '>= 0'}, got ${value}`,
      );
  }
}
