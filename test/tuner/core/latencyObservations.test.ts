import { describe, expect, it } from 'vitest';
import { latencyObservations } from '../../../tuner/core/model/latencyObservations.ts';
import { DEFAULT_PLANNER_OPTIONS } from '../../../tuner/core/plan/plannerOptions.ts';
import { planTarget } from '../../../tuner/core/plan/planTarget.ts';
import type { TargetMemory } from '../../../tuner/core/plan/tunerMemory.ts';
import { configWith, functionState, guardrailsOf, steadyMinutes, targetOf } from './fixtures.ts';

const NOW = Date.parse('2026-11-27T12:00:00Z');
const MINUTE_MS = 60_000;

// An hour at 1,769 MB (100 ms median, 130 ms p99), then the switch to 1,024 MB, first seen by the
// tuner a minute ago: one minute of 50 requests at the new size, 1.73× slower (CPU-bound work on
// 0.58 of a vCPU).
const atOldSize = steadyMinutes(64, NOW - MINUTE_MS, 300, {
  durationP50Ms: 100,
  durationP99Ms: 130,
  e2eP50Ms: 100,
  e2eP99Ms: 130,
  cpuTimeAvgMs: 100,
  invokeLatencyAvgMs: 100,
});
const atNewSize = steadyMinutes(1, NOW, 50, {
  durationP50Ms: 173,
  durationP99Ms: 225,
  e2eP50Ms: 173,
  e2eP99Ms: 225,
  cpuTimeAvgMs: 173,
  invokeLatencyAvgMs: 173,
});
const history = [...atOldSize, ...atNewSize];
const since: TargetMemory['memorySince'] = {
  memoryMb: 1024,
  sinceMs: NOW - MINUTE_MS,
  previous: { memoryMb: 1769, sinceMs: NOW - 65 * MINUTE_MS },
};

describe('the latency fit after a memory change', () => {
  it('never labels minutes at the old size as the new one: the old fit is carried across', () => {
    // Prepare
    const config = configWith({ tune: ['provisionedConcurrency'] });

    // Act
    const { plan } = planTarget({
      target: targetOf(config),
      guardrails: guardrailsOf(config),
      metrics: history,
      state: functionState({ memoryMb: 1024, latestMemoryMb: 1024 }),
      memory: { safetyMargin: 0.1, lastChange: {}, memorySince: since },
      nowMs: NOW,
      accountConcurrencyLimit: 1000,
      options: { ...DEFAULT_PLANNER_OPTIONS, replications: 8 },
      key: 'k',
    });

    // Assess: 130 ms at 1,769 MB is ~225 ms at 1,024 MB: over the 200 ms target. Fitting the old
    // minutes as if at 1,024 MB would predict ~130 ms and settle memory too low.
    expect(plan.prediction?.predictedP99Ms).toBeGreaterThan(200);
    expect(plan.notes.join(' ')).toMatch(
      /latency fitted on the minutes at 1769 MB before the change to 1024 MB/,
    );
  });

  it('fits on the new size alone once it has enough invocations of its own', () => {
    // Prepare: three minutes of 50 at the new size.
    const moreAtNew = [
      ...atOldSize.slice(0, -2),
      ...steadyMinutes(3, NOW, 50, { durationP50Ms: 173, durationP99Ms: 225 }),
    ];
    const seen = { ...since, sinceMs: NOW - 3 * MINUTE_MS } as NonNullable<
      TargetMemory['memorySince']
    >;

    // Act
    const observed = latencyObservations(moreAtNew, seen, 1024);

    // Assess
    expect(observed).toMatchObject({ referenceMemoryMb: 1024, carried: false });
    expect(observed.minutes).toHaveLength(3);
  });

  it('leaves out the minutes just before the tuner saw the change (either size)', () => {
    // Prepare / Act
    const observed = latencyObservations(history, since, 1024);

    // Assess: the 5 minutes before the sighting are left out of the old size's minutes.
    expect(observed).toMatchObject({ referenceMemoryMb: 1769, carried: true });
    const last = observed.minutes.at(-1)?.startMs ?? 0;
    expect(last).toBeLessThan(NOW - MINUTE_MS - 5 * MINUTE_MS);
  });

  it('without a change seen, fits the last two hours at the current size', () => {
    // Prepare / Act
    const observed = latencyObservations(steadyMinutes(300, NOW, 10), undefined, 1769);

    // Assess
    expect(observed).toMatchObject({ referenceMemoryMb: 1769, carried: false });
    expect(observed.minutes).toHaveLength(120);
  });
});
