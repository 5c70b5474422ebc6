import { describe, expect, it } from 'vitest';
import {
  decodeTunerMemory,
  encodeTunerMemory,
} from '../../../tuner/core/memory/tunerMemoryCodec.ts';
import { keepFrom, valueAt, writeMinutes } from '../../../tuner/core/observe/minuteColumns.ts';
import {
  emptyObservationHistory,
  encodeObservationHistory,
  type ObservationHistory,
} from '../../../tuner/core/observe/observationHistory.ts';
import {
  DEMAND_FIELDS,
  FAST_FIELDS,
  SLOW_FIELDS,
} from '../../../tuner/core/observe/observedFields.ts';
import type { TargetObservation } from '../../../tuner/core/ports.ts';
import { historyView } from '../../../tuner/cycle/historyView.ts';
import { mergeObservedMinutes } from '../../../tuner/cycle/mergeObservedMinutes.ts';
import { OBSERVATION_CADENCE } from '../../../tuner/cycle/observationCadence.ts';
import { planObservationReads } from '../../../tuner/cycle/planObservationReads.ts';
import { emptyIntervalMetrics, type IntervalMetrics } from '../../../tuner/sim/intervalMetrics.ts';

const MINUTE_MS = 60_000;
const NOW = Date.parse('2026-11-27T12:00:00Z');
const REF = { functionName: 'ocr', qualifier: 'live' };

function observation(
  rows: Array<Partial<IntervalMetrics> & { startMs: number }>,
): TargetObservation {
  return {
    target: REF,
    metrics: rows.map((row) => ({ ...emptyIntervalMetrics(row.startMs), ...row })),
    latencySource: 'sdk',
    withinSloPercent: rows.map(() => 100),
    notes: [],
  };
}

const minute = (n: number) => NOW + n * MINUTE_MS;

describe('writeMinutes and keepFrom', () => {
  it('overwrites a minute read again (late data), keeps the fields not read, and marks a gap unknown', () => {
    // Prepare
    const first = writeMinutes(
      writeMinutes(
        { startMs: 0, length: 0, columns: {} },
        [
          { startMs: minute(0), values: { invocations: 5, initP50Ms: 300 } },
          { startMs: minute(1), values: { invocations: 2, initP50Ms: null } },
        ],
        ['invocations', 'initP50Ms'],
      ),
      [],
      ['invocations'],
    );

    // Act
    const next = writeMinutes(
      first,
      [
        { startMs: minute(1), values: { invocations: 7 } },
        { startMs: minute(4), values: { invocations: 1 } },
      ],
      ['invocations'],
    );

    // Assess
    expect(next.startMs).toBe(minute(0));
    expect(next.length).toBe(5);
    expect(next.columns.invocations).toEqual([5, 7, null, null, 1]);
    expect(next.columns.initP50Ms).toEqual([300, null, null, null, null]);
    expect(valueAt(next, 'invocations', minute(5))).toBeUndefined();
  });

  it('drops the minutes before the bound, and everything when all are older', () => {
    // Prepare
    const history = writeMinutes(
      { startMs: 0, length: 0, columns: {} },
      [0, 1, 2, 3].map((n) => ({ startMs: minute(n), values: { invocations: n } })),
      ['invocations'],
    );

    // Act
    const kept = keepFrom(history, minute(2));
    const none = keepFrom(history, minute(10));

    // Assess
    expect(kept).toEqual({ startMs: minute(2), length: 2, columns: { invocations: [2, 3] } });
    expect(none.length).toBe(0);
  });

  it('refuses a minute that does not start on a whole minute', () => {
    // Act / Assess
    expect(() =>
      writeMinutes({ startMs: 0, length: 0, columns: {} }, [{ startMs: 1, values: {} }], []),
    ).toThrow(RangeError);
  });
});

describe('mergeObservedMinutes', () => {
  const bounds = { recentStartMs: minute(-180), demandFromMs: minute(-1470) };

  it('keeps the recent window in full and demand back to the same hour yesterday, no more', () => {
    // Prepare
    const rows = [-1500, -1470, -200, -180, -1].map((n) => ({
      startMs: minute(n),
      invocations: 1,
    }));
    const read = {
      startMs: minute(-1500),
      endMs: minute(0),
      fields: [...FAST_FIELDS, ...SLOW_FIELDS],
    };

    // Act
    const merged = mergeObservedMinutes(
      emptyObservationHistory(),
      observation(rows),
      read,
      bounds,
      NOW,
    );

    // Assess
    expect(merged.recent.startMs).toBe(minute(-180));
    expect(merged.recent.length).toBe(180);
    expect(merged.demand.startMs).toBe(minute(-1470));
    expect(merged.fastEndMs).toBe(minute(0));
    expect(merged.slowEndMs).toBe(minute(0));
    expect(merged.slowReadAtMs).toBe(NOW);
  });

  it('a fast read leaves the slow fields and their horizon as they were; a backfill adds demand only', () => {
    // Prepare
    const all = { startMs: minute(-3), endMs: minute(0), fields: [...FAST_FIELDS, ...SLOW_FIELDS] };
    const base = mergeObservedMinutes(
      emptyObservationHistory(),
      observation(
        [-3, -2, -1].map((n) => ({
          startMs: minute(n),
          invocations: 4,
          coldStarts: 1,
          initP50Ms: 310,
        })),
      ),
      all,
      bounds,
      NOW,
    );

    // Act
    const fast = mergeObservedMinutes(
      base,
      observation([-1, 0].map((n) => ({ startMs: minute(n), invocations: 9 }))),
      { startMs: minute(-1), endMs: minute(1), fields: FAST_FIELDS },
      bounds,
      NOW + MINUTE_MS,
    );
    const backfilled = mergeObservedMinutes(
      fast,
      observation([{ startMs: minute(-1400), invocations: 3, throttles: 1 }]),
      { startMs: minute(-1400), endMs: minute(-1399), fields: DEMAND_FIELDS },
      bounds,
      NOW + MINUTE_MS,
      'backfill',
    );

    // Assess
    expect(fast.recent.columns.invocations).toEqual([4, 4, 9, 9]);
    expect(fast.recent.columns.initP50Ms).toEqual([310, 310, 310, null]);
    expect(fast.fastEndMs).toBe(minute(1));
    expect(fast.slowEndMs).toBe(minute(0));
    expect(backfilled.recent).toEqual(fast.recent);
    expect(backfilled.fastEndMs).toBe(fast.fastEndMs);
    expect(valueAt(backfilled.demand, 'throttles', minute(-1400))).toBe(1);
  });
});

describe('the kept minutes in the memory', () => {
  function kept(): ObservationHistory {
    return mergeObservedMinutes(
      emptyObservationHistory(),
      observation([
        { startMs: minute(-2), invocations: 3, e2eP99Ms: 120.25 },
        { startMs: minute(-1) },
      ]),
      { startMs: minute(-2), endMs: minute(0), fields: [...FAST_FIELDS, ...SLOW_FIELDS] },
      { recentStartMs: minute(-180), demandFromMs: minute(-1470) },
      NOW,
    );
  }

  it('round-trips through the memory codec, each column one short string', () => {
    // Prepare
    const memory = { version: 1 as const, targets: {}, observed: { ':ocr:live': kept() } };

    // Act
    const text = encodeTunerMemory(memory);
    const decoded = decodeTunerMemory(text);

    // Assess
    expect(decoded.notes).toEqual([]);
    expect(decoded.memory.observed?.[':ocr:live']).toEqual(kept());
    expect(text).toContain('"e2eP99Ms": "120.25,"');
  });

  it('decodes a memory written before minutes were kept, and discards a history of another format or a malformed one alone', () => {
    // Prepare
    const old = JSON.stringify({
      version: 1,
      targets: { ':ocr:live': { safetyMargin: 0.1, lastChange: {} } },
    });
    const encoded = encodeObservationHistory(kept());
    const other = JSON.stringify({
      version: 1,
      targets: { ':ocr:live': { safetyMargin: 0.1, lastChange: {} } },
      observed: {
        ':ocr:live': { ...encoded, format: 2 },
        ':a:live': { ...encoded, recent: { ...encoded.recent, columns: { invocations: '1,x' } } },
        ':b:live': encoded,
      },
    });

    // Act
    const before = decodeTunerMemory(old);
    const mixed = decodeTunerMemory(other);

    // Assess
    expect(before.memory.observed).toBeUndefined();
    expect(before.notes).toEqual([]);
    expect(Object.keys(mixed.memory.observed ?? {})).toEqual([':b:live']);
    expect(mixed.memory.targets[':ocr:live']?.safetyMargin).toBe(0.1);
    expect(mixed.notes).toEqual([
      'observed minutes of :ocr:live discarded (unknown history format 2): they are read again',
      'observed minutes of :a:live discarded (recent.columns.invocations: "x" is not a number): they are read again',
    ]);
  });
});

describe('planObservationReads and historyView', () => {
  it('reads a kept target from its last minutes less the late margin; an idle one its demand alone', () => {
    // Prepare
    const reads = planObservationReads(undefined, NOW, OBSERVATION_CADENCE);
    const rows = [];
    for (let t = reads.recentStartMs; t < reads.completeEndMs; t += MINUTE_MS)
      rows.push({ startMs: t });
    const quiet = mergeObservedMinutes(
      emptyObservationHistory(),
      observation(rows),
      reads.main,
      reads,
      NOW,
    );

    // Act
    const later = NOW + 5 * MINUTE_MS;
    const busy = planObservationReads({ ...quiet, provisioned: true }, later, OBSERVATION_CADENCE);
    const idle = planObservationReads(quiet, later, OBSERVATION_CADENCE);

    // Assess
    expect(reads.main.fields).toEqual([...FAST_FIELDS, ...SLOW_FIELDS]);
    expect(busy.main).toEqual({
      startMs: NOW - 5 * MINUTE_MS,
      endMs: later - 2 * MINUTE_MS,
      fields: FAST_FIELDS,
    });
    expect(idle.idle).toBe(true);
    expect(idle.main.fields).toEqual(DEMAND_FIELDS);
  });

  it('fills the slow inputs of minutes not slow-read yet from the hour before, with a note', () => {
    // Prepare
    const reads = planObservationReads(undefined, NOW, OBSERVATION_CADENCE);
    const rows = [];
    for (let t = reads.recentStartMs; t < reads.completeEndMs; t += MINUTE_MS)
      rows.push({
        startMs: t,
        invocations: 10,
        coldStarts: 1,
        initP50Ms: 300,
        cpuTimeAvgMs: 50,
        invokeLatencyAvgMs: 100,
      });
    const first = mergeObservedMinutes(
      emptyObservationHistory(),
      observation(rows),
      reads.main,
      reads,
      NOW,
    );
    const later = NOW + 5 * MINUTE_MS;
    const next = planObservationReads(first, later, OBSERVATION_CADENCE);
    const newRows = [0, 1, 2].map((n) => ({
      startMs: NOW - 2 * MINUTE_MS + n * MINUTE_MS,
      invocations: 10,
      coldStarts: 1,
    }));
    const merged = mergeObservedMinutes(first, observation(newRows), next.main, next, later);

    // Act
    const view = historyView(REF, merged, next, []);

    // Assess
    const last = view.metrics.find((m) => m.startMs === NOW);
    expect(last?.initP50Ms).toBe(300);
    expect(last?.cpuTimeAvgMs).toBe(50);
    // A minute without requests gets nothing.
    expect(view.metrics.at(-1)?.cpuTimeAvgMs).toBeNull();
    expect(view.notes[0]).toMatch(
      /^init duration and CPU time of the last 3 minute\(s\) with traffic stand in/,
    );

    // Act: the memory changed after the last minute the slow read saw (it ended at NOW − 2 min)
    const afterChange = historyView(REF, merged, next, [], NOW - MINUTE_MS);

    // Assess: init and CPU time measured at the old size do not stand in for the new one
    const changed = afterChange.metrics.find((m) => m.startMs === NOW);
    expect(changed?.initP50Ms).toBeNull();
    expect(changed?.cpuTimeAvgMs).toBeNull();
  });
});
