import type { TraceFunctionSummary } from './traceFunctionSummary.ts';

/**
 * A function selector that matches no function of a trace file, or more than one. `candidates`
 * are the functions it could have meant (the busiest first).
 */
export class TraceFunctionSelectionError extends Error {
  readonly candidates: readonly TraceFunctionSummary[];

  constructor(message: string, candidates: readonly TraceFunctionSummary[]) {
    super(message);
    this.name = 'TraceFunctionSelectionError';
    this.candidates = candidates;
  }
}
