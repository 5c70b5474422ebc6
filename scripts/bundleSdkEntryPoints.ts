/**
 * Builds the SDK's JavaScript: one ES module per entry point of `sdk/package.json` (`.`, `/otel`,
 * `/cost`, `/emf`), the code they share in chunks (so every entry point sees the same state:
 * the flush hook, the span code `/otel` provides), and every package left external. A function
 * installed from `node_modules` then loads a handful of files instead of one per source file
 * (docs/decisions/0061-load-at-import-only-what-the-first-invocation-needs.md). `tsc` writes the
 * declarations (`sdk/tsconfig.build.json`).
 * Run (the SDK's `npm run build` does): tsx ../scripts/bundleSdkEntryPoints.ts
 */
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const sdk = join(dirname(fileURLToPath(import.meta.url)), '..', 'sdk');
const out = join(sdk, 'dist');

/** The SDK's entry points, as `sdk/package.json` exports them (output path → source). */
export const SDK_ENTRY_POINTS = {
  index: 'index.ts',
  'otel/index': 'otel/index.ts',
  'cost/index': 'cost/index.ts',
  'emf/index': 'emf/index.ts',
} as const;

rmSync(join(out, 'chunks'), { recursive: true, force: true });
await build({
  entryPoints: Object.fromEntries(
    Object.entries(SDK_ENTRY_POINTS).map(([output, source]) => [output, join(sdk, source)]),
  ),
  outdir: out,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // `@opentelemetry/api` and the optional peers are the user's installs, never copies.
  packages: 'external',
  sourcemap: true,
  // As tsc's maps did: the sources are not in the package, so the maps name them without copies.
  sourcesContent: false,
  logLevel: 'warning',
});
