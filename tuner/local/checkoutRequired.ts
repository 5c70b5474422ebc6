/**
 * Commands that measure the repository's own examples (`profile --example`, `demo`) need a
 * checkout: the examples, their models and esbuild are development files of the repository, not
 * part of the installed tuner package (docs/decisions/0060-one-package-per-concern.md).
 */
import { existsSync } from 'node:fs';

/** A command needs files only a checkout of the repository has. */
export class CheckoutRequiredError extends Error {
  override readonly name = 'CheckoutRequiredError';
}

const CHECKOUT_HINT =
  'it runs only in a checkout of the lambda-thermostat repository (after `npm install` there: ' +
  '`npm run thermostat -- <command>`); the installed package has no examples, models or esbuild';

/**
 * Throws {@link CheckoutRequiredError} naming the command and the first missing file.
 *
 * @example
 * ```ts
 * requireCheckoutFiles('demo', [DEMO_TRACE_FILE]);
 * // throws CheckoutRequiredError: demo: …/examples/traces/azure2019/100_inv.csv is missing: it runs only in a checkout …
 * ```
 */
export function requireCheckoutFiles(command: string, files: readonly string[]): void {
  const missing = files.find((file) => !existsSync(file));
  if (missing !== undefined)
    throw new CheckoutRequiredError(`${command}: ${missing} is missing: ${CHECKOUT_HINT}`);
}

/**
 * Imports a module that needs a development dependency (esbuild) only when the command runs, so
 * every other command works from the installed package; a missing package becomes
 * {@link CheckoutRequiredError}.
 *
 * @example
 * ```ts
 * const { bundleExample } = await importCheckoutModule('profile', () => import('./profiler/bundleExample.ts'));
 * ```
 */
export async function importCheckoutModule<T>(command: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND')
      throw new CheckoutRequiredError(`${command}: ${(error as Error).message}: ${CHECKOUT_HINT}`);
    throw error;
  }
}
