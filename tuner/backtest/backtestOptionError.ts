import { OptionFieldError } from '../core/optionFieldError.ts';

/**
 * A backtest option holds a value the backtest cannot use; `field` names the option as
 * `BacktestOptions` spells it (`sloP99Ms: must be a number > 0, got NaN`).
 */
export class BacktestOptionError extends OptionFieldError {
  override readonly name = 'BacktestOptionError';
}
