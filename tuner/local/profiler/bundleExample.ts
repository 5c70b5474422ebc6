import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import type { ProfiledExample } from './exampleCatalog.ts';

/** The example built to plain JavaScript, ready to run with `node` and nothing else. */
export interface BundledExample {
  /** The profiler runner, `runner.mjs`. */
  readonly runnerPath: string;
  /** The handler module: importing it is the init. */
  readonly handlerPath: string;
  /** The module exporting `createSampleEvent()`. */
  readonly sampleEventPath: string;
  /** Deletes the bundle. */
  dispose(): Promise<void>;
}

const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));
const runnerSource = fileURLToPath(new URL('./runner.ts', import.meta.url));
// Inside node_modules so the bundle's external imports (onnxruntime-node, pngjs, ...) resolve.
const cacheDirectory = join(
  repositoryRoot,
  'node_modules',
  '.cache',
  'lambda-thermostat',
  'profiler',
);

/** Marks every bare import external except the project's own `@lambda-thermostat/*` packages. */
const externalNpmPackages: Plugin = {
  name: 'external-npm-packages',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@lambda-thermostat/') ? undefined : { path: args.path, external: true },
    );
  },
};

/**
 * Bundles the example's handler, its sample event and the runner with esbuild, the way a Lambda
 * deployment does (the CDK's `NodejsFunction` uses esbuild too): the project's own TypeScript,
 * the SDK included, becomes one ES module per entry; npm packages stay external and load from
 * node_modules, as they would from a Lambda layer. Measuring a bundle rather than running the
 * sources through a TypeScript loader keeps the loader's start-up and compile time (hundreds of
 * milliseconds) out of the measured init.
 *
 * @example
 * ```ts
 * const bundle = await bundleExample(findExample('ocr-detector'));
 * try { spawn(process.execPath, [bundle.runnerPath, bundle.handlerPath, bundle.sampleEventPath, '1']); }
 * finally { await bundle.dispose(); }
 * ```
 */
export async function bundleExample(example: ProfiledExample): Promise<BundledExample> {
  await mkdir(cacheDirectory, { recursive: true });
  // One directory per run: profiles may run concurrently (tests, several terminals).
  const directory = await mkdtemp(join(cacheDirectory, `${example.name}-`));
  try {
    await build({
      entryPoints: {
        runner: runnerSource,
        handler: example.handlerModule,
        sampleEvent: example.sampleEventModule,
      },
      outdir: directory,
      outExtension: { '.js': '.mjs' },
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      // npm packages stay external; the project's own packages are bundled from their sources
      // (their `dist` builds may not exist): the `source` condition of their exports.
      conditions: ['source'],
      plugins: [externalNpmPackages],
      logLevel: 'silent',
    });
  } catch (error) {
    await rm(directory, { recursive: true, force: true });
    throw error;
  }
  return {
    runnerPath: join(directory, 'runner.mjs'),
    handlerPath: join(directory, 'handler.mjs'),
    sampleEventPath: join(directory, 'sampleEvent.mjs'),
    dispose: () => rm(directory, { recursive: true, force: true }),
  };
}
