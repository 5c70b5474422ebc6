/**
 * The default usage the cycle report prices the tool at is what the code does: the metrics the
 * incremental observation requests, the tuner's own declared metrics, what the SDK writes per invocation.
 */
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_METRICS } from '../../../../sdk/emf/telemetryContract.ts';
import { tunerMetricBatches } from '../../../../tuner/aws/cycle/tunerMetrics.ts';
import {
  DEFAULT_LOG_BYTES_BY_RATE,
  DEFAULT_TUNER_CYCLE_USAGE,
  DEFAULT_TUNER_FUNCTION,
  defaultTelemetryUsage,
} from '../../../../tuner/core/cost/defaultToolUsage.ts';
import { toolCost } from '../../../../tuner/core/cost/toolCost.ts';
import { FAST_FIELDS, SLOW_FIELDS } from '../../../../tuner/core/observe/observedFields.ts';
import { OBSERVATION_CADENCE } from '../../../../tuner/cycle/observationCadence.ts';
import { SAMPLE_CYCLE_RESULT } from '../../../support/sampleCycleResult.ts';
import { sdkWritesAt } from '../../../support/sdkWrites.ts';

describe('the tool’s default usage', () => {
  it('requests the metrics the incremental observation asks for, at a 5-minute schedule', () => {
    // Prepare: a target with traffic, its kept history up to date
    const everyCycle = FAST_FIELDS.length;
    const hourly = SLOW_FIELDS.length;

    // Act
    const perCycle = everyCycle + (hourly * 5) / OBSERVATION_CADENCE.slowEveryMinutes;

    // Assess
    expect(DEFAULT_TUNER_CYCLE_USAGE.metricsRequestedPerTargetPerCycle).toBeCloseTo(perCycle, 12);
    expect(perCycle).toBeLessThan(9);
  });

  it('declares the tuner’s own metrics as its EMF documents do', () => {
    // Prepare
    const result = SAMPLE_CYCLE_RESULT;

    // Act
    const [perTarget, perTuner] = tunerMetricBatches(result, {
      tuner: 'thermostat',
      timestampMs: 0,
    });
    const declared = (batch: typeof perTarget) =>
      batch?.metrics.filter((m) => m.unlisted !== true).length;

    // Assess
    expect(declared(perTarget)).toBe(DEFAULT_TUNER_CYCLE_USAGE.customMetricsPerTarget);
    expect(declared(perTuner)).toBe(DEFAULT_TUNER_CYCLE_USAGE.customMetricsPerTuner);
  });

  it('writes, per invocation, what the SDK writes at its defaults at each rate (within 10%)', async () => {
    // Prepare
    vi.stubEnv('AWS_LAMBDA_INITIALIZATION_TYPE', 'on-demand');

    for (const { perDay, bytes } of DEFAULT_LOG_BYTES_BY_RATE) {
      // Act
      const written = await sdkWritesAt(
        {},
        { invocationsPerDay: perDay, invocations: 1_000, memoryMb: 1769, seed: 11 },
      );

      // Assess
      expect(written.metricsPerFunction).toBe(DEFAULT_METRICS.length);
      expect(defaultTelemetryUsage(perDay)).toEqual({
        customMetricsPerFunction: DEFAULT_METRICS.length,
        logBytesPerInvocation: bytes,
      });
      expect(Math.abs(written.bytesPerInvocation / bytes - 1)).toBeLessThan(0.1);
    }
  });

  it('interpolates the log bytes between the measured rates, and holds them outside', () => {
    // Prepare / Act
    const at = (perDay: number) => defaultTelemetryUsage(perDay).logBytesPerInvocation;

    // Assess: half-way in log terms between 10,000 and 100,000 a day
    expect(at(Math.sqrt(10_000 * 100_000))).toBeCloseTo((214 + 40.5) / 2, 10);
    expect(at(0)).toBe(432);
    expect(at(1e9)).toBe(38.6);
  });

  it('prices the tuner function the construct deploys by default', () => {
    // Prepare / Act
    const usage = DEFAULT_TUNER_CYCLE_USAGE;

    // Assess
    expect({ memoryMb: usage.memoryMb, architecture: usage.architecture }).toEqual(
      DEFAULT_TUNER_FUNCTION,
    );
    // 0.2 s of Lambda reads plus 185 ms of planning at 1,024 / 1,769 of a vCPU.
    expect(usage.computeMsPerTargetPerCycle).toBeCloseTo(200 + (185 * 1769) / 1024, 10);
  });

  it('prices the default deployment by hand: one medium function on its own tuner', () => {
    // Prepare: 100,000 invocations a day, one target, 5-minute cycles, us-east-1
    const input = {
      region: 'us-east-1',
      invocationsPerDay: 100_000,
      targets: 1,
      cycleMinutes: 5,
      telemetry: defaultTelemetryUsage(100_000),
      tuner: DEFAULT_TUNER_CYCLE_USAGE,
    };

    // Act
    const cost = toolCost(input).perFunction;

    // Assess, by hand (8,760 cycles a month):
    // 3 custom metrics × $0.30
    expect(cost.telemetryMetrics).toBeCloseTo(0.9, 10);
    // 100,000 × 730 / 24 invocations × 40.5 bytes = 0.1231875 GB × $0.50
    expect(cost.telemetryLogs).toBeCloseTo(0.06159375, 10);
    // (8 + 8 × 5 / 60) metrics × 8,760 × $0.00001
    expect(cost.observation).toBeCloseTo((8 + 40 / 60) * 8760 * 0.00001, 10);
    // 1,000 + 200 + 185 × 1,769 / 1,024 ms → 1,520 ms billed × 1 GB × $0.0000133334 (arm64), plus
    // $0.0000002 a request
    expect(cost.tunerCompute).toBeCloseTo(8760 * (1.52 * 0.0000133334 + 0.0000002), 10);
    // 5 PUTs × $0.000005 + 2 GETs × $0.0000004
    expect(cost.tunerStorage).toBeCloseTo(8760 * (5 * 0.000005 + 2 * 0.0000004), 10);
    // no custom metric in a healthy month; 1,100 bytes of logs a cycle × $0.50 per GB
    expect(cost.tunerTelemetry).toBeCloseTo((8760 * 1100 * 0.5) / 1e9, 10);
    expect(cost.total).toBeCloseTo(2.1309, 3);
  });
});
