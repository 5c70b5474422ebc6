import { TraceFunctionSelectionError } from './traceFunctionSelectionError.ts';
import type { TraceFunctionSummary } from './traceFunctionSummary.ts';

const LISTED = 10;

/**
 * Whether a selector picks a function: `functionPrefix` or `appPrefix/functionPrefix`, compared
 * case-insensitively with the start of the ids.
 *
 * @example
 * ```ts
 * functionSelectorMatches('e80f', 'e80f0c2a…', 'ab12…'); // true
 * functionSelectorMatches('ab1/e80f', 'e80f0c2a…', 'ab12…'); // true
 * ```
 */
export function functionSelectorMatches(selector: string, id: string, app: string | null): boolean {
  const slash = selector.indexOf('/');
  const functionPrefix = (slash < 0 ? selector : selector.slice(slash + 1)).toLowerCase();
  if (!id.toLowerCase().startsWith(functionPrefix)) return false;
  if (slash < 0) return true;
  return (app ?? '').toLowerCase().startsWith(selector.slice(0, slash).toLowerCase());
}

/**
 * The one function a selector picks among a file's functions (an exact id wins over longer ids it
 * is a prefix of); without a selector, the file's only function. Throws
 * `TraceFunctionSelectionError` listing the candidates when there is none or more than one.
 *
 * @example
 * ```ts
 * selectTraceFunction('inv.csv', functions, 'e80f0c'); // the index of the function e80f0c…
 * ```
 */
export function selectTraceFunction(
  file: string,
  functions: readonly TraceFunctionSummary[],
  selector: string | undefined,
): number {
  if (selector === undefined || selector === '') {
    if (functions.length === 1) return 0;
    const busiest = byInvocations(functions);
    throw new TraceFunctionSelectionError(
      functions.length === 0
        ? `${file} holds no function`
        : `${file} holds ${functions.length} functions: choose one by id or unique prefix. The busiest: ${describe(busiest)}`,
      busiest,
    );
  }
  const matches: number[] = [];
  functions.forEach((f, i) => {
    if (functionSelectorMatches(selector, f.id, f.app)) matches.push(i);
  });
  const exact = matches.filter((i) => functions[i]?.id.toLowerCase() === selector.toLowerCase());
  if (exact.length === 1) return exact[0] as number;
  if (matches.length === 1) return matches[0] as number;
  if (matches.length === 0) {
    const busiest = byInvocations(functions);
    throw new TraceFunctionSelectionError(
      `no function in ${file} matches "${selector}". The busiest: ${describe(busiest)}`,
      busiest,
    );
  }
  const candidates = byInvocations(matches.map((i) => functions[i] as TraceFunctionSummary));
  throw new TraceFunctionSelectionError(
    `"${selector}" matches ${matches.length} functions in ${file}; give a longer prefix, or app/function: ${describe(candidates)}`,
    candidates,
  );
}

function byInvocations(functions: readonly TraceFunctionSummary[]): TraceFunctionSummary[] {
  return [...functions].sort((a, b) => b.invocations - a.invocations);
}

function describe(functions: readonly TraceFunctionSummary[]): string {
  const shown = functions
    .slice(0, LISTED)
    .map((f) => `${f.id}${f.app !== null ? ` (app ${f.app})` : ''}: ${f.invocations} invocations`);
  const more = functions.length > LISTED ? `; and ${functions.length - LISTED} more` : '';
  return `${shown.join('; ')}${more}`;
}
