import { stat } from 'node:fs/promises';
import { type Profile, validateProfile } from '../../sim/index.ts';
import { importCheckoutModule, requireCheckoutFiles } from '../checkoutRequired.ts';
import { findExample, type ProfiledExample } from './exampleCatalog.ts';
import {
  type ProfileExampleOptions,
  type ResolvedProfileOptions,
  resolveProfileOptions,
} from './profileOptions.ts';
import { ProfileProgress } from './profileProgress.ts';
import { ProfilerChildError, runProfilerChild } from './profilerChild.ts';

/**
 * Measures an example handler for real and returns its profile (the format the simulator reads,
 * `tuner/sim/profile.ts`):
 * - the example is first bundled with esbuild, as for a deployment (see `bundleExample.ts`);
 * - `initMs`: `cold` cold starts, each a fresh Node.js process; the init is the SDK's
 *   `InitDuration` of the first invocation (process start → `markReady()`), or, if the SDK did not
 *   report one, process start → handler module imported;
 * - `serviceMs`: `warm` invocations in one process after `warmup` discarded ones, the SDK's
 *   `InvokeLatency`;
 * - `cpuBoundFraction`: mean `CpuTime` / mean `InvokeLatency` of those, clamped to 0..1;
 * - `memoryMb` and `maxThreads`: the model runs with `threads` intra-op threads, so the profile
 *   stands for `threads × 1,769 MB` (one core ≈ one vCPU; see `memoryRule.ts`);
 * - `modelBytes`: the size of the model file the catalog names, if any.
 * Runs are sequential: parallel children would compete for the same cores and skew each other.
 *
 * @example
 * ```ts
 * const profile = await profileExample({ example: 'ocr-detector', cold: 3, warm: 30 });
 * writeFileSync('profile.json', JSON.stringify(profile, null, 2));
 * ```
 */
export async function profileExample(options: ProfileExampleOptions): Promise<Profile> {
  const resolved = resolveProfileOptions(options);
  const example = findExample(resolved.example);
  const env = childEnvironment(example, resolved);
  const what = `profiling the ${example.name} example`;
  requireCheckoutFiles(what, [example.handlerModule, example.sampleEventModule]);
  // esbuild is a development dependency: loaded only here, never by the other commands.
  const { bundleExample } = await importCheckoutModule(what, () => import('./bundleExample.ts'));
  const bundle = await bundleExample(example);
  const progress = new ProfileProgress({
    enabled: resolved.progress,
    total: resolved.cold + resolved.warmup + resolved.warm,
  });
  const child = { name: example.name, bundle, env, timeoutMs: resolved.timeoutMs };
  try {
    const initMs: number[] = [];
    for (let i = 1; i <= resolved.cold; i++) {
      progress.describe(`cold start ${i}/${resolved.cold}`);
      const run = await runProfilerChild({ ...child, invocations: 1 });
      const init = run.invocations[0]?.initDurationMs ?? run.readyMs;
      if (init === undefined) {
        throw new ProfilerChildError(
          `${example.name}: the child reported no InitDuration and no ready time`,
        );
      }
      initMs.push(round(init, 2));
      progress.advance(`cold start ${i}/${resolved.cold}`);
    }
    progress.describe('warm invocations');
    const warmRun = await runProfilerChild({
      ...child,
      invocations: resolved.warmup + resolved.warm,
      onInvocation: () => progress.advance('warm invocations'),
    });
    const measured = warmRun.invocations.slice(resolved.warmup);
    const meanWallMs = mean(measured.map((invocation) => invocation.invokeLatencyMs));
    const meanCpuMs = mean(measured.map((invocation) => invocation.cpuTimeMs));
    const profile: Profile = {
      name: example.name,
      memoryMb: resolved.memoryMb,
      initMs,
      serviceMs: measured.map((invocation) => round(invocation.invokeLatencyMs, 2)),
      // CPU time can exceed wall time (GC and runtime threads); the simulator wants a share.
      cpuBoundFraction: round(Math.min(1, Math.max(0, meanCpuMs / meanWallMs)), 4),
      maxThreads: resolved.threads,
      ...(await modelBytes(example)),
    };
    validateProfile(profile);
    return profile;
  } finally {
    progress.stop();
    await bundle.dispose();
  }
}

/**
 * The child's environment: the parent's, minus `NODE_OPTIONS` (a test runner's, a TypeScript
 * loader's or a debugger's hooks would be measured too), plus what a Lambda runtime would set and what fixes the work:
 * per-invocation EMF (one document per invocation, which the profiler counts) and the threads.
 */
function childEnvironment(
  example: ProfiledExample,
  options: ResolvedProfileOptions,
): NodeJS.ProcessEnv {
  const {
    NODE_OPTIONS: _ignored,
    THERMOSTAT_METRICS_DISABLED: _alsoIgnored,
    ...inherited
  } = process.env;
  return {
    ...inherited,
    AWS_LAMBDA_FUNCTION_NAME: example.name,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(options.memoryMb),
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    ...example.environment,
    [example.threadsVariable]: String(options.threads),
  };
}

/** The size of the example's model file, when the catalog names one that exists. */
async function modelBytes(example: ProfiledExample): Promise<{ modelBytes?: number }> {
  if (example.modelFile === undefined) return {};
  try {
    return { modelBytes: (await stat(example.modelFile)).size };
  } catch {
    return {};
  }
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
