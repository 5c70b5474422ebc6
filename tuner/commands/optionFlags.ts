import { OptionFieldError } from '../core/optionFieldError.ts';

/**
 * The CLI flag of each library option an error can name: libraries name their options
 * (`OptionFieldError.field`), the command line speaks of flags.
 */
export const OPTION_FLAGS: Readonly<Record<string, string>> = {
  // backtests (tuner/backtest) and their inputs
  sloP99Ms: '--slo-p99-ms',
  'slo.p99Ms': '--slo-p99-ms',
  'slo.requestBasedSli.latencyMs': '--slo-latency-ms',
  'slo.goal.attainmentGoal': '--slo-goal',
  'slo.goal.warningThreshold': '--slo-warning',
  'slo.goal.interval.rollingInterval.duration': '--slo-interval',
  'slo.goal.interval.calendarInterval.duration': '--slo-interval',
  'slo.goal.interval.calendarInterval.startTime': '--slo-calendar-start',
  windowMinutes: '--window-min',
  seed: '--seed',
  seeds: '--seeds',
  memoryMb: '--memory-mb',
  policies: '--policies',
  profile: '--profile',
  profiles: '--profile',
  trace: '--trace',
  functions: '--functions',
  accountConcurrencyLimit: '--account-concurrency',
  reservedConcurrency: '--reserved-concurrency',
  // the profiler (tuner/local/profiler)
  example: '--example',
  cold: '--cold',
  warm: '--warm',
  warmup: '--warmup',
  threads: '--threads',
};

/**
 * The line the CLI shows for an error: an option error names the flag instead of the option
 * (`--slo-p99-ms: must be a number > 0, got -5`); any other error keeps its message.
 *
 * @example
 * ```ts
 * errorLine(new BacktestOptionError('seed', 'must be an integer, got 1.5')); // 'BacktestOptionError: --seed: must be an integer, got 1.5'
 * ```
 */
export function errorLine(error: Error): string {
  const prefix = error.name === 'Error' ? '' : `${error.name}: `;
  if (error instanceof OptionFieldError) {
    return `${prefix}${OPTION_FLAGS[error.field] ?? error.field}: ${error.detail}`;
  }
  return `${prefix}${error.message}`;
}
