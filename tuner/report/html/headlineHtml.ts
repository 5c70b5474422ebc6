import type { HeadlinePart } from '../headline.ts';
import { escapeHtml } from './escapeHtml.ts';

/**
 * A headline as one paragraph; each part carries its number (`data-value`) for checks.
 *
 * @example
 * ```ts
 * headlineHtml(historyHeadline(target)); // '<p class="headline">…</p>'
 * ```
 */
export function headlineHtml(parts: readonly HeadlinePart[]): string {
  return `<p class="headline">${parts
    .map(
      (p) => `<span data-headline="${p.key}" data-value="${p.value}">${escapeHtml(p.text)}</span>`,
    )
    .join('')}</p>`;
}
