import { build } from 'esbuild';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  executionEnvironment,
  resetExecutionEnvironment,
} from '../../sdk/lifecycle/executionEnvironment.ts';

/** The source files (and packages) a function's bundle of `entry` contains, as esbuild bundles it. */
async function bundledInputs(entry: string): Promise<string[]> {
  const result = await build({
    stdin: { contents: entry, resolveDir: process.cwd(), loader: 'ts' },
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'esm',
    // The workspace's sources, as the built entry points bundle them.
    conditions: ['source'],
    external: ['onnxruntime-node', '@opentelemetry/sdk-node'],
    logLevel: 'silent',
  });
  return Object.keys(result.metafile.inputs);
}

const SPAN_CODE = [
  'sdk/tracing/openTelemetryTracing.ts',
  'sdk/tracing/invocationSpan.ts',
  'sdk/tracing/parentContext.ts',
];

describe('what a function loads at start-up', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    resetExecutionEnvironment();
  });

  it('a bundle of withTelemetry leaves out @opentelemetry/api and the span code', async () => {
    // Act
    const inputs = await bundledInputs(
      "import { withTelemetry } from '@lambda-thermostat/sdk';\nexport const handler = withTelemetry(async () => 1);",
    );
    // Assess
    expect(inputs).toContain('sdk/withTelemetry.ts');
    expect(inputs.filter((file) => file.includes('@opentelemetry/api'))).toEqual([]);
    expect(inputs.filter((file) => SPAN_CODE.includes(file))).toEqual([]);
  });

  it('a bundle that calls enableSpans carries the span code and @opentelemetry/api', async () => {
    // Act
    const inputs = await bundledInputs(
      "import { withTelemetry } from '@lambda-thermostat/sdk';\nimport { enableSpans } from '@lambda-thermostat/sdk/otel';\nenableSpans();\nexport const handler = withTelemetry(async () => 1);",
    );
    // Assess
    expect(inputs.some((file) => file.includes('@opentelemetry/api'))).toBe(true);
    expect(SPAN_CODE.every((file) => inputs.includes(file))).toBe(true);
  });

  it('keeps one invocation slot where Lambda serves one invocation at a time, AsyncLocalStorage elsewhere', () => {
    // Prepare / Act / Assess: a standard Lambda environment
    vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', 'ocr-detector');
    vi.stubEnv('AWS_LAMBDA_INITIALIZATION_TYPE', 'on-demand');
    expect(resetExecutionEnvironment().oneInvocationAtATime).toBe(true);
    // Lambda Managed Instances, told by either variable
    vi.stubEnv('AWS_LAMBDA_MAX_CONCURRENCY', '16');
    expect(resetExecutionEnvironment().oneInvocationAtATime).toBe(false);
    vi.unstubAllEnvs();
    vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', 'ocr-detector');
    vi.stubEnv('AWS_LAMBDA_INITIALIZATION_TYPE', 'lambda-managed-instances');
    expect(resetExecutionEnvironment().oneInvocationAtATime).toBe(false);
    // Outside Lambda (a local run, a test) invocations may overlap
    vi.unstubAllEnvs();
    vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', undefined);
    resetExecutionEnvironment();
    expect(executionEnvironment.oneInvocationAtATime).toBe(false);
  });
});
