/**
 * The browser tests' requirement: skipped with how to install Chromium when it is missing, a
 * failure when THERMOSTAT_REQUIRE_BROWSER=1 (.ci/run sets it), run when it is there.
 */
import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { browserRequirement, REQUIRE_BROWSER_VARIABLE } from './browser.ts';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('browserRequirement', () => {
  it('skips without Chromium, saying how to install it', () => {
    // Prepare
    vi.stubEnv(REQUIRE_BROWSER_VARIABLE, '');

    // Act
    const need = browserRequirement(false);

    // Assess
    expect(need.skipped).toBe(true);
    expect(need.failure).toBeUndefined();
    expect(need.warning).toContain('apt-get update && apt-get install -y chromium');
  });

  it('fails without Chromium when the variable requires it', () => {
    // Prepare
    vi.stubEnv(REQUIRE_BROWSER_VARIABLE, '1');

    // Act
    const need = browserRequirement(false);

    // Assess
    expect(need.skipped).toBe(false);
    expect(need.failure).toContain(`${REQUIRE_BROWSER_VARIABLE}=1`);
  });

  it('runs with Chromium, required or not', () => {
    // Prepare
    vi.stubEnv(REQUIRE_BROWSER_VARIABLE, '1');

    // Act / Assess
    expect(browserRequirement(true)).toEqual({ skipped: false });
  });

  it('is required by CI, which installs Chromium', async () => {
    // Act
    const script = await readFile('.ci/run', 'utf8');

    // Assess
    expect(script).toContain(`export ${REQUIRE_BROWSER_VARIABLE}=1`);
    expect(script).toMatch(/apt-get install -y chromium/);
  });
});
