import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Resolve `lambda-thermostat/*` self-imports to the TypeScript sources (see package.json "source").
    conditions: ['source'],
  },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    include: ['test/**/*.test.ts', 'examples/**/*.test.ts'],
    exclude: ['node_modules', 'dist', 'test/bench/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    setupFiles: ['test/support/emfAuditSetup.ts'],
  },
});
