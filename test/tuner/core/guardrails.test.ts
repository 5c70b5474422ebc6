import { describe, expect, it } from 'vitest';
import { applyGuardrails } from '../../../tuner/core/guardrails/applyGuardrails.ts';
import { limitDecrease } from '../../../tuner/core/guardrails/rateOfChange.ts';
import type { TargetMemory } from '../../../tuner/core/plan/tunerMemory.ts';
import type { FleetConfig } from '../../../tuner/sim/fleetConfig.ts';
import { configWith, functionState, guardrailsOf, targetOf } from './fixtures.ts';

const NOW = Date.parse('2026-11-27T12:00:00Z');
const fresh: TargetMemory = { safetyMargin: 0.1, lastChange: {} };
const base: FleetConfig = { memoryMb: 1769, provisionedConcurrency: 4, reservedConcurrency: null };

function guard(options: {
  target?: Record<string, unknown>;
  desired: Partial<FleetConfig>;
  current?: Partial<FleetConfig>;
  memory?: TargetMemory;
  state?: Parameters<typeof functionState>[0];
  rollback?: boolean;
}) {
  const config = configWith(options.target);
  return applyGuardrails({
    target: targetOf(config),
    guardrails: guardrailsOf(config),
    current: { ...base, ...options.current },
    desired: { ...base, ...options.desired },
    state: functionState(options.state),
    memory: options.memory ?? fresh,
    nowMs: NOW,
    rollback: options.rollback,
  });
}

describe('guardrails', () => {
  it('raises provisioned concurrency at once', () => {
    expect(guard({ desired: { provisionedConcurrency: 12 } }).config.provisionedConcurrency).toBe(
      12,
    );
  });

  it('lowers provisioned concurrency by at most a quarter per cycle', () => {
    // Prepare & Act
    const outcome = guard({
      current: { provisionedConcurrency: 20 },
      desired: { provisionedConcurrency: 2 },
    });
    // Assess
    expect(outcome.config.provisionedConcurrency).toBe(15);
    expect(outcome.held.join()).toContain('steps down to 15');
    expect(limitDecrease(1, 0, 0.25)).toBe(0); // at least one unit
  });

  it('holds a decrease during the cooldown after an increase, and an increase after a recent change', () => {
    // Prepare: PC rose 3 minutes ago (cooldowns default to 5 min up, 15 min down)
    const memory: TargetMemory = {
      ...fresh,
      lastChange: { provisionedConcurrency: { atMs: NOW - 3 * 60_000, direction: 'up' } },
    };
    // Act
    const down = guard({ desired: { provisionedConcurrency: 3 }, memory });
    const up = guard({ desired: { provisionedConcurrency: 9 }, memory });
    // Assess
    expect(down.config.provisionedConcurrency).toBe(4);
    expect(down.held.join()).toContain('decreases wait 15 min');
    expect(up.config.provisionedConcurrency).toBe(4);
    expect(up.held.join()).toContain('increases wait 5 min');
  });

  it('keeps cooldowns per knob: a recent PC change does not hold memory', () => {
    const memory: TargetMemory = {
      ...fresh,
      lastChange: { provisionedConcurrency: { atMs: NOW - 60_000, direction: 'up' } },
    };
    expect(guard({ desired: { memoryMb: 2048 }, memory }).config.memoryMb).toBe(2048);
  });

  it('changes nothing a target does not tune', () => {
    const outcome = guard({
      target: { tune: ['memory'] },
      desired: { provisionedConcurrency: 10 },
    });
    expect(outcome.config.provisionedConcurrency).toBe(4);
    expect(outcome.held.join()).toContain('not a tuned knob');
  });

  it('never changes memory when $LATEST carries code the alias does not serve', () => {
    // Prepare & Act
    const outcome = guard({
      desired: { memoryMb: 3008 },
      state: { latestCodeSha256: 'sha-8-unpublished' },
    });
    // Assess
    expect(outcome.config.memoryMb).toBe(1769);
    expect(outcome.held.join()).toContain('never publishes unpublished code');
  });

  it('never changes memory during weighted routing or with unpublished settings', () => {
    expect(
      guard({ desired: { memoryMb: 3008 }, state: { aliasRouting: { '8': 0.1 } } }).config.memoryMb,
    ).toBe(1769);
    expect(
      guard({ desired: { memoryMb: 3008 }, state: { unpublishedChanges: ['Timeout'] } }).config
        .memoryMb,
    ).toBe(1769);
  });

  it('never sets reserved concurrency 0 unless allowed', () => {
    // Prepare & Act
    const refused = guard({
      current: { reservedConcurrency: 10, provisionedConcurrency: 0 },
      desired: { reservedConcurrency: 0, provisionedConcurrency: 0 },
    });
    const allowed = guard({
      target: { allowZeroReserved: true },
      current: { reservedConcurrency: 10, provisionedConcurrency: 0 },
      desired: { reservedConcurrency: 0, provisionedConcurrency: 0 },
    });
    // Assess
    expect(refused.config.reservedConcurrency).toBe(10);
    expect(refused.held.join()).toContain('would stop the function');
    expect(allowed.config.reservedConcurrency).toBe(0);
  });

  it('keeps PC at or below reserved concurrency: raises the reservation when allowed, else caps PC', () => {
    // Prepare & Act
    const raised = guard({
      current: { reservedConcurrency: 5 },
      desired: { provisionedConcurrency: 8, reservedConcurrency: 5 },
    });
    const capped = guard({
      target: { tune: ['provisionedConcurrency', 'memory'] },
      current: { reservedConcurrency: 5 },
      desired: { provisionedConcurrency: 8, reservedConcurrency: 5 },
    });
    // Assess
    expect(raised.config).toMatchObject({ provisionedConcurrency: 8, reservedConcurrency: 8 });
    expect(capped.config).toMatchObject({ provisionedConcurrency: 5, reservedConcurrency: 5 });
  });

  it('lets a rollback bypass the cooldowns', () => {
    const memory: TargetMemory = {
      ...fresh,
      lastChange: { provisionedConcurrency: { atMs: NOW - 60_000, direction: 'up' } },
    };
    expect(
      guard({ desired: { provisionedConcurrency: 1 }, memory, rollback: true }).config
        .provisionedConcurrency,
    ).toBe(1);
  });
});
