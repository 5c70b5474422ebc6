/**
 * Each target's error budget this cycle (docs/decisions/0067-slos-as-application-signals-defines-them.md):
 * the complete minutes of the recent window not counted yet go into the target's ledger
 * (tuner/core/slo/budgetLedger.ts, kept in the memory), and the budget over the SLO's interval is
 * read from it, with the burn rate of the last hour's minutes.
 */
import type { TargetConfig } from '../core/config/thermostatConfig.ts';
import type { ObservationWindow, TargetObservation } from '../core/ports.ts';
import { targetKey } from '../core/ports.ts';
import {
  type BudgetLedger,
  foldLedger,
  type LedgerMinute,
  ledgerBudget,
  recentTally,
} from '../core/slo/budgetLedger.ts';
import { BURN_RATE_SPAN_MS, type ErrorBudget } from '../core/slo/errorBudget.ts';

/** The budgets of a cycle, and the ledgers to remember. */
export interface TargetBudgets {
  /** By `targetKey`; targets whose metrics could not be read keep their ledger and have none. */
  readonly budgets: ReadonlyMap<string, ErrorBudget>;
  readonly ledgers: Readonly<Record<string, BudgetLedger>>;
}

/**
 * Folds the recent window's complete minutes into each target's ledger and reads its budget.
 *
 * @example
 * ```ts
 * const { budgets, ledgers } = targetBudgets(config.targets, observations, memory.budgets, windows.recent, nowMs);
 * ```
 */
export function targetBudgets(
  targets: readonly TargetConfig[],
  observations: ReadonlyMap<string, TargetObservation | Error>,
  previous: Readonly<Record<string, BudgetLedger>> | undefined,
  recent: ObservationWindow,
  nowMs: number,
): TargetBudgets {
  const budgets = new Map<string, ErrorBudget>();
  const ledgers: Record<string, BudgetLedger> = {};
  for (const target of targets) {
    const key = targetKey(target.ref);
    const kept = previous?.[key];
    const observation = observations.get(key);
    if (observation === undefined || observation instanceof Error) {
      if (kept !== undefined) ledgers[key] = kept;
      continue;
    }
    const minutes = ledgerMinutes(observation, recent);
    const ledger = foldLedger(kept, minutes, target.slo, recent.endMs);
    ledgers[key] = ledger;
    const tally = recentTally(minutes, target.slo, recent.endMs - BURN_RATE_SPAN_MS, recent.endMs);
    budgets.set(key, ledgerBudget(ledger, target.slo, nowMs, tally));
  }
  return { budgets, ledgers };
}

/** The observation's minutes within the recent window, as the ledger reads them. */
function ledgerMinutes(observation: TargetObservation, recent: ObservationWindow): LedgerMinute[] {
  const minutes: LedgerMinute[] = [];
  observation.metrics.forEach((m, i) => {
    if (m.startMs < recent.startMs || m.startMs >= recent.endMs) return;
    minutes.push({
      startMs: m.startMs,
      served: m.invocations,
      throttles: m.throttles,
      withinPercent: observation.withinSloPercent?.[i] ?? null,
    });
  });
  return minutes;
}
