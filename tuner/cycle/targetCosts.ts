/**
 * Each target's money in a cycle report: the Lambda bill the planner expects, the tool's own bill
 * for the target (tuner/core/cost/toolCost.ts, the one model of it), and what the planned
 * configuration saves against on demand and against keeping the current one. How each figure is
 * estimated is set out in docs/architecture.md ("What a target costs, and what the tool saves").
 */
import type { ThermostatConfig } from '../core/config/thermostatConfig.ts';
import {
  DEFAULT_TUNER_CYCLE_USAGE,
  defaultTelemetryUsage,
  NO_TELEMETRY_USAGE,
} from '../core/cost/defaultToolUsage.ts';
import { HOURS_PER_MONTH, type ToolCostParts, toolCost } from '../core/cost/toolCost.ts';
import { REFERENCE_REGION } from '../core/cost/toolPricing.ts';
import type { TargetReport } from './cycleReport.ts';

/** Minutes between cycles assumed for a `cron(...)` schedule: the default `rate(5 minutes)`. */
const ASSUMED_CYCLE_MINUTES = 5;

/** One target's costs and savings, USD a month at the rate of the hour the cycle looked at. */
export interface TargetCosts {
  /** Requests of the last hour × 24: the traffic the tool's bill is priced at. */
  readonly invocationsPerDay: number;
  /** Minutes between cycles the tool's bill is priced at. */
  readonly cycleMinutes: number;
  /** The planner's expected cost of the planned configuration × 730 hours; null unplanned. */
  readonly lambdaMonthlyUsd: number | null;
  /** The tool's own bill for this target: its telemetry plus its share of the tuner's. */
  readonly toolMonthlyUsd: number;
  readonly toolPartsMonthlyUsd: ToolCostParts;
  /** (on demand at the current memory − planned) × 730 hours, expected; null unplanned. */
  readonly savedVsOnDemandMonthlyUsd: number | null;
  /** (the current configuration kept − planned) × 730 hours, expected; null unplanned. */
  readonly savedVsCurrentMonthlyUsd: number | null;
  /** What the figures assume beyond what the cycle saw. */
  readonly notes: readonly string[];
}

/**
 * The targets of a cycle report with their costs: the tool's bill at default settings for the
 * traffic of the last hour (the SDK's telemetry only where its metrics were seen), the tuner's
 * share over the cycle's targets at the configured schedule, and, for a planned target, the
 * planner's expected costs of the planned, the current and the on-demand configuration.
 *
 * @example
 * ```ts
 * const targets = withTargetCosts(reports, config);
 * targets[0]?.costs?.toolMonthlyUsd; // e.g. 5.4
 * ```
 */
export function withTargetCosts(
  targets: readonly TargetReport[],
  config: Pick<ThermostatConfig, 'scheduleIntervalMinutes' | 'region'>,
): TargetReport[] {
  return targets.map((target) => ({
    ...target,
    costs: targetCosts(target, targets.length, config),
  }));
}

function targetCosts(
  target: TargetReport,
  targetCount: number,
  config: Pick<ThermostatConfig, 'scheduleIntervalMinutes' | 'region'>,
): TargetCosts {
  const notes: string[] = [];
  const cycleMinutes = config.scheduleIntervalMinutes ?? ASSUMED_CYCLE_MINUTES;
  if (config.scheduleIntervalMinutes === null)
    notes.push(`a cron schedule: the tool's bill assumes a cycle every ${cycleMinutes} minutes`);
  const state = target.state !== null && !('error' in target.state) ? target.state : null;
  const region = target.plan.target.region ?? state?.region ?? config.region ?? REFERENCE_REGION;
  const invocationsPerDay = (target.observed?.requestsLastHour ?? 0) * 24;
  const sdkSeen = target.observed?.latencySource === 'sdk';
  if (!sdkSeen) notes.push("no SDK metrics seen: the tool's bill leaves the SDK's telemetry out");
  const tool = toolCost({
    region,
    invocationsPerDay,
    targets: Math.max(1, targetCount),
    cycleMinutes,
    telemetry: sdkSeen ? defaultTelemetryUsage(invocationsPerDay) : NO_TELEMETRY_USAGE,
    tuner: DEFAULT_TUNER_CYCLE_USAGE,
  });
  notes.push(...tool.notes);
  const { total, ...parts } = tool.perFunction;
  const predicted = target.plan.predictedCostPerHourUsd;
  const monthly = (usdPerHour: number) => usdPerHour * HOURS_PER_MONTH;
  return {
    invocationsPerDay,
    cycleMinutes,
    lambdaMonthlyUsd: predicted === undefined ? null : monthly(predicted.planned),
    toolMonthlyUsd: total,
    toolPartsMonthlyUsd: parts,
    savedVsOnDemandMonthlyUsd:
      predicted === undefined ? null : monthly(predicted.onDemand - predicted.planned),
    savedVsCurrentMonthlyUsd:
      predicted === undefined ? null : monthly(predicted.current - predicted.planned),
    notes,
  };
}
