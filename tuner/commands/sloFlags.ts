/**
 * The SLO flags of `thermostat backtest`: `--slo-p99-ms` (a period-based p99 SLO, the short
 * form) or `--slo-kind request --slo-latency-ms`, with `--slo-goal`, `--slo-interval`,
 * `--slo-calendar-start` and `--slo-warning` — the config's `slo` (tuner/core/config/sloSchema.ts)
 * on the command line. The flags are parsed here; their values are checked by the config's
 * schema in the backtest, whose errors name the field, shown as the flag (./optionFlags.ts).
 */
import { type Command, InvalidArgumentError, Option } from 'commander';
import type { SloInput } from '../core/config/sloSchema.ts';
import { FlagCombinationError } from './flagCombinationError.ts';
import { positiveNumberFlag, SLO_P99_MAX_MS } from './flagParsers.ts';

/** The SLO flags as commander gives them. */
export interface SloFlags {
  sloKind: 'period' | 'request';
  sloP99Ms?: number;
  sloLatencyMs?: number;
  sloGoal?: number;
  sloInterval?: { duration: number; durationUnit: 'MINUTE' | 'HOUR' | 'DAY' | 'MONTH' };
  sloCalendarStart?: string | number;
  sloWarning?: number;
}

const UNITS = { m: 'MINUTE', h: 'HOUR', d: 'DAY', M: 'MONTH' } as const;

/**
 * Parses an interval such as `7d`, `24h`, `90m` or `1M` (a month) into Application Signals'
 * duration and unit.
 *
 * @example
 * ```ts
 * sloIntervalFlag('7d'); // { duration: 7, durationUnit: 'DAY' }
 * ```
 */
export function sloIntervalFlag(text: string): NonNullable<SloFlags['sloInterval']> {
  const match = /^\s*(\d+)\s*([mhdM])\s*$/.exec(text);
  if (match === null)
    throw new InvalidArgumentError(
      `'${text}' is not an interval: whole units of m, h, d or M (month), e.g. 7d, 24h, 1M`,
    );
  return {
    duration: Number(match[1]),
    durationUnit: UNITS[match[2] as keyof typeof UNITS],
  };
}

/** An ISO 8601 time, or epoch seconds (digits). */
function calendarStartFlag(text: string): string | number {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : text.trim();
}

/**
 * Adds the SLO flags to a command.
 *
 * @example
 * ```ts
 * addSloFlags(program.command('backtest'));
 * ```
 */
export function addSloFlags(command: Command): Command {
  return command
    .addOption(
      new Option('--slo-kind <kind>', 'SLO kind: period (p99 per window) or request')
        .choices(['period', 'request'])
        .default('period'),
    )
    .option(
      '--slo-p99-ms <ms>',
      'period SLO: p99 end-to-end latency per window, ms',
      positiveNumberFlag(SLO_P99_MAX_MS),
    )
    .option(
      '--slo-latency-ms <ms>',
      'request SLO: a request is good when answered within this, end to end, ms',
      positiveNumberFlag(SLO_P99_MAX_MS),
    )
    .option(
      '--slo-goal <percent>',
      'attainment goal: percent of good windows (period) or requests (request); default 99',
      positiveNumberFlag(100),
    )
    .option(
      '--slo-interval <span>',
      'the interval the error budget is over (7d, 24h, 1M); rolling unless --slo-calendar-start; default 1d',
      sloIntervalFlag,
    )
    .option(
      '--slo-calendar-start <time>',
      'calendar intervals from this time (ISO 8601 with a time zone, or epoch seconds); needs --slo-interval',
      calendarStartFlag,
    )
    .option(
      '--slo-warning <percent>',
      'warn when the error budget left is below this percent; default 50',
      positiveNumberFlag(100),
    );
}

/**
 * The config's `slo` from the flags; throws `FlagCombinationError` for flags of the other kind.
 *
 * @example
 * ```ts
 * sloFromFlags({ sloKind: 'request', sloLatencyMs: 300, sloGoal: 99.9 });
 * // { requestBasedSli: { latencyMs: 300 }, goal: { attainmentGoal: 99.9 } }
 * ```
 */
export function sloFromFlags(flags: SloFlags): SloInput {
  if (flags.sloKind === 'request') {
    if (flags.sloP99Ms !== undefined)
      throw new FlagCombinationError(
        '--slo-p99-ms: a period SLO’s; with --slo-kind request give --slo-latency-ms',
      );
    if (flags.sloLatencyMs === undefined)
      throw new FlagCombinationError('--slo-latency-ms: required with --slo-kind request');
  } else {
    if (flags.sloLatencyMs !== undefined)
      throw new FlagCombinationError('--slo-latency-ms: only with --slo-kind request');
    if (flags.sloP99Ms === undefined)
      throw new FlagCombinationError(
        '--slo-p99-ms: required (or --slo-kind request with --slo-latency-ms)',
      );
  }
  if (flags.sloCalendarStart !== undefined && flags.sloInterval === undefined)
    throw new FlagCombinationError('--slo-calendar-start: needs --slo-interval (e.g. 1d, 1M)');
  const interval =
    flags.sloInterval === undefined
      ? undefined
      : flags.sloCalendarStart === undefined
        ? { rollingInterval: flags.sloInterval }
        : { calendarInterval: { startTime: flags.sloCalendarStart, ...flags.sloInterval } };
  const goal = {
    ...(flags.sloGoal === undefined ? {} : { attainmentGoal: flags.sloGoal }),
    ...(interval === undefined ? {} : { interval }),
    ...(flags.sloWarning === undefined ? {} : { warningThreshold: flags.sloWarning }),
  };
  const hasGoal = Object.keys(goal).length > 0;
  return flags.sloKind === 'request'
    ? { requestBasedSli: { latencyMs: flags.sloLatencyMs as number }, ...(hasGoal ? { goal } : {}) }
    : { p99Ms: flags.sloP99Ms as number, ...(hasGoal ? { goal } : {}) };
}
