import { describe, expect, it } from 'vitest';
import { provisionedAllocationCost } from '../../../sdk/index.ts';
import {
  initialMissPrice,
  MISS_PRICE_AVERAGE_DECISIONS,
  type MissPriceSaturation,
  nextMissPrice,
  PLANNED_MISS_BUDGET,
} from '../../../tuner/core/decide/missPrice.ts';
import { DEFAULT_PLANNER_OPTIONS } from '../../../tuner/core/plan/plannerOptions.ts';
import { planTarget } from '../../../tuner/core/plan/planTarget.ts';
import { configWith, functionState, guardrailsOf, steadyMinutes, targetOf } from './fixtures.ts';

/** Neither bound reached: a costlier, safer plan and a cheaper, riskier one were both on offer. */
const FREE: MissPriceSaturation = { cheapestChosen: false, safestChosen: false };
/** One provisioned environment at 1,769 MB for a 5-minute window, USD. */
const ONE_ENVIRONMENT = provisionedAllocationCost({ concurrency: 1, memoryMb: 1769, seconds: 300 });

describe('the miss price: anti-windup', () => {
  it('stops rising as soon as the plan is back within its budget, whatever was overspent before', () => {
    // Prepare: an hour of plans overspending the budget (5% of windows), the price rising.
    let state = initialMissPrice(ONE_ENVIRONMENT);
    for (let i = 0; i < 12; i++) state = nextMissPrice(state, 0.05, FREE);
    const afterOverspend = state.priceUsd;

    // Act: a day of plans within the budget (0.4% of windows).
    const prices: number[] = [];
    for (let i = 0; i < 288; i++) {
      state = nextMissPrice(state, 0.004, FREE);
      prices.push(state.priceUsd);
    }

    // Assess: it rose while overspending, and never rose again once the plan was within budget.
    expect(afterOverspend).toBeGreaterThan(initialMissPrice(ONE_ENVIRONMENT).priceUsd);
    expect(Math.max(...prices)).toBeLessThanOrEqual(afterOverspend);
  });

  it('does not rise when no safer plan is on offer (more money would buy nothing)', () => {
    // Prepare
    const start = initialMissPrice(ONE_ENVIRONMENT);

    // Act
    let state = start;
    for (let i = 0; i < 100; i++) {
      state = nextMissPrice(state, 0.05, { cheapestChosen: false, safestChosen: true });
    }

    // Assess
    expect(state.priceUsd).toBe(start.priceUsd);
  });

  it('does not fall while the cheapest plan is chosen (the price is not buying anything)', () => {
    // Prepare
    const start = initialMissPrice(ONE_ENVIRONMENT);

    // Act: a busy function that on-demand already serves: 0 predicted misses, the cheapest plan.
    let state = start;
    for (let i = 0; i < 288; i++) {
      state = nextMissPrice(state, 0, { cheapestChosen: true, safestChosen: true });
    }

    // Assess: when the risky hour comes, the price is where it started, not at its floor.
    expect(state.priceUsd).toBe(start.priceUsd);
  });

  it('averages over hours, not a day: an hour of overspend is forgotten within six hours', () => {
    // Prepare
    let state = initialMissPrice(ONE_ENVIRONMENT);
    for (let i = 0; i < 12; i++) state = nextMissPrice(state, 0.05, FREE);

    // Act: six hours within budget.
    for (let i = 0; i < 72; i++) state = nextMissPrice(state, 0.004, FREE);

    // Assess: a two-hour average (a day-long one would still be above the budget).
    expect(MISS_PRICE_AVERAGE_DECISIONS).toBe(24);
    expect(state.plannedMissRate).toBeLessThan(PLANNED_MISS_BUDGET);
  });

  it('starts at the cost of the cheapest insurance over the budget it protects', () => {
    // Prepare / Act
    const state = initialMissPrice(ONE_ENVIRONMENT);

    // Assess: one environment for a window is worth buying when it avoids half a percent of
    // windows' misses: the planned budget's worth.
    expect(state.priceUsd).toBeCloseTo(ONE_ENVIRONMENT / PLANNED_MISS_BUDGET, 12);
  });

  it('prices a new target from one provisioned environment at its memory, not from its bill', () => {
    // Prepare: a sparse function whose on-demand bill is tiny.
    const config = configWith();
    const nowMs = Date.parse('2026-11-27T12:00:00Z');

    // Act
    const { plan, memory } = planTarget({
      target: targetOf(config),
      guardrails: guardrailsOf(config),
      metrics: steadyMinutes(120, nowMs, 2),
      state: functionState(),
      memory: { safetyMargin: 0.1, lastChange: {} },
      nowMs,
      accountConcurrencyLimit: 1000,
      options: { ...DEFAULT_PLANNER_OPTIONS, replications: 8 },
      key: 'k',
    });

    // Assess
    const price = (ONE_ENVIRONMENT / PLANNED_MISS_BUDGET).toFixed(4);
    expect(plan.summary).toContain(`a missed window priced at ${price} USD`);
    expect(memory.missPrice?.priceUsd).toBeGreaterThan(0);
  });
});
