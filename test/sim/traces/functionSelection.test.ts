import { describe, expect, it } from 'vitest';
import {
  readTrace,
  selectTraceFunction,
  TraceFunctionSelectionError,
  type TraceFunctionSummary,
} from '../../../tuner/sim/index.ts';

const SAMPLE = 'examples/traces/azure2019/100_inv.csv';

function fn(id: string, invocations: number, app: string | null = null): TraceFunctionSummary {
  return { id, app, owner: null, trigger: null, invocations };
}

describe('choosing a function in a trace file', () => {
  it('takes an id, a unique prefix (any case), and prefers an exact id', () => {
    // Prepare
    const functions = [fn('abc', 1), fn('abcd', 5), fn('b00', 2)];

    // Act / Assess
    expect(selectTraceFunction('f.csv', functions, 'abc')).toBe(0);
    expect(selectTraceFunction('f.csv', functions, 'ABCD')).toBe(1);
    expect(selectTraceFunction('f.csv', functions, 'b')).toBe(2);
    expect(selectTraceFunction('f.csv', [fn('x', 3)], undefined)).toBe(0);
  });

  it('lists the candidates, busiest first, when a prefix is ambiguous', () => {
    // Prepare
    const functions = [fn('a1', 1), fn('a2', 9), fn('b', 2)];

    // Act
    const error = (() => {
      try {
        selectTraceFunction('f.csv', functions, 'a');
      } catch (e) {
        return e;
      }
    })();

    // Assess
    expect(error).toBeInstanceOf(TraceFunctionSelectionError);
    expect((error as TraceFunctionSelectionError).candidates.map((c) => c.id)).toEqual([
      'a2',
      'a1',
    ]);
    expect((error as Error).message).toMatch(/"a" matches 2 functions in f\.csv/);
  });

  it('says which functions exist when none matches or none is given', async () => {
    // Prepare / Act
    const missing = await readTrace(SAMPLE, { functionId: 'zzz' }).catch((e: unknown) => e);
    const unspecified = await readTrace(SAMPLE).catch((e: unknown) => e);

    // Assess
    expect(missing).toBeInstanceOf(TraceFunctionSelectionError);
    expect((missing as Error).message).toMatch(
      /no function in .*100_inv\.csv matches "zzz"\. The busiest: e80f0c2a/,
    );
    expect((missing as TraceFunctionSelectionError).candidates).toHaveLength(100);
    expect((unspecified as Error).message).toMatch(/holds 100 functions: choose one/);
    expect((unspecified as Error).message).toMatch(/and 90 more$/);
  });
});
