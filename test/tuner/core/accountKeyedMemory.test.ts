/**
 * A target named by ARN is keyed with its account; the memory an earlier tuner kept under the
 * key without the account is carried over, so its cooldowns and safety margin hold.
 */
import { describe, expect, it } from 'vitest';
import { planCycle } from '../../../tuner/core/plan/planCycle.ts';
import { targetKey } from '../../../tuner/core/ports.ts';
import { configWith, functionState, steadyMinutes } from './fixtures.ts';

const NOW = Date.parse('2026-11-27T12:00:00Z');

describe('planCycle: memory of a target named by ARN', () => {
  it('moves the memory kept without the account to the key with it', () => {
    // Prepare
    const base = configWith({}, {});
    const ref = {
      functionName: 'ocr',
      qualifier: 'live',
      region: 'us-east-1',
      accountId: '123456789012',
      partition: 'aws',
    };
    const config = {
      ...base,
      targets: [{ ...(base.targets[0] as (typeof base.targets)[0]), functionName: 'ocr', ref }],
    };
    const key = targetKey(ref);
    const oldKey = 'us-east-1:ocr:live';
    const remembered = {
      safetyMargin: 1.7,
      lastChange: { memory: { atMs: NOW - 60_000, direction: 'up' as const } },
    };

    // Act
    const { memory } = planCycle({
      config,
      observations: new Map([
        [
          key,
          {
            target: ref,
            metrics: steadyMinutes(60, NOW, 300),
            latencySource: 'sdk' as const,
            notes: [],
          },
        ],
      ]),
      states: new Map([[key, functionState({ functionName: 'ocr' })]]),
      account: { concurrencyLimit: 1000, unreservedConcurrency: 900 },
      memory: { version: 1, targets: { [oldKey]: remembered } },
      nowMs: NOW,
      options: { replications: 4 },
    });

    // Assess
    expect(Object.keys(memory.targets)).toEqual([key]);
    expect(memory.targets[key]?.lastChange).toEqual(remembered.lastChange);
  });
});
