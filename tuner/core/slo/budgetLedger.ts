/**
 * What a deployed tuner keeps of an SLO's good and bad units between cycles, so that each cycle
 * can account the error budget over the whole interval (a week, a month) while it reads only the
 * last hours of metrics (pure: time passed in). Units are counted in buckets of an hour (a day
 * for intervals longer than 31 days) and dropped once they fall out of the longest interval they
 * can matter to; a rolling interval's edge is then exact to a bucket.
 *
 * From per-minute metrics a request is bad when it was throttled or, served, outside the
 * threshold by CloudWatch's `PR(:threshold)` (`requestSli.ts`); a period is judged by the window
 * rule on that count (`windowSlo.ts`). A minute or period whose share within the threshold is
 * unknown (no SDK metrics) is not counted, and the ledger says how many were left out.
 */
import { type ErrorBudget, errorBudget, type SloTally } from './errorBudget.ts';
import { badRequestsFromWithinShare } from './requestSli.ts';
import { type ServiceLevelObjective, SloKind } from './serviceLevelObjective.ts';
import { addDuration, intervalAt } from './sloInterval.ts';
import { windowMeetsSlo } from './windowSlo.ts';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** Good and bad units counted in one bucket. */
export interface LedgerBucket {
  readonly startMs: number;
  readonly good: number;
  readonly bad: number;
}

/** One target's counted units. */
export interface BudgetLedger {
  /** Everything before this time (epoch ms) has been counted. */
  readonly countedToMs: number;
  readonly buckets: readonly LedgerBucket[];
  /** Minutes (request-based) or periods (period-based) left out: their share was unknown. */
  readonly uncounted: number;
}

/** One minute as the ledger reads it. */
export interface LedgerMinute {
  readonly startMs: number;
  /** Requests served (AWS/Lambda `Invocations`). */
  readonly served: number;
  readonly throttles: number;
  /** Percent of the served requests within the threshold (`PR(:threshold)`), null if unknown. */
  readonly withinPercent: number | null;
}

/**
 * The length of a ledger's buckets for an SLO: an hour, or a day past 31 days of interval.
 *
 * @example
 * ```ts
 * ledgerBucketMs(periodSloFromP99(300)); // 3_600_000 (a rolling 7 days)
 * ```
 */
export function ledgerBucketMs(slo: ServiceLevelObjective): number {
  const { interval } = slo.goal;
  const longest = addDuration(0, interval.duration, interval.durationUnit);
  return longest > 31 * DAY_MS ? DAY_MS : HOUR_MS;
}

/**
 * Counts the complete minutes after `ledger.countedToMs` (all of them before `completeToMs`):
 * per minute (request-based) or per whole period (period-based; a period is counted once all its
 * minutes are complete). Minutes must be oldest first, one a minute, gaps as zero traffic.
 *
 * @example
 * ```ts
 * const next = foldLedger(memory.budgets?.[key], minutes, slo, completeToMs);
 * ```
 */
export function foldLedger(
  ledger: BudgetLedger | undefined,
  minutes: readonly LedgerMinute[],
  slo: ServiceLevelObjective,
  completeToMs: number,
): BudgetLedger {
  const bucketMs = ledgerBucketMs(slo);
  const buckets = new Map<number, { good: number; bad: number }>(
    (ledger?.buckets ?? []).map((b) => [b.startMs, { good: b.good, bad: b.bad }]),
  );
  const add = (atMs: number, good: number, bad: number) => {
    const key = Math.floor(atMs / bucketMs) * bucketMs;
    const bucket = buckets.get(key) ?? { good: 0, bad: 0 };
    bucket.good += good;
    bucket.bad += bad;
    buckets.set(key, bucket);
  };
  const fromMs = ledger?.countedToMs ?? minutes[0]?.startMs ?? completeToMs;
  let countedToMs = fromMs;
  let uncounted = ledger?.uncounted ?? 0;
  if (slo.kind === SloKind.REQUEST) {
    for (const minute of minutes) {
      if (minute.startMs < fromMs || minute.startMs + MINUTE_MS > completeToMs) continue;
      const requests = minute.served + minute.throttles;
      const bad = badRequestsFromWithinShare(minute);
      if (bad === null) uncounted++;
      else if (requests > 0) add(minute.startMs, requests - bad, bad);
      countedToMs = minute.startMs + MINUTE_MS;
    }
  } else {
    const periodMs = slo.periodMinutes * MINUTE_MS;
    const byPeriod = new Map<number, LedgerMinute[]>();
    for (const minute of minutes) {
      if (minute.startMs < fromMs) continue;
      const start = Math.floor(minute.startMs / periodMs) * periodMs;
      if (start < fromMs || start + periodMs > completeToMs) continue;
      const list = byPeriod.get(start) ?? [];
      list.push(minute);
      byPeriod.set(start, list);
    }
    for (const [start, list] of [...byPeriod].sort((a, b) => a[0] - b[0])) {
      let requests = 0;
      let bad: number | null = 0;
      for (const minute of list) {
        requests += minute.served + minute.throttles;
        const minuteBad = badRequestsFromWithinShare(minute);
        bad = bad === null || minuteBad === null ? null : bad + minuteBad;
      }
      if (bad === null) uncounted++;
      else if (requests > 0) {
        const met = windowMeetsSlo({ requests, slowRequests: bad });
        add(start, met ? 1 : 0, met ? 0 : 1);
      }
      countedToMs = start + periodMs;
    }
  }
  const keepFromMs = addDuration(
    completeToMs,
    -slo.goal.interval.duration,
    slo.goal.interval.durationUnit,
  );
  const kept = [...buckets]
    .filter(([startMs]) => startMs + bucketMs > keepFromMs - bucketMs)
    .sort((a, b) => a[0] - b[0])
    .map(([startMs, b]) => ({ startMs, good: b.good, bad: b.bad }));
  return { countedToMs: Math.max(countedToMs, ledger?.countedToMs ?? 0), buckets: kept, uncounted };
}

/**
 * The error budget at `nowMs` from a ledger, with the burn rate of a recent tally (e.g. the
 * last hour, counted from the cycle's own minutes).
 *
 * @example
 * ```ts
 * ledgerBudget(ledger, slo, nowMs, { good: 1_200, bad: 3 }).remainingPercent;
 * ```
 */
export function ledgerBudget(
  ledger: BudgetLedger,
  slo: ServiceLevelObjective,
  nowMs: number,
  recent: SloTally,
): ErrorBudget {
  const interval = intervalAt(slo.goal.interval, nowMs);
  let good = 0;
  let bad = 0;
  for (const bucket of ledger.buckets) {
    if (bucket.startMs < interval.startMs || bucket.startMs >= interval.endMs) continue;
    good += bucket.good;
    bad += bucket.bad;
  }
  return errorBudget({ slo, nowMs, interval: { good, bad }, recent });
}

/**
 * The good and bad units among minutes since `fromMs`, counted as the ledger counts them (for a
 * burn rate over a recent span).
 *
 * @example
 * ```ts
 * recentTally(minutes, slo, nowMs - 3_600_000, completeToMs);
 * ```
 */
export function recentTally(
  minutes: readonly LedgerMinute[],
  slo: ServiceLevelObjective,
  fromMs: number,
  completeToMs: number,
): SloTally {
  const counted = foldLedger(
    { countedToMs: fromMs, buckets: [], uncounted: 0 },
    minutes,
    {
      ...slo,
      goal: { ...slo.goal, interval: { kind: 'rolling', duration: 1, durationUnit: 'DAY' } },
    },
    completeToMs,
  );
  return counted.buckets.reduce((sum, b) => ({ good: sum.good + b.good, bad: sum.bad + b.bad }), {
    good: 0,
    bad: 0,
  });
}
