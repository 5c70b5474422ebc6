/**
 * Work that measures the repository's own examples (profiling an example, the demo) needs a
 * checkout: the examples, their models and esbuild are development files of the repository, not
 * part of the installed tuner package (docs/decisions/0060-one-package-per-concern.md).
 */
import { existsSync } from 'node:fs';

/** Work needs files only a checkout of the repository has. */
export class CheckoutRequiredError extends Error {
  override readonly name = 'CheckoutRequiredError';
}

const CHECKOUT_HINT =
  'it runs only in a checkout of the lambda-thermostat repository (after `npm install` there, ' +
  'through `npm run thermostat`); the installed package has no examples, models or esbuild';

/**
 * Throws {@link CheckoutRequiredError} naming the work and the first missing file.
 *
 * @example
 * ```ts
 * requireCheckoutFiles('the demo', [DEMO_TRACE_FILE]);
 * // throws CheckoutRequiredError: the demo: …/examples/traces/azure2019/100_inv.csv is missing: it runs only in a checkout …
 * ```
 */
export function requireCheckoutFiles(what: string, files: readonly string[]): void {
  const missing = files.find((file) => !existsSync(file));
  if (missing !== undefined)
    throw new CheckoutRequiredError(`${what}: ${missing} is missing: ${CHECKOUT_HINT}`);
}

/**
 * Imports a module that needs a development dependency (esbuild) only when the command runs, so
 * every other command works from the installed package; a missing package becomes
 * {@link CheckoutRequiredError}.
 *
 * @example
 * ```ts
 * const { bundleExample } = await importCheckoutModule('profiling', () => import('./profiler/bundleExample.ts'));
 * ```
 */
export async function importCheckoutModule<T>(what: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND')
      throw new CheckoutRequiredError(`${what}: ${(error as Error).message}: ${CHECKOUT_HINT}`);
    throw error;
  }
}
