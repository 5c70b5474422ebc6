import { describe, expect, it } from 'vitest';
import { observeWindow } from '../../../tuner/core/plan/observedWindow.ts';
import { fitReservationsToAccount, planCycle } from '../../../tuner/core/plan/planCycle.ts';
import type { TargetPlan } from '../../../tuner/core/plan/targetPlan.ts';
import { emptyTunerMemory } from '../../../tuner/core/plan/tunerMemory.ts';
import { targetKey } from '../../../tuner/core/ports.ts';
import { configWith, functionState, steadyMinutes } from './fixtures.ts';

const NOW = Date.parse('2026-11-27T12:00:00Z');

describe('planCycle', () => {
  it('isolates a failure to its target: the others are planned', () => {
    // Prepare: three targets; the second one's state could not be read
    const config = configWith({}, {});
    const three = {
      ...config,
      targets: ['a', 'b', 'c'].map((name) => ({
        ...(config.targets[0] as (typeof config.targets)[0]),
        functionName: name,
        ref: { functionName: name, qualifier: 'live' },
      })),
    };
    const states = new Map(
      three.targets.map((t) => [
        targetKey(t.ref),
        t.functionName === 'b'
          ? Object.assign(
              new Error('User is not authorized to perform: lambda:GetFunctionConfiguration'),
              { name: 'AccessDeniedException' },
            )
          : functionState({ functionName: t.functionName }),
      ]),
    );
    const observations = new Map(
      three.targets.map((t) => [
        targetKey(t.ref),
        {
          target: t.ref,
          metrics: steadyMinutes(60, NOW, 300),
          latencySource: 'sdk' as const,
          notes: [],
        },
      ]),
    );
    // Act
    const { plan, memory } = planCycle({
      config: three,
      observations,
      states,
      account: { concurrencyLimit: 1000, unreservedConcurrency: 900 },
      memory: emptyTunerMemory(),
      nowMs: NOW,
      options: { replications: 4 },
    });
    // Assess
    expect(plan.targets.map((t) => t.status)).toEqual(['planned', 'error', 'planned']);
    expect(plan.targets[1]?.summary).toContain('AccessDeniedException');
    expect(plan.targets[1]?.actions).toEqual([]);
    expect(Object.keys(memory.targets).sort()).toEqual([':a:live', ':c:live']);
  });
});

describe('the account keeps its unreserved minimum', () => {
  const plan = (name: string, from: number | null, to: number | null, pc = 0): TargetPlan => ({
    target: { functionName: name, qualifier: 'live' },
    key: name,
    status: 'planned',
    current: { memoryMb: 1769, provisionedConcurrency: 0, reservedConcurrency: from },
    desired: null,
    planned: { memoryMb: 1769, provisionedConcurrency: pc, reservedConcurrency: to },
    actions: [
      {
        kind: 'setReservedConcurrency',
        target: { functionName: name, qualifier: 'live' },
        from,
        to,
        reason: 'r',
      },
    ],
    prediction: null,
    alternatives: [],
    meetsTarget: true,
    sloP99Ms: 200,
    safetyMargin: 0.1,
    summary: 's',
    notes: [],
    flags: [],
  });

  it('trims reservation increases in target order so at least 100 stay unreserved', () => {
    // Prepare: 150 unreserved; two targets each want 40 more
    const plans = [plan('a', 10, 50), plan('b', null, 40, 30)];
    // Act
    const fitted = fitReservationsToAccount(
      plans,
      { concurrencyLimit: 1000, unreservedConcurrency: 150 },
      100,
    );
    // Assess: a gets its 40, b only the 10 left; b's PC fits under it
    expect(fitted[0]?.planned?.reservedConcurrency).toBe(50);
    expect(fitted[1]?.planned).toMatchObject({
      reservedConcurrency: 10,
      provisionedConcurrency: 10,
    });
    expect(fitted[1]?.notes.join()).toContain('keep 100 unreserved');
  });

  it('counts what a decrease frees', () => {
    const fitted = fitReservationsToAccount(
      [plan('a', 60, 20), plan('b', null, 130)],
      { concurrencyLimit: 1000, unreservedConcurrency: 190 },
      100,
    );
    expect(fitted[1]?.planned?.reservedConcurrency).toBe(130);
  });

  it('raises no reservation when the account settings could not be read', () => {
    const fitted = fitReservationsToAccount([plan('a', 10, 50, 30)], new Error('throttled'), 100);
    expect(fitted[0]?.planned).toMatchObject({
      reservedConcurrency: 10,
      provisionedConcurrency: 10,
    });
  });
});

describe('judging a finished window from per-minute metrics', () => {
  it('counts slow cold starts and throttles against what a p99 allows', () => {
    // 5 minutes × 10 requests: a p99 allows none slower than the target
    expect(
      observeWindow(steadyMinutes(5, NOW, 10, { coldStarts: 0, initP50Ms: null }), 200).missed,
    ).toBe(false);
    expect(observeWindow(steadyMinutes(5, NOW, 10), 200).missed).toBe(true); // one cold start of 330 + 110 ms
    expect(observeWindow(steadyMinutes(5, NOW, 1000), 200).missed).toBe(false); // 1 of 5,000 is within 1%
    expect(observeWindow(steadyMinutes(5, NOW, 1000, { throttles: 20 }), 200).missed).toBe(true);
    expect(observeWindow(steadyMinutes(5, NOW, 1000, { e2eP99Ms: 250 }), 200).missed).toBe(true);
  });
});
