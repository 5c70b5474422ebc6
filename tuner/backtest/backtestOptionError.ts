/**
 * A backtest option holds a value the backtest cannot use. The message starts with the option's
 * name as the CLI spells it (`--slo-p99-ms: ...`), so the command line can show it as is.
 */
export class BacktestOptionError extends Error {
  override readonly name = 'BacktestOptionError';
}
