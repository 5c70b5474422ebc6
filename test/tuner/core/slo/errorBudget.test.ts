import { describe, expect, it } from 'vitest';
import { errorBudget } from '../../../../tuner/core/slo/errorBudget.ts';
import {
  periodSloFromP99,
  type RequestBasedSlo,
  SLO_GOAL_DEFAULTS,
} from '../../../../tuner/core/slo/serviceLevelObjective.ts';
import { addDuration, intervalAt } from '../../../../tuner/core/slo/sloInterval.ts';

const DAY_MS = 86_400_000;
const NOW = Date.UTC(2026, 11, 10, 12);

const requestSlo = (attainmentGoal: number, warningThreshold = 50): RequestBasedSlo => ({
  kind: 'request',
  latencyMs: 300,
  goal: { ...SLO_GOAL_DEFAULTS, attainmentGoal, warningThreshold },
});

describe('SLO intervals', () => {
  it('puts a rolling interval behind now and a calendar interval around it', () => {
    // Act
    const rolling = intervalAt({ kind: 'rolling', duration: 7, durationUnit: 'DAY' }, NOW);
    const weekly = intervalAt(
      { kind: 'calendar', startTimeMs: Date.UTC(2026, 10, 30), duration: 7, durationUnit: 'DAY' },
      NOW,
    );
    const monthly = intervalAt(
      { kind: 'calendar', startTimeMs: Date.UTC(2026, 0, 1), duration: 1, durationUnit: 'MONTH' },
      NOW,
    );

    // Assess
    expect(rolling).toEqual({
      startMs: NOW - 7 * DAY_MS,
      endMs: NOW,
      lengthMs: 7 * DAY_MS,
      elapsedMs: 7 * DAY_MS,
    });
    expect(weekly.startMs).toBe(Date.UTC(2026, 11, 7));
    expect(weekly.endMs).toBe(Date.UTC(2026, 11, 14));
    expect(weekly.elapsedMs).toBe(NOW - Date.UTC(2026, 11, 7));
    expect(monthly.startMs).toBe(Date.UTC(2026, 11, 1));
    expect(monthly.endMs).toBe(Date.UTC(2027, 0, 1));
  });

  it('moves by calendar months, to the last day of a shorter month', () => {
    // Act / Assess
    expect(addDuration(Date.UTC(2026, 0, 31), 1, 'MONTH')).toBe(Date.UTC(2026, 1, 28));
    expect(addDuration(Date.UTC(2026, 2, 15, 6), -3, 'MONTH')).toBe(Date.UTC(2025, 11, 15, 6));
    expect(addDuration(0, 90, 'MINUTE')).toBe(5_400_000);
  });

  it('gives the first calendar interval, nothing elapsed, before it starts', () => {
    // Act
    const early = intervalAt(
      { kind: 'calendar', startTimeMs: NOW + DAY_MS, duration: 1, durationUnit: 'DAY' },
      NOW,
    );

    // Assess
    expect(early).toMatchObject({ startMs: NOW + DAY_MS, elapsedMs: 0 });
  });
});

describe('error budget accounting', () => {
  it('allows a request-based SLO the goal’s share of the requests seen in the interval', () => {
    // Act
    const budget = errorBudget({
      slo: requestSlo(99.9),
      nowMs: NOW,
      interval: { good: 99_960, bad: 40 },
      recent: { good: 998, bad: 2 },
    });

    // Assess
    expect(budget.unit).toBe('requests');
    expect(budget.total).toBeCloseTo(100, 9);
    expect(budget.spent).toBe(40);
    expect(budget.remaining).toBeCloseTo(60, 9);
    expect(budget.remainingPercent).toBeCloseTo(60, 9);
    expect(budget.burnRate).toBeCloseTo(2, 9);
    expect(budget.attainment).toBeCloseTo(0.9996, 9);
    expect(budget.warning).toBe(false);
    expect(budget.exhausted).toBe(false);
  });

  it('allows a period-based SLO the goal’s share of every period of the interval', () => {
    // Act: a rolling 7 days of 5-minute periods is 2,016 periods; 1% of them is 20.16
    const budget = errorBudget({
      slo: periodSloFromP99(200),
      nowMs: NOW,
      interval: { good: 280, bad: 15 },
      recent: { good: 12, bad: 0 },
    });

    // Assess
    expect(budget.unit).toBe('periods');
    expect(budget.total).toBeCloseTo(20.16, 9);
    expect(budget.remaining).toBeCloseTo(5.16, 9);
    expect(budget.remainingPercent).toBeCloseTo((5.16 / 20.16) * 100, 9);
    expect(budget.warning).toBe(true);
    expect(budget.burnRate).toBe(0);
  });

  it('warns below the warning threshold and says when the budget is gone', () => {
    // Act
    const low = errorBudget({
      slo: requestSlo(99, 30),
      nowMs: NOW,
      interval: { good: 9_925, bad: 75 },
      recent: { good: 0, bad: 0 },
    });
    const gone = errorBudget({
      slo: requestSlo(99),
      nowMs: NOW,
      interval: { good: 880, bad: 120 },
      recent: { good: 90, bad: 10 },
    });
    const none = errorBudget({
      slo: requestSlo(99),
      nowMs: NOW,
      interval: { good: 0, bad: 0 },
      recent: { good: 0, bad: 0 },
    });

    // Assess
    expect(low.remainingPercent).toBeCloseTo(25, 9);
    expect(low.warning).toBe(true);
    expect(low.burnRate).toBeNull();
    expect(gone.remaining).toBeCloseTo(-110, 9);
    expect(gone.exhausted).toBe(true);
    expect(gone.burnRate).toBeCloseTo(10, 9);
    expect(none).toMatchObject({
      total: 0,
      remainingPercent: null,
      warning: false,
      exhausted: false,
    });
  });
});
