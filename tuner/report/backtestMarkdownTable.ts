import type { BacktestResult } from '../backtest/index.ts';
import { backtestTableCells } from './backtestTableCells.ts';

/**
 * A backtest as Markdown: a heading, a table (numbers right-aligned), the legend and the
 * policies' notes as a list.
 *
 * @example
 * ```ts
 * writeFileSync('report.md', backtestMarkdownTable(result));
 * ```
 */
export function backtestMarkdownTable(result: BacktestResult, headingLevel = 2): string {
  const cells = backtestTableCells(result);
  const row = (cellsOfRow: readonly string[]) =>
    `| ${cellsOfRow.map((cell) => cell.replaceAll('|', '\\|')).join(' | ')} |`;
  return [
    `${'#'.repeat(headingLevel)} ${cells.title}`,
    '',
    row(cells.header),
    `|${cells.header.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`,
    ...cells.rows.map(row),
    '',
    `_${cells.legend}._`,
    '',
    ...cells.notes.map((note) => `- ${note}`),
    '',
  ].join('\n');
}
