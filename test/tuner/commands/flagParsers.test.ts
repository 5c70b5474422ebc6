import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import {
  integerFlag,
  positiveNumberFlag,
  SLO_P99_MAX_MS,
} from '../../../tuner/commands/flagParsers.ts';

describe('CLI number flags are parsed strictly', () => {
  const slo = positiveNumberFlag(SLO_P99_MAX_MS);
  const seed = integerFlag('--seed', 0, 2 ** 31 - 1);

  it.each([
    ['200', 200],
    ['12.5', 12.5],
    [' 300 ', 300],
    ['900000', 900_000],
  ])('reads %j as %d ms', (text, value) => {
    // Act / Assess
    expect(slo(text)).toBe(value);
  });

  it.each([
    ['a 400-digit number (Infinity)', '9'.repeat(400)],
    ['above 15 minutes', '900001'],
    ['an exponent', '1e3'],
    ['hexadecimal', '0x10'],
    ['Infinity', 'Infinity'],
    ['a sign', '+5'],
    ['zero', '0'],
    ['nothing', ''],
  ])('refuses %s for a positive number', (_name, text) => {
    // Act
    const act = () => slo(text);

    // Assess
    expect(act).toThrow(InvalidArgumentError);
    expect(act).toThrow(`must be a number > 0 and ≤ 900000 in decimal digits, got '${text}'`);
  });

  it.each([
    ['an exponent', '1e3'],
    ['hexadecimal', '0x10'],
    ['a fraction', '1.5'],
    ['above the range', '2147483648'],
    ['a 30-digit number', '1'.repeat(30)],
    ['letters', 'abc'],
  ])('refuses %s for an integer', (_name, text) => {
    // Act
    const act = () => seed(text);

    // Assess
    expect(act).toThrow(InvalidArgumentError);
    expect(act).toThrow(`--seed: must be an integer in 0..2147483647, got '${text}'`);
  });

  it('reads an integer with leading zeros in decimal', () => {
    // Act / Assess
    expect(seed('0012')).toBe(12);
  });
});
