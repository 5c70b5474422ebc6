import type { ErrorBudget } from './errorBudget.ts';

const amount = (value: number) =>
  Math.abs(value) >= 100 || Number.isInteger(value) ? value.toFixed(0) : value.toFixed(1);

/**
 * An error budget in one line, for summaries and pages: what is left, of how many, the burn
 * rate, and the warning.
 *
 * @example
 * ```ts
 * describeErrorBudget(budget); // 'error budget 62% left (12.4 of 20.2 periods) · burn rate 0.80 over the last hour'
 * ```
 */
export function describeErrorBudget(budget: ErrorBudget): string {
  const left =
    budget.remainingPercent === null
      ? `error budget not started (no ${budget.unit} counted yet)`
      : budget.exhausted
        ? `error budget spent: ${amount(budget.spent)} bad ${budget.unit} of ${amount(budget.total)} allowed (${budget.remainingPercent.toFixed(0)}% left)`
        : `error budget ${budget.remainingPercent.toFixed(0)}% left (${amount(budget.remaining)} of ${amount(budget.total)} ${budget.unit})`;
  const burn =
    budget.burnRate === null ? '' : ` · burn rate ${budget.burnRate.toFixed(2)} over the last hour`;
  const warning = budget.warning && !budget.exhausted ? ' · below the warning threshold' : '';
  return `${left}${burn}${warning}`;
}
