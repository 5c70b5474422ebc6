/**
 * A simulation input that cannot be simulated: a trace, profile, configuration or option out of
 * range. `field` names the offending input, e.g. `config.provisionedConcurrency`.
 */
export class SimulationInputError extends Error {
  readonly field: string;

  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.name = 'SimulationInputError';
    this.field = field;
  }
}
