/** A simulation result that cannot be scored (e.g. run without `recordInvocations`). */
export class ScoringInputError extends Error {
  override readonly name = 'ScoringInputError';
}
