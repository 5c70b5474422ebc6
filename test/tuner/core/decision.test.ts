import { describe, expect, it } from 'vitest';
import {
  chooseConfiguration,
  paretoFront,
} from '../../../tuner/core/decide/chooseConfiguration.ts';
import { nextSafetyMargin } from '../../../tuner/core/decide/safetyMargin.ts';
import type { CandidatePrediction } from '../../../tuner/core/predict/candidatePrediction.ts';
import type { FleetConfig } from '../../../tuner/sim/fleetConfig.ts';

/** A fake predictor: each unit of PC costs 0.03 USD/h and halves the miss probability from 8%. */
function fakePredict(config: FleetConfig): CandidatePrediction {
  const miss = 0.08 / 2 ** config.provisionedConcurrency;
  return {
    config,
    missProbability: miss,
    transitionMissProbability: miss,
    steadyMissProbability: miss,
    predictedP99Ms: 150,
    coldStartRate: miss / 10,
    throttleRate: 0,
    costPerHourUsd: 0.01 + 0.03 * config.provisionedConcurrency + (config.memoryMb - 1769) / 1e5,
  };
}

const space = {
  memories: [1769, 2048],
  provisioned: [0, 20] as [number, number],
  reservedConcurrency: null,
  missPriceUsd: 0.1,
  windowMinutes: 5,
  maxMissProbability: 0.01,
  stickiness: 0.05,
};
const onDemand: FleetConfig = {
  memoryMb: 1769,
  provisionedConcurrency: 0,
  reservedConcurrency: null,
};

describe('choosing a configuration', () => {
  it('buys provisioned concurrency while a unit saves more in priced misses than it costs', () => {
    // Each unit costs 0.0025 USD per window; at 0.1 USD a miss, halving 8% saves 0.004, 4% → 0.002.
    const choice = chooseConfiguration(space, onDemand, fakePredict);
    expect(choice.chosen.config).toEqual({
      memoryMb: 1769,
      provisionedConcurrency: 1,
      reservedConcurrency: null,
    });
    expect(choice.meetsTarget).toBe(false); // 4% > 1%: the best value, flagged
  });

  it('buys more when misses are priced higher, and meets the target', () => {
    const choice = chooseConfiguration({ ...space, missPriceUsd: 10 }, onDemand, fakePredict);
    expect(choice.chosen.config.provisionedConcurrency).toBeGreaterThanOrEqual(4);
    expect(choice.meetsTarget).toBe(true);
  });

  it('keeps the current configuration when an alternative is barely better', () => {
    const current: FleetConfig = {
      memoryMb: 1769,
      provisionedConcurrency: 2,
      reservedConcurrency: null,
    };
    const choice = chooseConfiguration({ ...space, stickiness: 0.5 }, current, fakePredict);
    expect(choice.chosen.config).toEqual(current);
  });

  it('lists only undominated alternatives, cheapest first', () => {
    const front = paretoFront(
      [0, 1, 2]
        .map((pc) => fakePredict({ ...onDemand, provisionedConcurrency: pc }))
        .concat(fakePredict({ ...onDemand, memoryMb: 2048 })),
    );
    expect(front.map((p) => p.config.provisionedConcurrency)).toEqual([0, 1, 2]);
  });
});

describe('learning from outcomes', () => {
  const margin = { initial: 0.1, min: 0.05, max: 0.5, growOnMiss: 1.5, shrinkOnHit: 0.98 };

  it('grows the safety margin fast after a miss and shrinks it slowly after hits, within bounds', () => {
    expect(nextSafetyMargin(0.1, true, margin)).toBeCloseTo(0.15, 10);
    expect(nextSafetyMargin(0.1, false, margin)).toBeCloseTo(0.098, 10);
    expect(nextSafetyMargin(0.4, true, margin)).toBe(0.5);
    expect(nextSafetyMargin(0.05, false, margin)).toBe(0.05);
  });
});
