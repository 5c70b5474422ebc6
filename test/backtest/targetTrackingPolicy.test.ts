import { describe, expect, it } from 'vitest';
import {
  createBacktestContext,
  createTargetTrackingPolicy,
  targetTrackingMaxPolicy,
  targetTrackingPolicy,
  UtilizationStatistic,
} from '../../tuner/backtest/index.ts';
import {
  type FleetConfig,
  fixedServiceModel,
  type PolicyInput,
  simulateFleet,
} from '../../tuner/sim/index.ts';
import { emptyMinute, repeated, smallProfile } from './support/backtestFixtures.ts';

const MINUTE_MS = 60_000;

function config(provisionedConcurrency: number): FleetConfig {
  return { memoryMb: 1024, provisionedConcurrency, reservedConcurrency: null };
}

/** What the policy sees after minutes with these Average utilisations. */
function input(
  utilisations: readonly (number | null)[],
  current: number,
  available = current,
): PolicyInput {
  return {
    nowMs: utilisations.length * MINUTE_MS,
    history: utilisations.map((avg, i) => emptyMinute(i, { pcUtilizationAvg: avg })),
    config: config(current),
    availableProvisionedConcurrency: available,
  };
}

describe('target-tracking: the alarms', () => {
  const policy = createTargetTrackingPolicy({ memoryMb: 1024 });

  it('does not scale out on the 2nd high datapoint', () => {
    // Prepare / Act
    const decided = policy.decide(input([0.2, 0.9, 0.9], 1));

    // Assess
    expect(decided.provisionedConcurrency).toBe(1);
  });

  it('scales out on the 3rd consecutive high datapoint to ceil(current × metric / target)', () => {
    // Prepare / Act
    const fromOne = policy.decide(input([0.9, 0.9, 0.9], 1));
    const fromFour = policy.decide(input([0.8, 0.95, 0.9], 4));

    // Assess: ceil(1 × 0.9 / 0.7) = 2; ceil(4 × 0.9 / 0.7) = ceil(5.14) = 6.
    expect(fromOne.provisionedConcurrency).toBe(2);
    expect(fromFour.provisionedConcurrency).toBe(6);
  });

  it('does not scale in after 14 low datapoints, and does after 15', () => {
    // Prepare: 0.1 is below 90% of the 0.7 target (0.63); 0.68 is not.
    const low = (n: number) => new Array<number>(n).fill(0.1);

    // Act
    const after14 = policy.decide(input([0.68, ...low(14)], 4));
    const after15 = policy.decide(input([0.68, ...low(15)], 4));

    // Assess: ceil(4 × 0.1 / 0.7) = 1.
    expect(after14.provisionedConcurrency).toBe(4);
    expect(after15.provisionedConcurrency).toBe(1);
  });

  it('does not scale in between 90% of the target and the target', () => {
    // Prepare / Act
    const decided = policy.decide(input(new Array<number>(20).fill(0.65), 4));

    // Assess
    expect(decided.provisionedConcurrency).toBe(4);
  });

  it('keeps within min and max capacity', () => {
    // Prepare
    const bounded = createTargetTrackingPolicy({ memoryMb: 1024, minCapacity: 2, maxCapacity: 10 });

    // Act
    const up = bounded.decide(input([1, 1, 1], 9));
    const down = bounded.decide(input(new Array<number>(15).fill(0), 5));

    // Assess
    expect(up.provisionedConcurrency).toBe(10);
    expect(down.provisionedConcurrency).toBe(2);
  });

  it('waits while an allocation is in progress, and a missing datapoint breaks the run', () => {
    // Prepare / Act
    const inProgress = policy.decide(input([0.9, 0.9, 0.9], 2, 1));
    const gap = policy.decide(input([0.9, null, 0.9], 1));

    // Assess
    expect(inProgress.provisionedConcurrency).toBe(2);
    expect(gap.provisionedConcurrency).toBe(1);
  });
});

describe('target-tracking: in the simulator', () => {
  it('requests more PC at exactly 3:00 when every minute runs PC 95% busy', () => {
    // Prepare: a request every 10 s taking 9.5 s keeps one PC environment 95% busy.
    const timestampsMs = Array.from({ length: 60 }, (_, i) => i * 10_000);

    // Act
    const result = simulateFleet({
      trace: { kind: 'timestamps', timestampsMs, startMs: 0, endMs: 10 * MINUTE_MS },
      serviceModel: fixedServiceModel({ initMs: 0, serviceMs: 9_500 }),
      config: config(1),
      policy: createTargetTrackingPolicy({ memoryMb: 1024 }),
      controlIntervalSec: 60,
    });

    // Assess: the first change is the scale-out at 180 s, to ceil(0.95 / 0.7) = 2.
    expect(result.metrics[0]?.pcUtilizationAvg).toBeCloseTo(0.95, 5);
    expect(result.configTimeline[1]).toEqual({ atMs: 180_000, config: config(2) });
  });

  it('scales in at exactly 15:00 when every minute is nearly idle', () => {
    // Prepare: one 1-second request a minute on PC 3.
    const timestampsMs = Array.from({ length: 20 }, (_, i) => i * MINUTE_MS);

    // Act
    const result = simulateFleet({
      trace: { kind: 'timestamps', timestampsMs, startMs: 0, endMs: 20 * MINUTE_MS },
      serviceModel: fixedServiceModel({ initMs: 0, serviceMs: 1_000 }),
      config: config(3),
      policy: createTargetTrackingPolicy({ memoryMb: 1024 }),
      controlIntervalSec: 60,
    });

    // Assess
    expect(result.configTimeline[1]).toEqual({ atMs: 15 * MINUTE_MS, config: config(1) });
  });

  it('is prepared with min capacity 1, a 60 s control interval and the Average caveat', async () => {
    // Prepare
    const context = createBacktestContext({
      trace: repeated(10, () => 5),
      functionId: 'f',
      profile: smallProfile(),
      sloP99Ms: 300,
    });

    // Act
    const run = await targetTrackingPolicy.prepare(context);

    // Assess
    expect(run.config.provisionedConcurrency).toBe(1);
    expect(run.controlIntervalSec).toBe(60);
    expect(run.notes?.join(' ')).toMatch(/Average, so short bursts are missed/);
  });
});

describe('target-tracking-max: the Maximum statistic', () => {
  /** Minutes that were, on average, nearly idle, with an instant of every environment busy. */
  const spiky = (minutes: number) =>
    Array.from({ length: minutes }, (_, i) =>
      emptyMinute(i, { pcUtilizationAvg: 0.1, pcUtilizationMax: 1 }),
    );

  it('scales out on bursts the Average hides', () => {
    // Prepare
    const history = spiky(3);
    const at = {
      nowMs: 3 * MINUTE_MS,
      history,
      config: config(2),
      availableProvisionedConcurrency: 2,
    };

    // Act
    const onMaximum = createTargetTrackingPolicy({
      memoryMb: 1024,
      statistic: UtilizationStatistic.MAXIMUM,
    }).decide(at);
    const onAverage = createTargetTrackingPolicy({ memoryMb: 1024 }).decide(at);

    // Assess: ceil(2 × 1 / 0.7) = 3 on the Maximum; the Average (0.1) sees nothing to do yet.
    expect(onMaximum.provisionedConcurrency).toBe(3);
    expect(onAverage.provisionedConcurrency).toBe(2);
  });

  it('does not scale in while the Maximum stays high, though the Average is low', () => {
    // Prepare
    const history = spiky(20);
    const at = {
      nowMs: 20 * MINUTE_MS,
      history,
      config: config(4),
      availableProvisionedConcurrency: 4,
    };

    // Act
    const onMaximum = createTargetTrackingPolicy({
      memoryMb: 1024,
      statistic: UtilizationStatistic.MAXIMUM,
    }).decide({ ...at, history: history.map((m) => ({ ...m, pcUtilizationMax: 0.66 })) });
    const onAverage = createTargetTrackingPolicy({ memoryMb: 1024 }).decide(at);

    // Assess: 0.66 is above 90% of the target: no scale-in; the Average (0.1) scales in to 1.
    expect(onMaximum.provisionedConcurrency).toBe(4);
    expect(onAverage.provisionedConcurrency).toBe(1);
  });

  it('is registered as its own policy with min capacity 1 and a 60 s interval', async () => {
    // Prepare
    const context = createBacktestContext({
      trace: repeated(10, () => 5),
      functionId: 'f',
      profile: smallProfile(),
      sloP99Ms: 300,
    });

    // Act
    const run = await targetTrackingMaxPolicy.prepare(context);

    // Assess
    expect(run.config.provisionedConcurrency).toBe(1);
    expect(run.controlIntervalSec).toBe(60);
    expect(run.policy?.name).toBe('target-tracking-max');
    expect(run.notes?.join(' ')).toMatch(/Maximum of utilisation/);
  });
});
