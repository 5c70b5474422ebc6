import { describe, expect, it } from 'vitest';
import {
  calibratedPrediction,
  missCalibrationFactor,
  nextMissCalibration,
} from '../../../tuner/core/decide/missCalibration.ts';
import { DEFAULT_PLANNER_OPTIONS } from '../../../tuner/core/plan/plannerOptions.ts';
import { planTarget } from '../../../tuner/core/plan/planTarget.ts';
import type { TargetMemory } from '../../../tuner/core/plan/tunerMemory.ts';
import type { IntervalMetrics } from '../../../tuner/sim/intervalMetrics.ts';
import { configWith, functionState, guardrailsOf, steadyMinutes, targetOf } from './fixtures.ts';

const NOW = Date.parse('2026-11-27T12:00:00Z');
const MINUTE = 60_000;

/**
 * Sparse traffic (a window's p99 is its slowest request) whose cold starts take 800 ms, four
 * times the 200 ms target, with one cold start in each of the last `missed` windows.
 */
function coldMisses(endMs: number, missed: number, perMinute = 3): IntervalMetrics[] {
  return steadyMinutes(180, endMs, perMinute, { coldStarts: 0, initP50Ms: null }).map((m) => {
    const minutesAgo = (endMs - m.startMs) / MINUTE;
    return minutesAgo % 5 === 3 && minutesAgo <= missed * 5
      ? { ...m, coldStarts: 1, initP50Ms: 800 }
      : m;
  });
}

function cycle(memory: TargetMemory, nowMs: number, metrics: IntervalMetrics[]) {
  const config = configWith({ tune: ['provisionedConcurrency'] });
  return planTarget({
    target: targetOf(config),
    guardrails: guardrailsOf(config),
    metrics,
    state: functionState(),
    memory,
    nowMs,
    accountConcurrencyLimit: 1000,
    options: { ...DEFAULT_PLANNER_OPTIONS, replications: 8 },
    key: 'k',
  });
}

describe('observed misses feed the decision where the safety margin cannot act', () => {
  it('leaves the margin alone after windows missed on cold starts several times the target, and scales the predicted risk instead', () => {
    // Prepare: six cycles; each judges a window the plan predicted to meet and that missed on a
    // cold start of 800 + 110 ms (no threshold below 200 ms makes it slower)
    let memory: TargetMemory = { safetyMargin: 0.1, lastChange: {} };
    const factors: number[] = [];
    for (let i = 0; i < 6; i++) {
      const nowMs = NOW + i * 5 * MINUTE;
      memory = {
        ...memory,
        lastPrediction: {
          windowStartMs: nowMs - 5 * MINUTE,
          windowMinutes: 5,
          predictedP99Ms: 150,
          missProbability: 0.002,
          firstWindowMissProbability: 0.002,
          meetsTarget: true,
        },
      };
      // Act
      memory = cycle(memory, nowMs, coldMisses(nowMs, i + 1)).memory;
      factors.push(missCalibrationFactor(memory.missCalibration));
    }

    // Assess: the margin grew ×1.5 a miss (to 0.5) before, tightening the threshold on warm
    // requests, which these misses never were; now it stays and the risk scales with the misses
    expect(memory.safetyMargin).toBe(0.1);
    expect(factors[0]).toBeCloseTo(2 / 1.002, 3);
    for (let i = 1; i < factors.length; i++) {
      expect(factors[i] as number).toBeGreaterThan(factors[i - 1] as number);
    }
  });

  it('buys the insurance the observed misses call for where the simulator alone saw too little risk', () => {
    // Prepare: 15 requests a minute, a low price; with and without five misses observed where
    // the simulator predicted 0.05
    const metrics = coldMisses(NOW, 0, 15);
    const base: TargetMemory = {
      safetyMargin: 0.1,
      lastChange: {},
      missPrice: { priceUsd: 0.01, plannedMissRate: 0.005 },
    };

    // Act
    const trusting = cycle(base, NOW, metrics).plan;
    const calibrated = cycle(
      { ...base, missCalibration: { observedMisses: 5, predictedMisses: 0.05 } },
      NOW,
      metrics,
    ).plan;

    // Assess
    expect(calibrated.planned?.provisionedConcurrency ?? 0).toBeGreaterThan(
      trusting.planned?.provisionedConcurrency ?? 0,
    );
    expect(calibrated.notes.join(' ')).toContain('predicted miss risks scaled ×5.71');
  });
});

describe('the calibration', () => {
  it('is the posterior mean of observed over predicted misses, forgetting over about two hours', () => {
    // Prepare / Act
    let state = nextMissCalibration(undefined, true, 0.01);
    for (let i = 0; i < 24; i++) state = nextMissCalibration(state, false, 0.01);

    // Assess: one miss, 24 windows ago, weighs e^−1 of what it did
    expect(state.observedMisses).toBeCloseTo((1 - 1 / 24) ** 24, 10);
    expect(missCalibrationFactor(undefined)).toBe(1);
    expect(missCalibrationFactor({ observedMisses: 0, predictedMisses: 3 })).toBe(0.25);
  });

  it('scales every miss probability of a prediction, at most to 1', () => {
    const p = {
      config: { memoryMb: 1769, provisionedConcurrency: 0, reservedConcurrency: null },
      missProbability: 0.3,
      transitionMissProbability: 0.5,
      steadyMissProbability: 0.1,
      predictedP99Ms: 150,
      coldStartRate: 0,
      throttleRate: 0,
      costPerHourUsd: 0.1,
    };
    const scaled = calibratedPrediction(p, 3);
    expect(scaled.missProbability).toBeCloseTo(0.9, 12);
    expect(scaled.transitionMissProbability).toBe(1);
    expect(scaled.steadyMissProbability).toBeCloseTo(0.3, 12);
    expect(scaled.costPerHourUsd).toBe(p.costPerHourUsd);
  });
});
