import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Resolve the workspace packages (`@lambda-thermostat/*`) to their TypeScript sources (the
    // "source" condition of their package.json exports; docs/decisions/0060-one-package-per-concern.md).
    conditions: ['source'],
  },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    include: ['test/**/*.test.ts', 'examples/**/*.test.ts'],
    exclude: ['node_modules', 'dist', 'test/bench/**'],
    // Whole-backtest tests replay hours of traffic through the shipped cycle; on a shared 2-core
    // machine they need minutes, not seconds. Tests assert no wall-clock time: this only bounds a hang.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: 'forks',
    setupFiles: ['test/support/emfAuditSetup.ts'],
  },
});
