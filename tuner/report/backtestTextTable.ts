import type { BacktestResult } from '../backtest/index.ts';
import { backtestTableCells } from './backtestTableCells.ts';

/**
 * A backtest as a plain-text table for a terminal: title, aligned columns (names left, numbers
 * right), the legend and the policies' notes.
 *
 * @example
 * ```ts
 * process.stdout.write(backtestTextTable(result));
 * ```
 */
export function backtestTextTable(result: BacktestResult): string {
  const cells = backtestTableCells(result);
  const widths = cells.header.map((heading, i) =>
    Math.max(heading.length, ...cells.rows.map((r) => (r[i] ?? '').length)),
  );
  const line = (row: readonly string[]) =>
    row
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [
    cells.title,
    line(cells.header),
    widths.map((width) => '-'.repeat(width)).join('  '),
    ...cells.rows.map(line),
    cells.legend,
    ...cells.notes.map((note) => `- ${note}`),
    '',
  ].join('\n');
}
