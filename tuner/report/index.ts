/**
 * Report renderers (`tuner/report`): the backtest's JSON document and its comparison table as
 * plain text and Markdown; the what-if comparison of profiles as text and JSON.
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
export { type WhatIfJson, type WhatIfVariantJson, whatIfJson } from './whatIfJson.ts';
export { whatIfTextReport, whatIfVerdicts } from './whatIfReport.ts';
