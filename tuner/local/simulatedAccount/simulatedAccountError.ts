/** A setting or request the simulated account (like Lambda) refuses; names the field. */
export class SimulatedAccountError extends Error {
  override readonly name = 'SimulatedAccountError';
  /** The field at fault, e.g. `functions[1].functionName` or `ReservedConcurrentExecutions`. */
  readonly field: string;

  constructor(field: string, problem: string) {
    super(`${field}: ${problem}`);
    this.field = field;
  }
}
