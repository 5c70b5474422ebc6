/**
 * The npm registry for the packaging test, which installs the packed tarballs' dependencies
 * from it. When it cannot be reached the test is skipped with a printed reason, unless
 * THERMOSTAT_REQUIRE_REGISTRY=1 (CI, .ci/run), which makes that a failure naming the cause.
 */
import { spawnSync } from 'node:child_process';

/** The variable that makes an unreachable registry fail the packaging test instead of skipping it. */
export const REQUIRE_REGISTRY_VARIABLE = 'THERMOSTAT_REQUIRE_REGISTRY';

/** Whether the registry answered `npm ping`, and if not, why. */
export interface RegistryAvailability {
  /** The tests do not run (unreachable, and not required). */
  readonly skipped: boolean;
  /** Why it is unreachable; undefined when it answered. */
  readonly unreachable?: string;
}

/**
 * Pings the registry once (synchronously: the answer decides whether the suite is collected).
 *
 * @example
 * ```ts
 * const registry = registryAvailability();
 * describe.skipIf(registry.skipped)('installed packages', () => { ... });
 * ```
 */
export function registryAvailability(): RegistryAvailability {
  const ping = spawnSync('npm', ['ping'], { encoding: 'utf8', timeout: 30_000 });
  const unreachable =
    ping.status === 0
      ? undefined
      : `npm ping failed (${ping.error?.message ?? `exit ${ping.status}`}): ${(ping.stderr ?? '').trim().split('\n').slice(-2).join(' ')}`;
  const required = process.env[REQUIRE_REGISTRY_VARIABLE] === '1';
  if (unreachable !== undefined && !required)
    console.warn(
      `[packaging] skipping the installed-packages test: the npm registry is unreachable: ${unreachable} (set ${REQUIRE_REGISTRY_VARIABLE}=1 to make this a failure)`,
    );
  return {
    skipped: unreachable !== undefined && !required,
    ...(unreachable ? { unreachable } : {}),
  };
}
