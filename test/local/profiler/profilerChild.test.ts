import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundleExample } from '../../../tuner/local/profiler/bundleExample.ts';
import type { ProfiledExample } from '../../../tuner/local/profiler/exampleCatalog.ts';
import {
  ProfilerChildError,
  runProfilerChild,
} from '../../../tuner/local/profiler/profilerChild.ts';

function fixture(handler: string): ProfiledExample {
  return {
    name: handler,
    handlerModule: fileURLToPath(new URL(`./fixtures/${handler}.ts`, import.meta.url)),
    sampleEventModule: fileURLToPath(new URL('./fixtures/sampleEvent.ts', import.meta.url)),
    threadsVariable: 'FIXTURE_THREADS',
  };
}

async function runFixture(handler: string, invocations: number) {
  const bundle = await bundleExample(fixture(handler));
  try {
    return await runProfilerChild({
      name: handler,
      bundle,
      invocations,
      env: { PATH: process.env.PATH, AWS_LAMBDA_FUNCTION_NAME: handler },
      timeoutMs: 60_000,
    });
  } finally {
    await bundle.dispose();
  }
}

describe('runProfilerChild', () => {
  it('collects one EMF measurement per invocation, the init on the first only', async () => {
    // Prepare / Act
    const run = await runFixture('wrappedHandler', 3);

    // Assess
    expect(run.invocations).toHaveLength(3);
    expect(run.invocations[0]?.initDurationMs).toBeGreaterThan(0);
    expect(run.invocations[1]?.initDurationMs).toBeUndefined();
    for (const invocation of run.invocations) {
      expect(invocation.invokeLatencyMs).toBeGreaterThan(0);
      expect(invocation.cpuTimeMs).toBeGreaterThan(0);
    }
    expect(run.readyMs).toBeGreaterThan(0);
  });

  it('fails with the child stderr when the init throws', async () => {
    // Prepare / Act
    const run = runFixture('failingInitHandler', 1);

    // Assess
    await expect(run).rejects.toThrow(ProfilerChildError);
    await expect(run).rejects.toThrow(/model file not found/);
  });

  it('fails clearly when the handler writes no EMF (not wrapped with withTelemetry)', async () => {
    // Prepare / Act
    const run = runFixture('unwrappedHandler', 2);

    // Assess
    await expect(run).rejects.toThrow(/expected 2 EMF documents.*got 0.*withTelemetry/);
  });
});
