/**
 * An option of a library call holds a value it cannot use. The error names the option as the
 * library spells it (`sloP99Ms`, `cold`); the CLI maps that name to its flag
 * (`tuner/commands/optionFlags.ts`), so flag wording lives in `tuner/commands` only.
 */
export class OptionFieldError extends Error {
  override readonly name: string = 'OptionFieldError';
  /** The option, as the library's options object names it. */
  readonly field: string;
  /** What is wrong with it, without the option's name. */
  readonly detail: string;

  /**
   * @example
   * ```ts
   * new OptionFieldError('sloP99Ms', 'must be a number > 0, got -5').message; // 'sloP99Ms: must be a number > 0, got -5'
   * ```
   */
  constructor(field: string, detail: string) {
    super(`${field}: ${detail}`);
    this.field = field;
    this.detail = detail;
  }
}
