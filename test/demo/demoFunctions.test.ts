import { describe, expect, it } from 'vitest';
import { DEMO_FUNCTIONS, DEMO_TRACE_FILE } from '../../tuner/demo/demoFunctions.ts';
import { readTrace } from '../../tuner/sim/index.ts';

async function countsOf(id: string): Promise<number[]> {
  const { trace } = await readTrace(DEMO_TRACE_FILE, { functionId: id });
  if (trace.kind !== 'perMinute') throw new Error('expected a per-minute trace');
  return Array.from(trace.counts);
}

function longestGapMinutes(counts: readonly number[]): number {
  let longest = 0;
  let gap = 0;
  for (const count of counts) {
    gap = count === 0 ? gap + 1 : 0;
    longest = Math.max(longest, gap);
  }
  return longest;
}

describe('the demo functions', () => {
  it('picks a busy function of the bundled trace that is active every minute', async () => {
    // Prepare / Act
    const counts = await countsOf((DEMO_FUNCTIONS[0] ?? { id: '' }).id);

    // Assess
    expect(DEMO_FUNCTIONS[0]?.role).toBe('busy');
    expect(counts.reduce((a, b) => a + b, 0)).toBe(195_064);
    expect(counts.every((count) => count > 0)).toBe(true);
    expect(Math.max(...counts)).toBe(298);
  });

  it('picks a sparse function with a few thousand requests, long gaps and bursts', async () => {
    // Prepare / Act
    const counts = await countsOf((DEMO_FUNCTIONS[1] ?? { id: '' }).id);

    // Assess
    expect(DEMO_FUNCTIONS[1]?.role).toBe('sparse');
    expect(counts.reduce((a, b) => a + b, 0)).toBe(2_666);
    expect(counts.filter((count) => count > 0)).toHaveLength(105);
    expect(longestGapMinutes(counts)).toBeGreaterThanOrEqual(8 * 60);
    expect(Math.max(...counts)).toBe(344);
  });
});
