/**
 * What the SDK writes for a function at a given traffic: custom metrics declared and log bytes
 * per invocation, counted from its own EMF output while one environment serves Poisson arrivals
 * at that rate on a simulated clock (aggregated documents depend on how busy an environment is:
 * sdk/emf/emfEmitter.ts). Shared by the tool-cost bench and the test that ties the cost model's
 * default usage to the code (test/tuner/core/cost/defaultToolUsage.test.ts).
 */
import { withTelemetry } from '../../sdk/index.ts';
import { resetExecutionEnvironment } from '../../sdk/lifecycle/executionEnvironment.ts';
import type { TelemetryOptions } from '../../sdk/telemetryOptions.ts';
import { Xoshiro128 } from '../../tuner/sim/random/xoshiro128.ts';

/** What a setup writes per function. */
export interface Written {
  readonly bytesPerInvocation: number;
  readonly metricsPerFunction: number;
}

/** Counts EMF lines: their bytes as ingested (line and newline) and the metrics they declare. */
export function countingWriter(): {
  write: (line: string) => void;
  result: (invocations: number) => Written;
} {
  let bytes = 0;
  const declared = new Set<string>();
  return {
    write(line: string) {
      bytes += Buffer.byteLength(line) + 1;
      const doc = JSON.parse(line) as {
        _aws?: { CloudWatchMetrics: { Dimensions: string[][]; Metrics: { Name: string }[] }[] };
      };
      for (const directive of doc._aws?.CloudWatchMetrics ?? [])
        for (const set of directive.Dimensions)
          for (const metric of directive.Metrics) declared.add(`${metric.Name}|${set.join(',')}`);
    },
    result: (invocations) => ({
      bytesPerInvocation: bytes / invocations,
      metricsPerFunction: declared.size,
    }),
  };
}

/** A Lambda context with a real request id's length (the bytes counted depend on it). */
export function benchContext(n: number, memoryMb: number) {
  return {
    awsRequestId: `8f2c1a4e-5b6d-4c3e-9a7b-${String(n).padStart(12, '0')}`,
    functionName: 'ocr-detector',
    functionVersion: '12',
    memoryLimitInMB: String(memoryMb),
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:ocr-detector:live',
    getRemainingTimeInMillis: () => 3000,
  };
}

/**
 * Runs `invocations` requests through `withTelemetry` (one cold start, then warm), arriving as a
 * Poisson process of `invocationsPerDay` on one environment, with `Date.now` on the simulated
 * clock; values still pending at the end are not counted (at most one document's).
 *
 * @example
 * ```ts
 * const written = await sdkWritesAt({}, { invocationsPerDay: 100_000, invocations: 2_000, memoryMb: 1769 });
 * written.bytesPerInvocation; // ~40 in aggregated mode
 * ```
 */
export async function sdkWritesAt(
  options: TelemetryOptions,
  traffic: { invocationsPerDay: number; invocations: number; memoryMb: number; seed?: number },
): Promise<Written> {
  resetExecutionEnvironment();
  const sink = countingWriter();
  const handler = withTelemetry(async (_e: unknown, _c: unknown) => 'ok', {
    ...options,
    writer: sink.write,
  });
  const rng = new Xoshiro128(traffic.seed ?? 7);
  const meanGapMs = 86_400_000 / traffic.invocationsPerDay;
  const realNow = Date.now;
  let clock = Date.UTC(2026, 11, 1, 12, 0, 0);
  Date.now = () => clock;
  try {
    for (let n = 0; n < traffic.invocations; n++) {
      await handler({}, benchContext(n, traffic.memoryMb));
      clock += Math.max(1, Math.round(-Math.log(1 - rng.next()) * meanGapMs));
    }
  } finally {
    Date.now = realNow;
  }
  return sink.result(traffic.invocations);
}
