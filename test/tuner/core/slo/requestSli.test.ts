import { describe, expect, it } from 'vitest';
import {
  badRequestCount,
  badRequestsFromWithinShare,
  servedRequestIsGood,
} from '../../../../tuner/core/slo/requestSli.ts';

describe('a good request', () => {
  it('is served within the threshold; a throttle is always bad', () => {
    // Act / Assess
    expect(servedRequestIsGood(300, 300)).toBe(true);
    expect(servedRequestIsGood(300.5, 300)).toBe(false);
    expect(badRequestCount(Float64Array.of(10, 300, 301, 5_000), 2, 300)).toBe(4);
    expect(badRequestCount([], 0, 300)).toBe(0);
  });

  it('is counted from CloudWatch’s percent within the threshold when only metrics are seen', () => {
    // Act / Assess
    expect(badRequestsFromWithinShare({ served: 400, withinPercent: 99.5, throttles: 3 })).toBe(5);
    expect(badRequestsFromWithinShare({ served: 0, withinPercent: null, throttles: 2 })).toBe(2);
    expect(
      badRequestsFromWithinShare({ served: 10, withinPercent: null, throttles: 0 }),
    ).toBeNull();
    expect(badRequestsFromWithinShare({ served: 10, withinPercent: 100, throttles: 0 })).toBe(0);
  });
});
