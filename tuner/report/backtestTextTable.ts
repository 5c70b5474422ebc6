import type { BacktestResult } from '../backtest/index.ts';
import { alignedColumns } from './alignedColumns.ts';
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
  return [
    cells.title,
    ...alignedColumns(cells.header, cells.rows),
    cells.legend,
    ...cells.notes.map((note) => `- ${note}`),
    '',
  ].join('\n');
}
