import { HOURS_PER_MONTH, type WhatIfResult, type WhatIfVariant } from '../backtest/index.ts';
import { alignedColumns } from './alignedColumns.ts';

/** Differences smaller than half a cent a month are "the same". */
const SAME_MONEY_USD = 0.005;

/**
 * A what-if comparison as plain text: one column per profile (the first is the baseline), one
 * row per figure, then one verdict sentence per other profile.
 *
 * @example
 * ```ts
 * process.stdout.write(whatIfTextReport(result));
 * // … int8 meets the SLO in as many windows as fp32 (99.3% vs 99.3%) for $0.41 less a month.
 * ```
 */
export function whatIfTextReport(result: WhatIfResult): string {
  const [baseline] = result.variants;
  const rows: [string, (v: WhatIfVariant) => string][] = [
    ['model size', (v) => (v.modelBytes === null ? 'n/a' : bytes(v.modelBytes))],
    ['init, median', (v) => `${v.initMedianMs.toFixed(0)} ms`],
    ['service, median / p99', (v) => `${ms(v.serviceMedianMs)} / ${ms(v.serviceP99Ms)} ms`],
    ['profiled at', (v) => `${v.profileMemoryMb} MB`],
    ['SLO windows met', (v) => `${v.outcome.windowsMeetingSlo}/${v.outcome.windowsWithTraffic}`],
    ['attainment', (v) => percent(v.outcome.attainment)],
    ['p99, whole trace', (v) => p99(v.outcome.p99Ms)],
    ['cold starts', (v) => v.outcome.coldStarts.toLocaleString('en-US')],
    [
      'tuned cost / M requests',
      (v) => (v.outcome.costPerMillionUsd === null ? 'n/a' : usd(v.outcome.costPerMillionUsd)),
    ],
    [`cost of the trace (${span(result.traceMinutes)})`, (v) => usd(v.outcome.costUsd)],
    [`per month (${HOURS_PER_MONTH} h)`, (v) => usd(v.monthlyCostUsd)],
    [
      `vs ${baseline?.label ?? 'baseline'}, per month`,
      (v) => (v === baseline ? '—' : signedUsd(v.monthlyDifferenceUsd)),
    ],
  ];
  // The columns are named after the profiles unless two share a name (then after their files).
  if (result.variants.some((v) => v.label !== v.profileName)) {
    rows.unshift(['profile', (v) => v.profileName]);
  }
  return [
    `What if: ${result.function.slice(0, 10)}, ${result.requests.toLocaleString('en-US')} requests, ` +
      `SLO p99 ≤ ${result.sloP99Ms} ms per ${result.windowMinutes}-min window, each profile tuned ` +
      `by the ${result.policy}, seed ${result.seed}`,
    ...alignedColumns(
      ['', ...result.variants.map((v) => v.label)],
      rows.map(([name, cell]) => [name, ...result.variants.map(cell)]),
    ),
    ...whatIfVerdicts(result),
    '',
  ].join('\n');
}

/**
 * One sentence per profile after the first, saying what shipping it instead would do: meet the
 * SLO in as many windows (or more, or fewer) for how many dollars less (or more) a month.
 *
 * @example
 * ```ts
 * whatIfVerdicts(result);
 * // ['int8 meets the SLO in as many windows as fp32 (99.3% vs 99.3%) for $0.41 less a month.']
 * ```
 */
export function whatIfVerdicts(result: WhatIfResult): string[] {
  const [baseline, ...others] = result.variants;
  if (baseline === undefined) return [];
  return others.map((v) => {
    const attainments = `(${percent(v.outcome.attainment)} vs ${percent(baseline.outcome.attainment)})`;
    const windows =
      v.windowsDifference === 0
        ? `meets the SLO in as many windows as ${baseline.label}`
        : v.windowsDifference > 0
          ? `meets the SLO in ${v.windowsDifference} more window${plural(v.windowsDifference)} than ${baseline.label}`
          : `misses the SLO in ${-v.windowsDifference} more window${plural(-v.windowsDifference)} than ${baseline.label}`;
    const money = Math.abs(v.monthlyDifferenceUsd);
    const price =
      money < SAME_MONEY_USD
        ? 'at the same cost'
        : `for ${usd(money)} ${v.monthlyDifferenceUsd < 0 ? 'less' : 'more'} a month`;
    return `${v.label} ${windows} ${attainments} ${price}.`;
  });
}

function plural(n: number): string {
  return n === 1 ? '' : 's';
}

function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function ms(value: number): string {
  return value < 10 ? value.toFixed(2) : value.toFixed(0);
}

function percent(value: number | null): string {
  return value === null ? 'n/a' : `${(value * 100).toFixed(1)}%`;
}

function p99(value: number | null): string {
  if (value === null) return 'n/a';
  return Number.isFinite(value) ? `${ms(value)} ms` : '∞';
}

function usd(value: number): string {
  return `$${value.toLocaleString('en-US', {
    minimumFractionDigits: value < 1 ? 3 : 2,
    maximumFractionDigits: value < 1 ? 3 : 2,
  })}`;
}

function signedUsd(value: number): string {
  if (Math.abs(value) < SAME_MONEY_USD) return '$0.00';
  return `${value < 0 ? '−' : '+'}${usd(Math.abs(value))}`;
}

function span(minutes: number): string {
  const [value, unit] = minutes < 1440 ? [minutes / 60, 'h'] : [minutes / 1440, 'd'];
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${unit}`;
}
