/**
 * Numbers as a person reads them: units, thousands separators, dollars to the cent (or to two
 * significant digits below a cent: `$0.0012`, never `1.2e-3`). One place, for every report.
 */

const GROUPED = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/**
 * A count with thousands separators.
 *
 * @example
 * ```ts
 * formatCount(195064); // '195,064'
 * ```
 */
export function formatCount(value: number): string {
  return GROUPED.format(value);
}

/**
 * US dollars: whole dollars with separators from $1,000, cents from $1, else two significant
 * digits.
 *
 * @example
 * ```ts
 * formatUsd(1.2914); // '$1.29'
 * formatUsd(0.414); // '$0.41'
 * formatUsd(0.00123); // '$0.0012'
 * ```
 */
export function formatUsd(value: number): string {
  const sign = value < 0 ? '−' : '';
  const v = Math.abs(value);
  if (v === 0) return '$0';
  if (v >= 1000) return `${sign}$${GROUPED.format(v)}`;
  if (v >= 1) return `${sign}$${v.toFixed(2)}`;
  const digits = Math.min(12, 1 - Math.floor(Math.log10(v)));
  return `${sign}$${v.toFixed(digits)}`;
}

/**
 * Milliseconds: whole below 10 s (`212 ms`), else seconds (`12.4 s`); an em dash for no value.
 *
 * @example
 * ```ts
 * formatMs(212.4); // '212 ms'
 * ```
 */
export function formatMs(value: number | null): string {
  if (value === null) return '—';
  if (!Number.isFinite(value)) return '∞';
  if (Math.abs(value) >= 10_000) return `${(value / 1000).toFixed(1)} s`;
  return `${GROUPED.format(Math.round(value))} ms`;
}

/**
 * A share (0..1) as a percentage with one decimal (`99.3%`), or the given digits.
 *
 * @example
 * ```ts
 * formatPercent(0.9931); // '99.3%'
 * ```
 */
export function formatPercent(share: number | null, digits = 1): string {
  if (share === null || !Number.isFinite(share)) return '—';
  return `${(share * 100).toFixed(digits)}%`;
}

/**
 * Memory in MB with separators (`1,769 MB`).
 *
 * @example
 * ```ts
 * formatMemory(10240); // '10,240 MB'
 * ```
 */
export function formatMemory(memoryMb: number | null): string {
  return memoryMb === null ? '—' : `${GROUPED.format(memoryMb)} MB`;
}

/**
 * A UTC time as `2026-11-27 12:05 UTC`.
 *
 * @example
 * ```ts
 * formatTime(Date.parse('2026-11-27T12:05:31Z')); // '2026-11-27 12:05 UTC'
 * ```
 */
export function formatTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * How `value` compares with `reference` in words: `19% above`, `23% below`, `the same as`.
 *
 * @example
 * ```ts
 * relativeDifference(1.19, 1); // { percent: 19, direction: 'above' }
 * ```
 */
export function relativeDifference(
  value: number,
  reference: number,
): { readonly percent: number; readonly direction: 'above' | 'below' | 'equal' } {
  const percent = Math.round((Math.abs(value - reference) / reference) * 100);
  if (percent === 0) return { percent: 0, direction: 'equal' };
  return { percent, direction: value > reference ? 'above' : 'below' };
}

/**
 * A count and its noun, plural when it is not 1 (`1 cycle`, `287 cycles`).
 *
 * @example
 * ```ts
 * plural(1200, 'window'); // '1,200 windows'
 * ```
 */
export function plural(count: number, noun: string): string {
  return `${formatCount(count)} ${noun}${count === 1 ? '' : 's'}`;
}
