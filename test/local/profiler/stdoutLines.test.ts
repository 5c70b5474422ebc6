import { describe, expect, it } from 'vitest';
import { parseEmfInvocation } from '../../../tuner/local/profiler/emfInvocation.ts';
import {
  formatRunnerReport,
  parseRunnerReport,
} from '../../../tuner/local/profiler/runnerReport.ts';

const aws = {
  Timestamp: 1,
  CloudWatchMetrics: [{ Namespace: 'LambdaThermostat', Dimensions: [[]], Metrics: [] }],
};

describe('parseEmfInvocation', () => {
  it('reads InvokeLatency, CpuTime and the first invocation’s InitDuration', () => {
    // Prepare
    const line = JSON.stringify({
      _aws: aws,
      InvokeLatency: 12.5,
      CpuTime: 11.9,
      InitDuration: 840,
      ColdStart: 1,
    });

    // Act
    const invocation = parseEmfInvocation(line);

    // Assess
    expect(invocation).toEqual({ invokeLatencyMs: 12.5, cpuTimeMs: 11.9, initDurationMs: 840 });
  });

  it('accepts single-value arrays and leaves InitDuration undefined when absent', () => {
    // Prepare
    const line = JSON.stringify({ _aws: aws, InvokeLatency: [20], CpuTime: [18] });

    // Act / Assess
    expect(parseEmfInvocation(line)).toEqual({
      invokeLatencyMs: 20,
      cpuTimeMs: 18,
      initDurationMs: undefined,
    });
  });

  it.each([
    ['a log line', 'START RequestId: 1'],
    ['JSON without _aws', JSON.stringify({ InvokeLatency: 1, CpuTime: 1 })],
    ['EMF without the invocation metrics', JSON.stringify({ _aws: aws, ModelLoadDuration: 100 })],
    ['broken JSON', '{"_aws": {'],
  ])('ignores %s', (_name, line) => {
    // Prepare / Act / Assess
    expect(parseEmfInvocation(line)).toBeUndefined();
  });
});

describe('runner report', () => {
  it('round-trips, and other lines are not reports', () => {
    // Prepare
    const line = formatRunnerReport({ readyMs: 412.5 }).trimEnd();

    // Act / Assess
    expect(parseRunnerReport(line)).toEqual({ readyMs: 412.5 });
    expect(parseRunnerReport(JSON.stringify({ _aws: aws }))).toBeUndefined();
  });
});
