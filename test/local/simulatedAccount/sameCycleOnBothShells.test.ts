import {
  CloudWatchClient,
  GetMetricDataCommand,
  type GetMetricDataCommandInput,
  type GetMetricDataCommandOutput,
  type MetricDataQuery,
} from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CloudWatchMetricsSource } from '../../../tuner/aws/cloudWatchMetricsSource.ts';
import { LambdaActuator } from '../../../tuner/aws/lambdaActuator.ts';
import { LambdaStateReader } from '../../../tuner/aws/lambdaStateReader.ts';
import { METRIC_FIELDS } from '../../../tuner/aws/metricQueries.ts';
import { validateConfig } from '../../../tuner/core/config/validateConfig.ts';
import type { TargetObservation } from '../../../tuner/core/ports.ts';
import { runTuningCycle } from '../../../tuner/cycle/tuningCycle.ts';
import { InMemoryTunerMemoryStore } from '../../../tuner/local/simulatedAccount/inMemoryTunerMemoryStore.ts';
import { SimulatedAccount } from '../../../tuner/local/simulatedAccount/simulatedAccount.ts';
import { SimulatedLambda } from '../../../tuner/local/simulatedAccount/simulatedLambda.ts';
import { SimulatedMetricsSource } from '../../../tuner/local/simulatedAccount/simulatedMetricsSource.ts';
import { serviceModelFromProfile } from '../../../tuner/sim/index.ts';
import type { IntervalMetrics } from '../../../tuner/sim/intervalMetrics.ts';
import { repeated, smallProfile } from '../../backtest/support/backtestFixtures.ts';
import { FakeClock, FakeLambda } from '../../tuner/aws/support/fakeLambda.ts';
import { StringMemoryStore } from '../../tuner/cycle/support/fakePorts.ts';

const MINUTE_MS = 60_000;
const AWS = { region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
const REF = { functionName: 'ocr', qualifier: 'live' };
const profile = smallProfile({
  memoryMb: 1769,
  initMs: [320, 330, 345],
  serviceMs: [100, 105, 110, 112, 118, 125, 135],
  cpuBoundFraction: 1,
  maxThreads: 1,
});
const target = {
  function: 'ocr',
  alias: 'live',
  slo: { p99Ms: 200 },
  tune: ['provisionedConcurrency', 'memory'],
};
const applyConfig = validateConfig({ mode: 'apply', targets: [target] });
const recommendConfig = validateConfig({ mode: 'recommend', targets: [target] });

const cloudWatch = mockClient(CloudWatchClient);
let lambda: FakeLambda;

beforeEach(() => {
  cloudWatch.reset();
  lambda = new FakeLambda();
});

afterEach(() => {
  cloudWatch.reset();
  lambda.restore();
});

/** The value CloudWatch would return for one field of one simulated minute (null: no datapoint). */
function fieldValue(row: IntervalMetrics, within: number | null, key: string): number | null {
  if (key === 'e2eWithinSlo') return within;
  const record = row as unknown as Record<string, number | null>;
  const name = key in record ? key : `${key}Ms`;
  if (!(name in record)) throw new Error(`no IntervalMetrics field for ${key}`);
  return record[name] ?? null;
}

/** Answers GetMetricData with exactly what the simulated metrics source observes. */
function cloudWatchFedFrom(source: SimulatedMetricsSource) {
  return async (input: GetMetricDataCommandInput): Promise<Partial<GetMetricDataCommandOutput>> => {
    const window = {
      startMs: (input.StartTime as Date).getTime(),
      endMs: (input.EndTime as Date).getTime(),
      periodSec: 60,
    };
    const observed = await source.observe([{ ref: REF, sloP99Ms: 200 }], window);
    const observation = observed.get(':ocr:live') as TargetObservation;
    return {
      MetricDataResults: (input.MetricDataQueries ?? []).map((query: MetricDataQuery) => {
        const stat = query.MetricStat;
        const field = METRIC_FIELDS.find(
          (f) =>
            f.metricName === stat?.Metric?.MetricName &&
            f.stat({ ref: REF, sloP99Ms: 200 }) === stat?.Stat,
        );
        if (field === undefined) throw new Error(`unexpected query ${JSON.stringify(stat)}`);
        const points = observation.metrics.flatMap((row, i) => {
          const within = observation.withinSloPercent?.[i] ?? null;
          const value = fieldValue(row, within, field.key);
          const noSamples = row.invocations + row.throttles === 0;
          return value === null || noSamples ? [] : [{ at: row.startMs, value }];
        });
        return {
          Id: query.Id,
          Timestamps: points.map((p) => new Date(p.at)),
          Values: points.map((p) => p.value),
          StatusCode: 'Complete',
        };
      }),
    };
  };
}

function simulatedAccount(): SimulatedAccount {
  return new SimulatedAccount({
    functions: [
      {
        functionName: 'ocr',
        alias: 'live',
        // The fake Lambda's functions are arm64; the simulated one matches it.
        architecture: 'arm64',
        simulation: {
          // Sparse traffic with bursts, where the cycle buys warm capacity (so state carries PC)
          trace: repeated(40, (m) => (m % 9 === 0 ? 40 : 8 + (m % 4))),
          serviceModel: serviceModelFromProfile(profile),
          config: { memoryMb: 1769, provisionedConcurrency: 0, reservedConcurrency: null },
          seed: 3,
        },
      },
    ],
  });
}

describe('one cycle, two shells', () => {
  it('plans the same on the simulated account and on AWS fed the same numbers', async () => {
    // Prepare: the simulated account is tuned for 15 minutes (apply mode), then both shells
    // plan minute 20 from the same metrics, state and memory.
    const account = simulatedAccount();
    const simulated = new SimulatedLambda(account);
    const metrics = new SimulatedMetricsSource(account);
    const memory = new InMemoryTunerMemoryStore();
    const clock = { now: () => account.nowMs, sleep: async () => {} };
    const ports = {
      metricsSource: metrics,
      stateReader: simulated,
      actuator: simulated,
      memoryStore: memory,
      clock,
    };
    const earlier = [];
    for (const minute of [5, 10, 15]) {
      account.advanceTo(minute * MINUTE_MS);
      earlier.push(await runTuningCycle({ config: applyConfig, ...ports }));
    }
    account.advanceTo(20 * MINUTE_MS);
    const state = (await simulated.readState([REF])).targets.get(':ocr:live');
    if (state instanceof Error || state === undefined) throw new Error('no simulated state');
    lambda.addFunction({
      name: 'ocr',
      memoryMb: state.memoryMb,
      codeSha256: state.codeSha256,
      alias: 'live',
      ...(state.provisioned === null
        ? {}
        : { pc: { on: 'version' as const, requested: state.provisioned.requested } }),
      reserved: state.reservedConcurrency,
    });
    lambda.account = { ConcurrentExecutions: 1000, UnreservedConcurrentExecutions: 1000 };
    cloudWatch.on(GetMetricDataCommand).callsFake(cloudWatchFedFrom(metrics));
    const awsMemory = new StringMemoryStore();
    awsMemory.text = await memory.load();

    // Act
    const onSimulation = await runTuningCycle({ config: recommendConfig, ...ports });
    const onAws = await runTuningCycle({
      config: recommendConfig,
      metricsSource: new CloudWatchMetricsSource({ aws: AWS }),
      stateReader: new LambdaStateReader({ aws: AWS }),
      actuator: new LambdaActuator({ aws: AWS, clock: new FakeClock() }),
      memoryStore: awsMemory,
      clock,
    });

    // Assess
    expect(
      earlier.flatMap((r) => r.report.targets.flatMap((t) => t.plan.actions)).length,
    ).toBeGreaterThan(0);
    const simulatedPlan = onSimulation.report.targets[0]?.plan;
    const awsPlan = onAws.report.targets[0]?.plan;
    expect(simulatedPlan?.status).toBe('planned');
    expect(awsPlan).toEqual(simulatedPlan);
    expect(onAws.memory).toEqual(onSimulation.memory);
  });
});
