import { describe, expect, it } from 'vitest';
import {
  type ToolCostInput,
  ToolCostInputError,
  toolCost,
} from '../../../../tuner/core/cost/toolCost.ts';
import { customMetricsMonthlyUsd, toolPriceRow } from '../../../../tuner/core/cost/toolPricing.ts';

/** One configuration, every figure below worked out by hand from the published us-east-1 rates. */
const ONE_TARGET: ToolCostInput = {
  region: 'us-east-1',
  invocationsPerDay: 100_000,
  targets: 1,
  cycleMinutes: 5,
  telemetry: { customMetricsPerFunction: 3, logBytesPerInvocation: 400 },
  tuner: {
    metricsRequestedPerTargetPerCycle: 32,
    computeMsPerCycle: 200,
    computeMsPerTargetPerCycle: 300,
    memoryMb: 512,
    architecture: 'x86_64',
    s3PutsPerCycle: 3,
    s3GetsPerCycle: 1,
    customMetricsPerTarget: 5,
    customMetricsPerTuner: 3,
    logBytesPerCycle: 1000,
    logBytesPerTargetPerCycle: 500,
  },
};

describe('toolCost', () => {
  it('matches the bill worked out by hand for one target', () => {
    // Act
    const cost = toolCost(ONE_TARGET);
    // Assess
    // 730 h × 60 / 5 = 8,760 cycles.
    expect(cost.cyclesPerMonth).toBe(8760);
    // 3 metrics × $0.30.
    expect(cost.perFunction.telemetryMetrics).toBeCloseTo(0.9, 10);
    // 100,000 × 730 / 24 = 3,041,666.7 invocations × 400 B = 1.2167 GB × $0.50.
    expect(cost.perFunction.telemetryLogs).toBeCloseTo(0.608333, 6);
    // 8,760 × 32 metrics × $0.01 / 1,000.
    expect(cost.perFunction.observation).toBeCloseTo(2.8032, 10);
    // 8,760 × (500 ms at 0.5 GB = 0.25 GB-s × $0.0000166667 + $0.0000002).
    expect(cost.perFunction.tunerCompute).toBeCloseTo(0.038252, 6);
    // 8,760 × (3 × $0.000005 + 1 × $0.0000004).
    expect(cost.perFunction.tunerStorage).toBeCloseTo(0.134904, 6);
    // (5 + 3) metrics × $0.30 + 8,760 × 1,500 B = 0.01314 GB × $0.50.
    expect(cost.perFunction.tunerTelemetry).toBeCloseTo(2.40657, 6);
    expect(cost.perFunction.alarms).toBe(0);
    expect(cost.perFunction.total).toBeCloseTo(6.891259, 5);
    expect(cost.notes).toEqual([]);
  });

  it('shares what is per cycle or per tuner among the targets', () => {
    // Act
    const one = toolCost(ONE_TARGET);
    const ten = toolCost({ ...ONE_TARGET, targets: 10 });
    // Assess: per-target parts stay, the shared ones fall
    expect(ten.perFunction.telemetryMetrics).toBeCloseTo(one.perFunction.telemetryMetrics, 10);
    expect(ten.perFunction.observation).toBeCloseTo(one.perFunction.observation, 10);
    // S3: the same requests per cycle for 10 targets.
    expect(ten.perFunction.tunerStorage).toBeCloseTo(one.perFunction.tunerStorage / 10, 10);
    // 200 + 10 × 300 ms = 3,200 ms at 0.5 GB per cycle, over 10 targets.
    expect(ten.fleet.tunerCompute).toBeCloseTo(8760 * (1.6 * 0.0000166667 + 0.0000002), 6);
    expect(ten.fleet.total).toBeCloseTo(ten.perFunction.total * 10, 8);
  });

  it('prices target tracking: no tuner, two alarms per target at $0.10', () => {
    // Act
    const cost = toolCost({
      region: 'us-east-1',
      invocationsPerDay: 100_000,
      targets: 4,
      cycleMinutes: 5,
      telemetry: { customMetricsPerFunction: 0, logBytesPerInvocation: 0 },
      alarmsPerTarget: 2,
    });
    // Assess
    expect(cost.perFunction.alarms).toBeCloseTo(0.2, 10);
    expect(cost.perFunction.total).toBeCloseTo(0.2, 10);
    expect(cost.fleet.total).toBeCloseTo(0.8, 10);
    expect(cost.cyclesPerMonth).toBe(0);
  });

  it('says so when a region has no rates of its own', () => {
    // Act
    const cost = toolCost({ ...ONE_TARGET, region: 'eu-west-1' });
    // Assess
    expect(cost.notes[0]).toMatch(/eu-west-1.*us-east-1 rates/);
    expect(toolPriceRow('us-west-2').assumed).toBe(false);
  });

  it('uses a pricing table of the caller’s', () => {
    // Prepare
    const row = toolPriceRow('us-east-1').row;
    // Act
    const cost = toolCost({
      ...ONE_TARGET,
      region: 'ap-northeast-1',
      pricing: { tool: { 'ap-northeast-1': { ...row, logIngestionUsdPerGb: 0.76 } } },
    });
    // Assess
    expect(cost.perFunction.telemetryLogs).toBeCloseTo((3_041_666.667 * 400 * 0.76) / 1e9, 6);
    expect(cost.notes.some((n) => /CloudWatch/.test(n))).toBe(false);
  });

  it('prices metrics where they fall in the account-wide tiers', () => {
    // Prepare
    const row = toolPriceRow('us-east-1').row;
    // Act & Assess: the 10,000th metric at $0.30, the next two at $0.10
    expect(customMetricsMonthlyUsd(3, row, 9_999)).toBeCloseTo(0.5, 10);
    expect(customMetricsMonthlyUsd(3, row)).toBeCloseTo(0.9, 10);
    expect(customMetricsMonthlyUsd(2, row, 300_000)).toBeCloseTo(0.1, 10);
  });

  it('refuses a bad input, naming the field', () => {
    expect(() => toolCost({ ...ONE_TARGET, targets: 0 })).toThrow(ToolCostInputError);
    expect(() => toolCost({ ...ONE_TARGET, invocationsPerDay: Number.NaN })).toThrow(
      /^invocationsPerDay:/,
    );
    expect(() =>
      toolCost({
        ...ONE_TARGET,
        tuner: { ...(ONE_TARGET.tuner as NonNullable<ToolCostInput['tuner']>), memoryMb: -1 },
      }),
    ).toThrow(/^tuner.memoryMb:/);
  });
});
