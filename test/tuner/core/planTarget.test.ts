import { describe, expect, it } from 'vitest';
import { DEFAULT_PLANNER_OPTIONS } from '../../../tuner/core/plan/plannerOptions.ts';
import { PAUSE_TAG, planTarget } from '../../../tuner/core/plan/planTarget.ts';
import type { TargetMemory } from '../../../tuner/core/plan/tunerMemory.ts';
import type { IntervalMetrics } from '../../../tuner/sim/intervalMetrics.ts';
import { configWith, functionState, guardrailsOf, steadyMinutes, targetOf } from './fixtures.ts';

const NOW = Date.parse('2026-11-27T12:00:00Z');
const fresh: TargetMemory = { safetyMargin: 0.1, lastChange: {} };
const options = { ...DEFAULT_PLANNER_OPTIONS, replications: 8 };

function plan(input: {
  target?: Record<string, unknown>;
  metrics?: IntervalMetrics[];
  state?: Parameters<typeof functionState>[0];
  memory?: TargetMemory;
  nowMs?: number;
}) {
  const config = configWith(input.target);
  return planTarget({
    target: targetOf(config),
    guardrails: guardrailsOf(config),
    metrics: input.metrics ?? steadyMinutes(120, NOW, 60),
    state: functionState(input.state),
    memory: input.memory ?? fresh,
    nowMs: input.nowMs ?? NOW,
    accountConcurrencyLimit: 1000,
    options,
    key: 'k',
  });
}

describe('planTarget', () => {
  it('is deterministic: the same inputs give the same plan', () => {
    expect(plan({}).plan).toEqual(plan({}).plan);
  });

  it('changes nothing for a target paused in the config or by the function tag', () => {
    // Act
    const byConfig = plan({ target: { paused: true } }).plan;
    const byTag = plan({
      state: {
        tags: { [PAUSE_TAG]: 'true' },
        provisioned: { requested: 3, allocated: 3, available: 3, status: 'READY' },
      },
    }).plan;
    // Assess
    expect(byConfig.status).toBe('paused');
    expect(byConfig.actions).toEqual([]);
    expect(byTag.status).toBe('paused');
    expect(byTag.actions).toEqual([]);
    expect(byTag.summary).toContain(PAUSE_TAG);
  });

  it('raises a reservation to fit the provisioned concurrency it chooses, when reserved concurrency is tuned', () => {
    // Prepare: the bursty traffic that needs PC above 1, on a function reserved at 1
    const bursty = steadyMinutes(120, NOW, 12).map((m, i) => ({
      ...m,
      invocations: i % 7 === 0 ? 30 : 8,
    }));
    const memory: TargetMemory = { ...fresh, missPrice: { priceUsd: 5, plannedMissRate: 0.02 } };

    // Act
    const tuned = plan({ metrics: bursty, memory, state: { reservedConcurrency: 1 } }).plan;
    const fixed = plan({
      metrics: bursty,
      memory,
      state: { reservedConcurrency: 1 },
      target: { tune: ['provisionedConcurrency', 'memory'] },
    }).plan;

    // Assess: tuned, PC goes past the old reservation and the reservation follows; not tuned,
    // the reservation caps PC
    expect(tuned.planned?.provisionedConcurrency).toBeGreaterThan(1);
    expect(tuned.planned?.reservedConcurrency).toBe(tuned.planned?.provisionedConcurrency);
    expect(tuned.actions.map((a) => a.kind)).toContain('setReservedConcurrency');
    expect(fixed.planned?.provisionedConcurrency).toBeLessThanOrEqual(1);
    expect(fixed.planned?.reservedConcurrency).toBe(1);
  });

  it('adds provisioned concurrency when sparse traffic makes every cold start a missed window', () => {
    // Prepare: 12 requests a minute — a window of 60 allows no slow request at all, and the
    // traffic's bursts reach past the one warm environment the recent minutes left
    const bursty = steadyMinutes(120, NOW, 12).map((m, i) => ({
      ...m,
      invocations: i % 7 === 0 ? 30 : 8,
    }));
    // Act
    const { plan: p } = plan({
      metrics: bursty,
      memory: { ...fresh, missPrice: { priceUsd: 5, plannedMissRate: 0.02 } },
    });
    // Assess
    expect(p.status).toBe('planned');
    expect(p.planned?.provisionedConcurrency).toBeGreaterThan(0);
    const raise = p.actions.find(
      (a) => a.kind === 'setProvisionedConcurrency' || a.kind === 'setMemory',
    );
    expect(raise?.reason).toContain('predicted p99');
    expect(p.alternatives.length).toBeGreaterThan(1);
  });

  it('adds nothing when on-demand capacity already meets the SLO cheaply', () => {
    // Prepare: busy steady traffic, where a window of 1,500 requests absorbs a few cold starts
    const { plan: p } = plan({ metrics: steadyMinutes(120, NOW, 300) });
    // Assess
    expect(p.planned?.provisionedConcurrency).toBe(0);
    expect(p.actions).toEqual([]);
    expect(p.meetsTarget).toBe(true);
  });

  it('never plans above the budget', () => {
    // Prepare: a tiny budget and a high price on misses that would otherwise buy PC
    const bursty = steadyMinutes(120, NOW, 12).map((m, i) => ({
      ...m,
      invocations: i % 7 === 0 ? 30 : 8,
    }));
    const { plan: p } = plan({
      // On-demand costs about 2 USD a month here; one provisioned environment about 18.
      target: { budget: { maxMonthlyUsd: 5 } },
      metrics: bursty,
      memory: { ...fresh, missPrice: { priceUsd: 5, plannedMissRate: 0.02 } },
    });
    // Assess
    expect(p.flags).toContain('budget-limited');
    expect((p.prediction?.costPerHourUsd ?? 0) * 730).toBeLessThanOrEqual(5);
    expect(p.planned?.provisionedConcurrency).toBe(0);
  });

  it('rolls back a change followed by more errors', () => {
    // Prepare: PC went 0 → 6 twenty minutes ago; since then 5% of requests fail
    const metrics = steadyMinutes(120, NOW, 60).map((m) =>
      m.startMs >= NOW - 20 * 60_000 ? { ...m, errors: 3 } : m,
    );
    const memory: TargetMemory = {
      ...fresh,
      lastChange: { provisionedConcurrency: { atMs: NOW - 20 * 60_000, direction: 'up' } },
      rollbackWatch: {
        changedAtMs: NOW - 20 * 60_000,
        untilMs: NOW + 60_000,
        previous: { memoryMb: 1769, provisionedConcurrency: 0, reservedConcurrency: null },
        baselineErrorRate: 0,
        baselineThrottleRate: 0,
      },
    };
    // Act
    const result = plan({
      metrics,
      memory,
      state: { provisioned: { requested: 6, allocated: 6, available: 6, status: 'READY' } },
    });
    // Assess
    expect(result.plan.flags).toContain('rollback');
    expect(result.plan.planned?.provisionedConcurrency).toBe(0);
    expect(result.plan.actions[0]?.reason).toContain('rollback');
    expect(result.memory.rollbackWatch).toBeUndefined();
  });

  it('returns unused provisioned concurrency to its lower bound when there is no traffic, slowly', () => {
    // Prepare
    const idle = steadyMinutes(120, NOW, 0, {
      durationP50Ms: null,
      durationP99Ms: null,
      e2eP50Ms: null,
      e2eP99Ms: null,
      coldStarts: 0,
      initP50Ms: null,
    });
    // Act
    const { plan: p } = plan({
      metrics: idle,
      state: { provisioned: { requested: 8, allocated: 8, available: 8, status: 'READY' } },
    });
    // Assess
    expect(p.status).toBe('no-data');
    expect(p.planned?.provisionedConcurrency).toBe(6); // a quarter at a time
  });

  it('raises the safety margin after a window it predicted to meet the SLO missed it', () => {
    // Prepare: the last plan predicted the window starting 5 minutes ago would meet the SLO; its
    // minutes show warm requests slower than the target (a margin on the threshold acts on those)
    const metrics = steadyMinutes(120, NOW, 60).map((m) =>
      m.startMs >= NOW - 5 * 60_000 ? { ...m, e2eP99Ms: 260, durationP99Ms: 260 } : m,
    );
    const memory: TargetMemory = {
      ...fresh,
      lastPrediction: {
        windowStartMs: NOW - 5 * 60_000,
        windowMinutes: 5,
        predictedP99Ms: 150,
        missProbability: 0,
        meetsTarget: true,
      },
    };
    // Act
    const result = plan({ metrics, memory });
    // Assess
    expect(result.memory.safetyMargin).toBeCloseTo(0.15, 10);
    expect(result.plan.notes.join()).toContain('safety margin raised');
  });

  it('never plans a memory change while $LATEST carries unpublished code', () => {
    // Prepare: memory bounds that exclude the current size force a change
    const { plan: p } = plan({
      target: { bounds: { memoryMb: [2048, 4096] } },
      state: { latestCodeSha256: 'sha-8' },
    });
    // Assess
    expect(p.desired?.memoryMb).toBeGreaterThanOrEqual(2048);
    expect(p.planned?.memoryMb).toBe(1769);
    expect(p.actions.some((a) => a.kind === 'setMemory')).toBe(false);
    expect(p.notes.join()).toContain('unpublished code');
  });
});
