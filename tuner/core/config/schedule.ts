/** A parsed EventBridge schedule expression. */
export type Schedule =
  | { readonly kind: 'rate'; readonly minutes: number }
  | { readonly kind: 'cron'; readonly expression: string };

const RATE_PATTERN = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/;
const CRON_PATTERN = /^cron\((\S+ ){5}\S+\)$/;
const MINUTES_PER_UNIT: Readonly<Record<string, number>> = { minute: 1, hour: 60, day: 1440 };

/**
 * Parses an EventBridge schedule expression the way EventBridge accepts it: `rate(1 minute)`
 * (singular for 1), `rate(5 minutes)`, `cron(...)` with six fields. `null` when it would be refused.
 *
 * @example
 * ```ts
 * parseSchedule('rate(5 minutes)'); // { kind: 'rate', minutes: 5 }
 * parseSchedule('rate(1 minutes)'); // null: EventBridge wants "1 minute"
 * ```
 */
export function parseSchedule(expression: string): Schedule | null {
  const rate = RATE_PATTERN.exec(expression);
  if (rate !== null) {
    const value = Number(rate[1]);
    const unit = rate[2] ?? '';
    const singular = unit.replace(/s$/, '');
    if (value < 1 || (value === 1) !== (unit === singular)) return null;
    return { kind: 'rate', minutes: value * (MINUTES_PER_UNIT[singular] ?? 1) };
  }
  return CRON_PATTERN.test(expression) ? { kind: 'cron', expression } : null;
}
