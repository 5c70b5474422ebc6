import type { AccountBacktestResult } from '../backtest/accountBacktest.ts';
import { alignedColumns } from './alignedColumns.ts';
import { backtestTextTable } from './backtestTextTable.ts';
import { formatPercent, formatUsd, plural } from './format/humanNumbers.ts';

/**
 * An account backtest for a terminal: each function's table, then the account's totals per
 * policy and how often the account's headroom held a reservation back.
 *
 * @example
 * ```ts
 * process.stdout.write(accountBacktestText(await runAccountBacktest(options)));
 * ```
 */
export function accountBacktestText(result: AccountBacktestResult): string {
  const rows = result.totals.map((t) => [
    t.policy,
    `${t.windowsMeetingSlo}/${t.windowsWithTraffic}`,
    formatPercent(t.windowsWithTraffic === 0 ? null : t.windowsMeetingSlo / t.windowsWithTraffic),
    String(t.throttles),
    formatUsd(t.costUsd),
  ]);
  return [
    ...result.functions.map(backtestTextTable),
    `The account: ${plural(result.functions.length, 'function')}, concurrency limit ${result.accountConcurrencyLimit}`,
    ...alignedColumns(['policy', 'windows ok', 'attain', 'throttles', 'cost $'], rows),
    `The thermostat ran ${plural(result.cycles, 'cycle')}; the account's headroom held a ` +
      `reservation back in ${result.cyclesHeldByAccountHeadroom} of them; at least ` +
      `${result.leastUnreservedConcurrency} of the account stayed unreserved.`,
    '',
  ].join('\n');
}
