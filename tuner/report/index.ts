/**
 * Report renderers (`tuner/report`). So far: the backtest's JSON document and its comparison
 * table as plain text and Markdown.
 */
export {
  type BacktestJson,
  type BacktestPolicyJson,
  backtestJson,
} from './backtestJson.ts';
export { backtestMarkdownTable } from './backtestMarkdownTable.ts';
export {
  type BacktestTableCells,
  backtestLegend,
  backtestTableCells,
} from './backtestTableCells.ts';
export { backtestTextTable } from './backtestTextTable.ts';
export { seedSpreadTable } from './seedSpreadTable.ts';
