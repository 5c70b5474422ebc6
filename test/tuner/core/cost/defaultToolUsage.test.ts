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
});
