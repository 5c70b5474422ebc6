/**
 * How a history's windows were judged and which it holds, in words: one model for the HTML and
 * the Markdown history, so a reader knows whether "met 284/287" is exact or a bound, and why it
 * may count other windows than a backtest of the same run.
 */
import { formatMs, formatPercent, formatTime, plural } from './format/humanNumbers.ts';
import type { TargetHistory } from './schema/historyReportSchema.ts';

/**
 * How a history's windows were judged: all `exact`, all on the `bound`, `mixed`, or `none` scored.
 *
 * @example
 * ```ts
 * windowsBasis({ minutes: 5, scored: 287, met: 284, exact: 287, missedStartMs: [] }); // 'exact'
 * ```
 */
export function windowsBasis(w: TargetHistory['windows']): 'exact' | 'bound' | 'mixed' | 'none' {
  const exact = w.exact ?? 0;
  if (w.scored === 0) return 'none';
  return exact === w.scored ? 'exact' : exact === 0 ? 'bound' : 'mixed';
}

/**
 * The sentences that say how a target's windows were judged and what they cover.
 *
 * @example
 * ```ts
 * windowsBasisPhrases(target).join(' ');
 * // 'Windows judged exactly: each minute’s slow requests counted from CloudWatch’s PR(:200) of EndToEndLatency. …'
 * ```
 */
export function windowsBasisPhrases(t: TargetHistory): string[] {
  const w = t.windows;
  const exact = w.exact ?? 0;
  const pr = `CloudWatch’s PR(:${t.sloP99Ms}) of EndToEndLatency`;
  const bound =
    'on an upper bound of their slow requests (per minute: 1% of them if its p99 is within the target, else all): a window counted as met did meet it, a window counted as missed may not have';
  const phrases: string[] = [];
  const basis = windowsBasis(w);
  if (basis === 'none') phrases.push('No complete window with traffic yet.');
  else if (basis === 'exact')
    phrases.push(`Windows judged exactly: each minute’s slow requests counted from ${pr}.`);
  else if (basis === 'bound')
    phrases.push(`Windows judged ${bound} (the cycle reports do not carry ${pr} per minute).`);
  else
    phrases.push(
      `${plural(exact, 'window')} of ${w.scored} judged exactly from ${pr}; the other ${w.scored - exact} ${bound}.`,
    );
  const first = t.minutes[0];
  const last = t.minutes.at(-1);
  if (first !== undefined && last !== undefined)
    phrases.push(
      `The history holds the minutes its cycle reports saw, from ${formatTime(first.startMs)} (the first window with requests or cost) to ${formatTime(last.startMs + 60_000)}, the end of the newest minute the last cycle saw complete (CloudWatch completes a minute about 2 minutes after it ends).`,
    );
  if ((w.incomplete ?? 0) > 0)
    phrases.push(
      `${plural(w.incomplete ?? 0, 'window')} with traffic not scored: the history does not hold all ${w.minutes} of ${(w.incomplete ?? 0) === 1 ? 'its' : 'their'} minutes (the newest until the next cycle reports it, or a gap in the cycle reports).`,
    );
  const objective = t.errorBudget.objective;
  phrases.push(
    `Error budget: the SLO allows ${formatPercent(1 - objective, 0)} of its ${w.minutes}-minute windows to miss p99 ≤ ${formatMs(t.sloP99Ms)}; 100% spent is a period that met exactly ${formatPercent(objective, 0)}.`,
  );
  return phrases;
}
