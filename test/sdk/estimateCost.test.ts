import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PRICING,
  estimateCost,
  PricingError,
  provisionedAllocationCost,
} from '../../sdk/index.ts';

// Figures computed by hand from the published rates (us-east-1 unless stated).
describe('estimateCost', () => {
  it('prices a warm x86 invocation: 120.2 ms at 1,024 MB bills 121 ms', () => {
    const cost = estimateCost({ durationMs: 120.2, memoryMb: 1024 });
    // 0.121 s × 1 GB × 0.0000166667 = 0.0000020166707; + 0.0000002 request
    expect(cost.durationUsd).toBeCloseTo(0.0000020166707, 15);
    expect(cost.requestUsd).toBe(0.0000002);
    expect(cost.totalUsd).toBeCloseTo(0.0000022166707, 15);
  });

  it('bills the INIT of an on-demand cold start at the same rate', () => {
    // 300 ms handler + 1,500 ms init at 2,048 MB: (0.3 + 1.5) × 2 × 0.0000166667 = 0.00006000012
    const cost = estimateCost({ durationMs: 300, initDurationMs: 1500, memoryMb: 2048 });
    expect(cost.initUsd).toBeCloseTo(0.0000500001, 15);
    expect(cost.totalUsd).toBeCloseTo(0.00006000012 + 0.0000002, 15);
  });

  it('prices arm64 at its own rate', () => {
    // 1,000 ms at 512 MB: 1 × 0.5 × 0.0000133334 = 0.0000066667
    expect(
      estimateCost({ durationMs: 1000, memoryMb: 512, architecture: 'arm64' }).durationUsd,
    ).toBeCloseTo(0.0000066667, 15);
  });

  it('prices an invocation on provisioned concurrency at the PC duration rate, without INIT', () => {
    // 50 ms at 4,096 MB: 0.05 × 4 × 0.0000097222 = 0.00000194444
    const cost = estimateCost({
      durationMs: 50,
      memoryMb: 4096,
      provisioned: true,
      initDurationMs: 2000,
    });
    expect(cost.durationUsd).toBeCloseTo(0.00000194444, 15);
    expect(cost.initUsd).toBe(0);
  });

  it('uses another region’s rates: eu-south-1 (Milan)', () => {
    // 200 ms at 1,024 MB: 0.2 × 0.0000195172 = 0.00000390344; requests $0.23/M
    const cost = estimateCost({ durationMs: 200, memoryMb: 1024, region: 'eu-south-1' });
    expect(cost.durationUsd).toBeCloseTo(0.00000390344, 15);
    expect(cost.requestUsd).toBe(0.00000023);
  });

  it('falls back to the default row for a region without its own rates', () => {
    expect(
      estimateCost({ durationMs: 1000, memoryMb: 1024, region: 'eu-west-3' }).durationUsd,
    ).toBeCloseTo(0.0000166667, 15);
  });

  it('selects a volume tier', () => {
    // x86 tier 1 (6–15 B GB-s/month) is 0.000015 per GB-s
    expect(estimateCost({ durationMs: 1000, memoryMb: 1024, tier: 1 }).durationUsd).toBeCloseTo(
      0.000015,
      15,
    );
    expect(() => estimateCost({ durationMs: 1, memoryMb: 1024, tier: 3 })).toThrow(PricingError);
  });

  it('accepts an overriding table', () => {
    const reference = DEFAULT_PRICING['us-east-1'];
    if (reference === undefined) throw new Error('us-east-1 row missing');
    const pricing = {
      ...DEFAULT_PRICING,
      'us-east-1': {
        ...reference,
        x86_64: { ...reference.x86_64, usdPerRequest: 1 },
      },
    };
    expect(
      estimateCost({ durationMs: 0, memoryMb: 128, region: 'us-east-1', pricing }).requestUsd,
    ).toBe(1);
  });

  it('bills PC allocation in 5-minute blocks', () => {
    // 10 × 2 GB × 300 s (61 s rounds up to 300) × 0.0000041667 = 0.0250002
    expect(provisionedAllocationCost({ concurrency: 10, memoryMb: 2048, seconds: 61 })).toBeCloseTo(
      0.0250002,
      10,
    );
    expect(provisionedAllocationCost({ concurrency: 0, memoryMb: 2048, seconds: 61 })).toBe(0);
  });
});
