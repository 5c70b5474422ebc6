import { describe, expect, it } from 'vitest';
import { chooseConfiguration } from '../../../tuner/core/decide/chooseConfiguration.ts';
import {
  expectedHoldingWindows,
  MAX_HOLDING_WINDOWS,
  nextReleaseHolding,
} from '../../../tuner/core/decide/releaseHolding.ts';
import { DEFAULT_PLANNER_OPTIONS } from '../../../tuner/core/plan/plannerOptions.ts';
import { planTarget } from '../../../tuner/core/plan/planTarget.ts';
import { recordApplied } from '../../../tuner/core/plan/recordApplied.ts';
import type { TargetMemory } from '../../../tuner/core/plan/tunerMemory.ts';
import type { CandidatePrediction } from '../../../tuner/core/predict/candidatePrediction.ts';
import type { FleetConfig } from '../../../tuner/sim/fleetConfig.ts';
import type { IntervalMetrics } from '../../../tuner/sim/intervalMetrics.ts';
import { configWith, functionState, guardrailsOf, steadyMinutes, targetOf } from './fixtures.ts';

/**
 * The lock-in the README's results describe on `93c121e7aa`: three provisioned environments
 * hold all traffic, so no on-demand environment is alive; dropping to 0 sends the first overlap to
 * a cold fleet (47% of first windows miss) and costs nothing afterwards; one or two environments
 * leave the overflow cold every time (2.5% of windows). Three environments cost 0.006 USD a window
 * more than none; a missed window is priced at 0.23 USD.
 */
function lockedIn(config: FleetConfig): CandidatePrediction {
  const pc = config.provisionedConcurrency;
  const transition = pc === 0 ? 0.47 : pc < 3 ? 0.025 : 0;
  const steady = pc === 0 || pc >= 3 ? 0 : 0.025;
  return {
    config,
    missProbability: (transition + steady) / 2,
    transitionMissProbability: transition,
    steadyMissProbability: steady,
    predictedP99Ms: 150,
    coldStartRate: 0,
    throttleRate: 0,
    // 0.006 USD per 5-minute window for three environments: 0.024 USD/h each.
    costPerHourUsd: 0.05 + 0.024 * pc,
  };
}

const space = {
  memories: [1769],
  provisioned: [0, 10] as [number, number],
  reservedConcurrency: null,
  missPriceUsd: 0.23,
  windowMinutes: 5,
  maxMissProbability: 0.01,
  stickiness: 0.05,
};
const holdingThree: FleetConfig = {
  memoryMb: 1769,
  provisionedConcurrency: 3,
  reservedConcurrency: null,
};

describe('a release is a transition', () => {
  it('releases provisioned concurrency that holds all traffic once the saving over the time the release holds beats its one-time misses', () => {
    // Act
    const choice = chooseConfiguration(space, holdingThree, lockedIn, lockedIn);

    // Assess: spread over 6 windows the cold first overlap cost 0.018 USD a window against a
    // saving of 0.006, and the three environments were kept forever
    expect(choice.chosen.config.provisionedConcurrency).toBe(0);
    expect(choice.heldRelease).toBeUndefined();
  });

  it('holds the release when the last hours show the bursts the capacity was bought for (hysteresis)', () => {
    // Prepare: over the last hours on-demand missed one window in twenty (bursts out of silence)
    const overHours = (config: FleetConfig): CandidatePrediction => {
      const p = lockedIn(config);
      return config.provisionedConcurrency < 3
        ? { ...p, steadyMissProbability: 0.05, missProbability: 0.05 }
        : p;
    };

    // Act
    const choice = chooseConfiguration(space, holdingThree, lockedIn, overHours);

    // Assess
    expect(choice.chosen.config).toEqual(holdingThree);
    expect(choice.heldRelease?.candidate.config.provisionedConcurrency).toBe(0);
    expect(choice.reason).toContain("not on the last hours' traffic");
  });

  it('buys insurance on the forecast minutes alone: only a move that saves money waits for the last hours', () => {
    // Prepare: on-demand now, and the forecast says overlaps are coming
    const onDemand: FleetConfig = { ...holdingThree, provisionedConcurrency: 0 };
    const risky = (config: FleetConfig): CandidatePrediction => {
      const pc = config.provisionedConcurrency;
      const miss = pc < 3 ? 0.2 / 2 ** pc : 0;
      return {
        ...lockedIn(config),
        missProbability: miss,
        steadyMissProbability: miss,
        transitionMissProbability: miss,
      };
    };
    let overHoursCalls = 0;

    // Act
    const choice = chooseConfiguration(space, onDemand, risky, (config) => {
      overHoursCalls++;
      return lockedIn(config);
    });

    // Assess
    expect(choice.chosen.config.provisionedConcurrency).toBe(3);
    expect(overHoursCalls).toBe(0);
  });
});

describe('planning a target whose provisioned concurrency holds all traffic', () => {
  const NOW = Date.parse('2026-11-27T17:00:00Z');

  function planWith(metrics: IntervalMetrics[], priceUsd: number) {
    const config = configWith();
    const memory: TargetMemory = {
      safetyMargin: 0.15,
      lastChange: { provisionedConcurrency: { atMs: NOW - 90 * 60_000, direction: 'up' } },
      missPrice: { priceUsd, plannedMissRate: 0.005 },
    };
    return planTarget({
      target: targetOf(config),
      guardrails: guardrailsOf(config),
      metrics,
      state: functionState({
        provisioned: { requested: 3, allocated: 3, available: 3, status: 'READY' },
      }),
      memory,
      nowMs: NOW,
      accountConcurrencyLimit: 1000,
      options: { ...DEFAULT_PLANNER_OPTIONS, replications: 20 },
      key: 'k',
    }).plan;
  }

  it('steps provisioned concurrency down on steady traffic that on-demand serves, although the first overlap after the release starts cold', () => {
    // Prepare: three hours of 33 requests a minute, every one on a provisioned environment
    const metrics = steadyMinutes(180, NOW, 33, { coldStarts: 0, initP50Ms: null });

    // Act
    const plan = planWith(metrics, 0.23);

    // Assess: the release is priced once over the time it holds, not as six windows' worth
    expect(plan.planned?.provisionedConcurrency).toBeLessThan(3);
    expect(plan.actions.map((a) => a.kind)).toEqual(['setProvisionedConcurrency']);
  });
});

describe('a release holds as long as this target’s releases have held', () => {
  it('expects 24 windows without a record, and the exposure per reversal with one', () => {
    expect(expectedHoldingWindows(undefined)).toBe(MAX_HOLDING_WINDOWS);
    expect(expectedHoldingWindows({ releasedWindows: 12, reversals: 5 })).toBe(6);
    expect(expectedHoldingWindows({ releasedWindows: 24, reversals: 0 })).toBe(MAX_HOLDING_WINDOWS);
  });

  it('counts the windows spent released and the purchases that end a release', () => {
    // Prepare: released for three decisions, then bought back
    let state = nextReleaseHolding(undefined, true);
    state = nextReleaseHolding(state, true);
    state = nextReleaseHolding(state, true);
    const before = { memoryMb: 1769, provisionedConcurrency: 0, reservedConcurrency: null };
    const memory: TargetMemory = {
      safetyMargin: 0.1,
      lastChange: { provisionedConcurrency: { atMs: 0, direction: 'down' } },
      releaseHolding: state,
    };
    const buy = {
      kind: 'setProvisionedConcurrency' as const,
      target: { functionName: 'ocr-detector', qualifier: 'live' },
      from: 0,
      to: 2,
      reason: 'test',
    };
    const config = configWith();

    // Act
    const after = recordApplied(memory, [buy], before, [], 15 * 60_000, guardrailsOf(config));
    const again = recordApplied(after, [buy], before, [], 20 * 60_000, guardrailsOf(config));

    // Assess: one reversal; a second purchase in a row ends no release
    expect(after.releaseHolding?.reversals).toBe(1);
    expect(after.releaseHolding?.releasedWindows).toBeCloseTo(1 + 23 / 24 + (23 / 24) ** 2, 10);
    expect(again.releaseHolding?.reversals).toBe(1);
  });

  it('keeps provisioned concurrency whose releases were bought back within minutes', () => {
    // Act: the lock-in's figures, on a target whose releases held 6 windows
    const churning = chooseConfiguration(
      { ...space, holdingWindows: 6 },
      holdingThree,
      lockedIn,
      lockedIn,
    );
    const holding = chooseConfiguration(
      { ...space, holdingWindows: 24 },
      holdingThree,
      lockedIn,
      lockedIn,
    );

    // Assess
    expect(churning.chosen.config).toEqual(holdingThree);
    expect(holding.chosen.config.provisionedConcurrency).toBe(0);
  });
});
