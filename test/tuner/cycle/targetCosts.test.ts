/**
 * Every target of a cycle report carries its costs: the tool's own bill from the one cost model
 * (tuner/core/cost/toolCost.ts) at the traffic of the last hour, and the savings from the
 * planner's expected costs of the planned, the current and the on-demand configuration.
 */
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../../tuner/core/config/validateConfig.ts';
import {
  DEFAULT_TUNER_CYCLE_USAGE,
  defaultTelemetryUsage,
} from '../../../tuner/core/cost/defaultToolUsage.ts';
import { HOURS_PER_MONTH, toolCost } from '../../../tuner/core/cost/toolCost.ts';
import { withTargetCosts } from '../../../tuner/cycle/targetCosts.ts';
import { runTuningCycle } from '../../../tuner/cycle/tuningCycle.ts';
import {
  FakeActuator,
  FakeMetricsSource,
  FakeStateReader,
  liveState,
  StringMemoryStore,
} from './support/fakePorts.ts';

const NOW = Date.parse('2026-11-27T12:00:00Z');

async function cycle(options: { targets: number; schedule?: string }) {
  const stateReader = new FakeStateReader();
  const names = Array.from({ length: options.targets }, (_, i) => `ocr${i}`);
  for (const name of names) stateReader.set(liveState(name, 4));
  const metricsSource = new FakeMetricsSource(() => ({
    invocations: 120,
    e2eP99Ms: 180,
    e2eP50Ms: 90,
    durationP50Ms: 85,
    durationP99Ms: 170,
    concurrencyMax: 3,
    coldStarts: 0,
    initP50Ms: null,
    invokeLatencyAvgMs: 95,
    cpuTimeAvgMs: 90,
  }));
  return runTuningCycle({
    config: validateConfig({
      mode: 'recommend',
      ...(options.schedule === undefined ? {} : { schedule: options.schedule }),
      targets: names.map((name) => ({ function: name, alias: 'live', slo: { p99Ms: 300 } })),
    }),
    metricsSource,
    stateReader,
    actuator: new FakeActuator(),
    memoryStore: new StringMemoryStore(),
    clock: { now: () => NOW },
    plannerOptions: { replications: 4 },
  });
}

describe('the costs in a cycle report', () => {
  it('prices the tool with the one cost model, at the last hour’s traffic, shared by the targets', async () => {
    // Prepare / Act
    const { report } = await cycle({ targets: 2, schedule: 'rate(10 minutes)' });

    // Assess
    const costs = report.targets[0]?.costs;
    expect(costs?.invocationsPerDay).toBe(120 * 60 * 24);
    expect(costs?.cycleMinutes).toBe(10);
    const expected = toolCost({
      region: 'us-east-1',
      invocationsPerDay: 120 * 60 * 24,
      targets: 2,
      cycleMinutes: 10,
      telemetry: defaultTelemetryUsage(120 * 60 * 24),
      tuner: DEFAULT_TUNER_CYCLE_USAGE,
    }).perFunction;
    expect(costs?.toolMonthlyUsd).toBeCloseTo(expected.total, 10);
    expect(costs?.toolPartsMonthlyUsd.observation).toBeCloseTo(expected.observation, 10);
    // By hand: 8⅔ metrics a cycle at $0.01 per 1,000, 4,380 cycles a month at 10 minutes.
    expect(costs?.toolPartsMonthlyUsd.observation).toBeCloseTo((8 + 8 / 12) * 4380 * 0.00001, 10);
    expect(costs?.toolPartsMonthlyUsd.telemetryMetrics).toBeCloseTo(3 * 0.3, 10);
  });

  it('sets the planned configuration against on demand and against the current one', async () => {
    // Prepare / Act
    const { report } = await cycle({ targets: 1 });

    // Assess
    const target = report.targets[0];
    const predicted = target?.plan.predictedCostPerHourUsd;
    if (target?.costs === undefined || predicted === undefined)
      throw new Error('a planned target has its costs');
    expect(target.plan.status).toBe('planned');
    expect(target.costs.lambdaMonthlyUsd).toBeCloseTo(predicted.planned * HOURS_PER_MONTH, 10);
    expect(target.costs.savedVsOnDemandMonthlyUsd).toBeCloseTo(
      (predicted.onDemand - predicted.planned) * HOURS_PER_MONTH,
      10,
    );
    expect(target.costs.savedVsCurrentMonthlyUsd).toBeCloseTo(
      (predicted.current - predicted.planned) * HOURS_PER_MONTH,
      10,
    );
    // The current configuration (4 PC) is what the on-demand one is not: they differ in price.
    expect(predicted.current).not.toBeCloseTo(predicted.onDemand, 6);
    // Planned = chosen here (no guardrail held it back), so its cost is the prediction's.
    if (JSON.stringify(target.plan.planned) === JSON.stringify(target.plan.desired))
      expect(predicted.planned).toBeCloseTo(target.plan.prediction?.costPerHourUsd ?? -1, 10);
  });

  it('says them in the cycle’s Markdown summary, a line per target', async () => {
    // Prepare / Act
    const { report, markdown } = await cycle({ targets: 1 });

    // Assess
    const costs = report.targets[0]?.costs;
    expect(markdown).toContain(
      `- ocr0:live: Lambda $${costs?.lambdaMonthlyUsd?.toFixed(2)}/month · tool $${costs?.toolMonthlyUsd.toFixed(2)}/month · saved `,
    );
    expect(markdown).toMatch(
      /against on demand · saved −?\$\d+\.\d\d\/month against the current configuration \(expected/,
    );
  });

  it('leaves the SDK’s telemetry out where its metrics were not seen, and says so', async () => {
    // Prepare: a target whose latency came from AWS/Lambda Duration (no SDK metrics)
    const { report } = await cycle({ targets: 1 });
    const target = report.targets[0];
    if (target?.observed === null || target?.observed === undefined)
      throw new Error('the target was observed');
    const withoutSdk = {
      ...target,
      observed: { ...target.observed, latencySource: 'aws-lambda-duration' as const },
    };

    // Act
    const [priced] = withTargetCosts([withoutSdk], { scheduleIntervalMinutes: 5 });

    // Assess
    const costs = priced?.costs;
    expect(costs?.toolPartsMonthlyUsd.telemetryMetrics).toBe(0);
    expect(costs?.toolPartsMonthlyUsd.telemetryLogs).toBe(0);
    expect(costs?.toolPartsMonthlyUsd.observation).toBeGreaterThan(0);
    expect(costs?.notes.join(' ')).toContain('no SDK metrics seen');
    expect(target.costs?.toolPartsMonthlyUsd.telemetryMetrics).toBeCloseTo(0.9, 10);
  });
});
