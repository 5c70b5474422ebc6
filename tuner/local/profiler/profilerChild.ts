import { spawn } from 'node:child_process';
import type { BundledExample } from './bundleExample.ts';
import { type EmfInvocation, parseEmfInvocation } from './emfInvocation.ts';
import { parseRunnerReport } from './runnerReport.ts';

/** What one child process measured. */
export interface ChildMeasurement {
  /** One entry per invocation, in order, from the SDK's EMF lines. */
  readonly invocations: readonly EmfInvocation[];
  /** Process start → handler module imported, ms, as the runner saw it. */
  readonly readyMs: number | undefined;
}

/** A profiler child process failed, hung, or did not write the EMF documents it should have. */
export class ProfilerChildError extends Error {
  override readonly name = 'ProfilerChildError';
}

/**
 * Runs the bundled example in a fresh Node.js process (`node runner.mjs handler.mjs
 * sampleEvent.mjs <invocations>`), which invokes its handler `invocations` times with the sample
 * event, and collects the EMF metrics the SDK wrote on stdout. `onInvocation` is called as each
 * one arrives (for progress).
 *
 * @example
 * ```ts
 * const run = await runProfilerChild({ name: 'ocr-detector', bundle, invocations: 1,
 *   env: { AWS_LAMBDA_FUNCTION_NAME: 'ocr-detector' }, timeoutMs: 60_000 });
 * run.invocations[0]?.initDurationMs; // e.g. 412.4
 * ```
 */
export function runProfilerChild(options: {
  /** Example name, for error messages. */
  name: string;
  bundle: BundledExample;
  invocations: number;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  onInvocation?: (invocation: EmfInvocation) => void;
}): Promise<ChildMeasurement> {
  const { name, bundle, invocations: expected } = options;
  const child = spawn(
    process.execPath,
    [bundle.runnerPath, bundle.handlerPath, bundle.sampleEventPath, String(expected)],
    // One document per invocation is what it measures (the SDK's default aggregates them).
    {
      env: { ...options.env, THERMOSTAT_EMF_MODE: 'per-invocation' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const invocations: EmfInvocation[] = [];
  let readyMs: number | undefined;
  let pending = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      readyMs ??= parseRunnerReport(line)?.readyMs;
      const invocation = parseEmfInvocation(line);
      if (invocation === undefined) continue;
      invocations.push(invocation);
      options.onInvocation?.(invocation);
    }
  });
  // Keep only the tail: enough to explain a failure, bounded whatever the child prints.
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new ProfilerChildError(
          `${name}: the child process ran longer than ${options.timeoutMs} ms`,
        ),
      );
    }, options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new ProfilerChildError(`${name}: could not start node: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code !== 0) {
        const why = signal === null ? `exit code ${code}` : `signal ${signal}`;
        reject(
          new ProfilerChildError(`${name}: the child process failed (${why}):\n${stderr.trim()}`),
        );
      } else if (invocations.length !== expected) {
        reject(
          new ProfilerChildError(
            `${name}: expected ${expected} EMF documents with InvokeLatency and CpuTime on stdout, ` +
              `got ${invocations.length}: is the handler wrapped with withTelemetry (per-invocation mode)?`,
          ),
        );
      } else {
        resolve({ invocations, readyMs });
      }
    });
  });
}
