import { describe, expect, it } from 'vitest';
import {
  formatCount,
  formatMs,
  formatPercent,
  formatUsd,
  plural,
  relativeDifference,
} from '../../../tuner/report/format/humanNumbers.ts';

describe('numbers for people', () => {
  it.each([
    [1234.5, '$1,235'],
    [1.2914, '$1.29'],
    [0.414, '$0.41'],
    [0.0427, '$0.043'],
    [0.00123, '$0.0012'],
    [0.000019118, '$0.000019'],
    [0, '$0'],
    [-2.5, '−$2.50'],
  ])('dollars: %s → %s', (value, text) => {
    // Act / Assess
    expect(formatUsd(value)).toBe(text);
  });

  it('never writes an exponent, and groups thousands', () => {
    // Act / Assess
    for (let exponent = -9; exponent <= 6; exponent++)
      expect(formatUsd(1.234 * 10 ** exponent)).not.toMatch(/e/i);
    expect(formatCount(195064)).toBe('195,064');
    expect(plural(1, 'cycle')).toBe('1 cycle');
    expect(plural(1200, 'window')).toBe('1,200 windows');
  });

  it('writes latencies, shares and comparisons with their units', () => {
    // Act / Assess
    expect(formatMs(212.4)).toBe('212 ms');
    expect(formatMs(12_400)).toBe('12.4 s');
    expect(formatMs(null)).toBe('—');
    expect(formatMs(Number.POSITIVE_INFINITY)).toBe('∞');
    expect(formatPercent(0.9931)).toBe('99.3%');
    expect(relativeDifference(1.19, 1)).toEqual({ percent: 19, direction: 'above' });
    expect(relativeDifference(0.77, 1)).toEqual({ percent: 23, direction: 'below' });
    expect(relativeDifference(1.001, 1)).toEqual({ percent: 0, direction: 'equal' });
  });
});
