import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { BacktestOptionError } from '../../../tuner/backtest/index.ts';
import { findBacktestPolicy } from '../../../tuner/backtest/policies/policyRegistry.ts';
import { registerCommands } from '../../../tuner/commands/index.ts';
import { errorLine, OPTION_FLAGS } from '../../../tuner/commands/optionFlags.ts';
import { findExample } from '../../../tuner/local/profiler/exampleCatalog.ts';
import { resolveProfileOptions } from '../../../tuner/local/profiler/profileOptions.ts';

function thrown(act: () => unknown): Error {
  try {
    act();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}

describe('library option errors on the command line', () => {
  it.each([
    [
      'a profiler option',
      () => resolveProfileOptions({ example: 'ocr-detector', cold: 0 }),
      'ProfileOptionError: --cold: must be an integer in 1..1000, got 0',
    ],
    [
      'a profiler memory',
      () => resolveProfileOptions({ example: 'ocr-detector', memoryMb: 64 }),
      'ProfileOptionError: --memory-mb: must be an integer in 128..10240, got 64',
    ],
    [
      'an unknown example',
      () => findExample('resnet'),
      /^UnknownExampleError: --example: unknown example 'resnet'/,
    ],
    [
      'an unknown policy',
      () => findBacktestPolicy('magic'),
      /^UnknownBacktestPolicyError: --policies: unknown policy 'magic'/,
    ],
    [
      'a backtest window',
      () => {
        throw new BacktestOptionError('windowMinutes', 'must be an integer in 1..1440, got 0');
      },
      'BacktestOptionError: --window-min: must be an integer in 1..1440, got 0',
    ],
  ])('%s names the flag, while the library names the option', (_name, act, line) => {
    // Act
    const error = thrown(act);

    // Assess
    expect(error.message).not.toMatch(/^--/);
    expect(errorLine(error)).toMatch(line);
  });

  it('keeps the message of an error that names no option', () => {
    // Prepare / Act / Assess
    expect(errorLine(new Error('plain'))).toBe('plain');
    expect(errorLine(new RangeError('out of range'))).toBe('RangeError: out of range');
  });

  it('maps options only to flags some command has', () => {
    // Prepare
    const program = new Command('thermostat');
    registerCommands(program);

    // Act
    const flags = new Set(program.commands.flatMap((c) => c.options.map((o) => o.long)));

    // Assess
    expect(Object.values(OPTION_FLAGS).filter((flag) => !flags.has(flag))).toEqual([]);
  });
});
