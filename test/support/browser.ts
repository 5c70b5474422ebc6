/**
 * Headless Chromium for the report tests, driven by playwright-core: Debian's `chromium` at
 * /usr/bin/chromium, with a fresh profile per launch, no GPU, no sandbox and no background
 * networking. When the browser is missing the tests are skipped with a printed reason (how to
 * install it), unless THERMOSTAT_REQUIRE_BROWSER=1 (CI), which turns its absence into a failure.
 *
 * @example
 * ```ts
 * const browser = useBrowser();
 * describe.skipIf(browser.skipped)('the report in Chromium', () => {
 *   it('loads', async () => {
 *     const view = await browser.open('/tmp/report/index.html');
 *     expect(view.consoleErrors).toEqual([]);
 *   });
 * });
 * ```
 */
import { accessSync, constants } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

/** Where Debian installs Chromium. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** The variable that makes a missing Chromium fail the tests instead of skipping them. */
export const REQUIRE_BROWSER_VARIABLE = 'THERMOSTAT_REQUIRE_BROWSER';

/** Time a browser test may take: Chromium on a busy 2-core machine is slow to start and draw. */
export const BROWSER_TIMEOUT_MS = 180_000;

/** Where tests write what a person would look at (screenshots). */
export const TEST_OUTPUT_DIR = 'test-output';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/** A page opened from disk, with everything it logged and asked the network for. */
export interface OpenedPage {
  readonly page: Page;
  readonly consoleErrors: string[];
  /** Every request other than the page's own file. */
  readonly requests: string[];
}

/** The browser of one test file. */
export interface BrowserHandle {
  readonly skipped: boolean;
  /** Opens a file (JavaScript on unless told otherwise) and waits for it to load. */
  open(file: string, options?: { readonly javaScript?: boolean }): Promise<OpenedPage>;
}

/** Whether the browser tests run, skip (with how to install Chromium) or fail. */
export interface BrowserRequirement {
  readonly skipped: boolean;
  /** Printed when skipped. */
  readonly warning?: string;
  /** Thrown before the tests when the browser is required and missing. */
  readonly failure?: string;
}

/**
 * What a missing or found Chromium means: run when found; when missing, skip with a message
 * saying how to install it, unless THERMOSTAT_REQUIRE_BROWSER=1 (set by .ci/run), which makes it
 * a failure.
 *
 * @example
 * ```ts
 * browserRequirement(false).warning; // '[browser] skipping browser tests: /usr/bin/chromium not found; …'
 * ```
 */
export function browserRequirement(found: boolean): BrowserRequirement {
  const required = process.env[REQUIRE_BROWSER_VARIABLE] === '1';
  if (found) return { skipped: false };
  if (required)
    return {
      skipped: false,
      failure: `${CHROMIUM_PATH} not found and ${REQUIRE_BROWSER_VARIABLE}=1: install it with \`apt-get update && apt-get install -y chromium\``,
    };
  return {
    skipped: true,
    warning:
      `[browser] skipping browser tests: ${CHROMIUM_PATH} not found; install it with ` +
      `\`apt-get update && apt-get install -y chromium\` (set ${REQUIRE_BROWSER_VARIABLE}=1 to make this a failure)`,
  };
}

/**
 * Registers beforeAll/afterAll hooks that launch Chromium once for the calling test file (a
 * fresh user-data-dir, removed afterwards). Call at the top level of the file.
 *
 * @example
 * ```ts
 * const browser = useBrowser();
 * ```
 */
export function useBrowser(): BrowserHandle {
  const need = browserRequirement(isExecutable(CHROMIUM_PATH));
  const skipped = need.skipped;
  if (need.warning !== undefined) console.warn(need.warning);
  // One browser per test file and JavaScript setting (a fresh profile each), a page per open.
  const contexts = new Map<boolean, Promise<{ context: BrowserContext; dir: string }>>();
  const contextFor = (javaScript: boolean) => {
    let launched = contexts.get(javaScript);
    if (launched === undefined) {
      launched = (async () => {
        const dir = await mkdtemp(join(tmpdir(), 'thermostat-chromium-'));
        const context = await chromium.launchPersistentContext(dir, {
          executablePath: CHROMIUM_PATH,
          headless: true,
          args: ARGS,
          javaScriptEnabled: javaScript,
          viewport: { width: 1200, height: 900 },
        });
        return { context, dir };
      })();
      contexts.set(javaScript, launched);
    }
    return launched;
  };
  beforeAll(() => {
    if (need.failure !== undefined) throw new Error(need.failure);
  });
  afterAll(async () => {
    for (const launched of contexts.values()) {
      const { context, dir } = await launched;
      await context.close();
      await rm(dir, { recursive: true, force: true });
    }
  }, BROWSER_TIMEOUT_MS);
  return {
    skipped,
    async open(file, options = {}) {
      const { context } = await contextFor(options.javaScript ?? true);
      const page = await context.newPage();
      const url = pathToFileURL(file).href;
      const consoleErrors: string[] = [];
      const requests: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') consoleErrors.push(m.text());
      });
      page.on('pageerror', (e) => consoleErrors.push(e.message));
      page.on('request', (r) => {
        if (r.url() !== url) requests.push(r.url());
      });
      await page.goto(url, { waitUntil: 'load', timeout: BROWSER_TIMEOUT_MS });
      return { page, consoleErrors, requests };
    },
  };
}

/**
 * Saves a full-page screenshot under `test-output/<name>.png` and returns its path.
 *
 * @example
 * ```ts
 * const png = await screenshot(view.page, 'history-report');
 * ```
 */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(TEST_OUTPUT_DIR, { recursive: true });
  const path = join(TEST_OUTPUT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true, timeout: BROWSER_TIMEOUT_MS });
  return path;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
