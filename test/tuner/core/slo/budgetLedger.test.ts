import { describe, expect, it } from 'vitest';
import {
  decodeTunerMemory,
  encodeTunerMemory,
} from '../../../../tuner/core/memory/tunerMemoryCodec.ts';
import { emptyTunerMemory } from '../../../../tuner/core/plan/tunerMemory.ts';
import {
  foldLedger,
  type LedgerMinute,
  ledgerBucketMs,
  ledgerBudget,
  recentTally,
} from '../../../../tuner/core/slo/budgetLedger.ts';
import {
  periodSloFromP99,
  type RequestBasedSlo,
  SLO_GOAL_DEFAULTS,
} from '../../../../tuner/core/slo/serviceLevelObjective.ts';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const T0 = Date.UTC(2026, 11, 1);

const requestSlo: RequestBasedSlo = {
  kind: 'request',
  latencyMs: 300,
  goal: { ...SLO_GOAL_DEFAULTS, attainmentGoal: 99.9 },
};

/** `count` minutes from `fromMs`, each with 100 served requests, 99% within the threshold. */
function minutes(fromMs: number, count: number, overrides: Partial<LedgerMinute> = {}) {
  return Array.from({ length: count }, (_, i) => ({
    startMs: fromMs + i * MINUTE_MS,
    served: 100,
    throttles: 0,
    withinPercent: 99,
    ...overrides,
  }));
}

describe('the error budget ledger', () => {
  it('counts each complete minute once across cycles that read overlapping windows', () => {
    // Prepare: cycle 1 sees minutes 0..59, cycle 2 sees 30..89 (a three-hour window moves on)
    const first = foldLedger(undefined, minutes(T0, 60), requestSlo, T0 + 60 * MINUTE_MS);

    // Act
    const second = foldLedger(
      first,
      minutes(T0 + 30 * MINUTE_MS, 60),
      requestSlo,
      T0 + 90 * MINUTE_MS,
    );

    // Assess: 90 minutes × 100 requests, 1 bad each
    const total = second.buckets.reduce((sum, b) => sum + b.good + b.bad, 0);
    const bad = second.buckets.reduce((sum, b) => sum + b.bad, 0);
    expect(total).toBe(9000);
    expect(bad).toBe(90);
    expect(second.countedToMs).toBe(T0 + 90 * MINUTE_MS);
    expect(second.buckets.map((b) => b.startMs)).toEqual([T0, T0 + HOUR_MS]);
  });

  it('leaves out minutes not yet complete, and minutes whose share is unknown', () => {
    // Act
    const ledger = foldLedger(
      undefined,
      [...minutes(T0, 3), ...minutes(T0 + 3 * MINUTE_MS, 2, { withinPercent: null })],
      requestSlo,
      T0 + 4 * MINUTE_MS,
    );

    // Assess: minutes 0..2 counted, minute 3 unknown, minute 4 not complete
    expect(ledger.buckets[0]).toMatchObject({ good: 297, bad: 3 });
    expect(ledger.uncounted).toBe(1);
    expect(ledger.countedToMs).toBe(T0 + 4 * MINUTE_MS);
  });

  it('judges whole periods of a period-based SLO by the window rule on the bad count', () => {
    // Prepare: period 0 has 1 bad of 500 (allowed 5), period 1 has 10 bad of 500 (too many)
    const seen = [
      ...minutes(T0, 5, { withinPercent: 99.8 }),
      ...minutes(T0 + 5 * MINUTE_MS, 5, { withinPercent: 98 }),
      ...minutes(T0 + 10 * MINUTE_MS, 3),
    ];

    // Act
    const ledger = foldLedger(undefined, seen, periodSloFromP99(300), T0 + 13 * MINUTE_MS);

    // Assess: the third period is not complete
    expect(ledger.buckets).toEqual([{ startMs: T0, good: 1, bad: 1 }]);
    expect(ledger.countedToMs).toBe(T0 + 10 * MINUTE_MS);
  });

  it('drops buckets older than the interval and accounts the budget over it', () => {
    // Prepare: a rolling 1 day; a bucket of two days ago, one of an hour ago
    const slo = {
      ...requestSlo,
      goal: { ...requestSlo.goal, interval: { kind: 'rolling', duration: 1, durationUnit: 'DAY' } },
    } as const;
    const old = foldLedger(undefined, minutes(T0, 10), slo, T0 + 10 * MINUTE_MS);
    const now = T0 + 48 * HOUR_MS;

    // Act
    const ledger = foldLedger(old, minutes(now - HOUR_MS, 60), slo, now);
    const budget = ledgerBudget(
      ledger,
      slo,
      now,
      recentTally(minutes(now - HOUR_MS, 60), slo, now - HOUR_MS, now),
    );

    // Assess: the old bucket is gone; 6,000 requests, 60 bad, 6 allowed
    expect(ledger.buckets.map((b) => b.startMs)).toEqual([now - HOUR_MS]);
    expect(budget.spent).toBe(60);
    expect(budget.total).toBeCloseTo(6, 9);
    expect(budget.exhausted).toBe(true);
    expect(budget.burnRate).toBeCloseTo(10, 9);
  });

  it('counts in days for intervals over a month', () => {
    // Act / Assess
    expect(ledgerBucketMs(requestSlo)).toBe(HOUR_MS);
    expect(
      ledgerBucketMs({
        ...requestSlo,
        goal: {
          ...requestSlo.goal,
          interval: { kind: 'rolling', duration: 3, durationUnit: 'MONTH' },
        },
      }),
    ).toBe(24 * HOUR_MS);
  });
});

describe('the ledger in the memory', () => {
  it('round-trips, and a malformed ledger is dropped alone with a note', () => {
    // Prepare
    const ledger = foldLedger(undefined, minutes(T0, 10), requestSlo, T0 + 10 * MINUTE_MS);
    const text = encodeTunerMemory({
      ...emptyTunerMemory(),
      budgets: { ':a:live': ledger, ':b:live': ledger },
    });
    const broken = text.replace('"uncounted": 0', '"uncounted": -1');

    // Act
    const decoded = decodeTunerMemory(text);
    const partly = decodeTunerMemory(broken);

    // Assess
    expect(decoded.memory.budgets?.[':a:live']).toEqual(ledger);
    expect(Object.keys(partly.memory.budgets ?? {})).toEqual([':b:live']);
    expect(partly.notes).toEqual([
      expect.stringMatching(
        /^error budget ledger of :a:live is malformed .*: its budget is counted anew$/,
      ),
    ]);
  });
});
