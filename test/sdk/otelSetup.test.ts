import {
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { withTelemetry } from '../../sdk/index.ts';
import { resetExecutionEnvironment } from '../../sdk/lifecycle/executionEnvironment.ts';
import { startTelemetry, type TelemetryHandle } from '../../sdk/otel/index.ts';
import { resetReportedFaults } from '../../sdk/telemetryFaults.ts';
import { capturingWriter } from '../support/emfSpecification.ts';
import { lambdaContext } from '../support/lambdaFixtures.ts';

describe('@lambda-thermostat/sdk/otel: startTelemetry', () => {
  let handle: TelemetryHandle | undefined;
  beforeEach(() => {
    vi.stubEnv('AWS_LAMBDA_INITIALIZATION_TYPE', 'on-demand');
    vi.stubEnv('OTEL_TRACES_EXPORTER', 'none');
    vi.stubEnv('OTEL_METRICS_EXPORTER', 'none');
    vi.stubEnv('OTEL_LOGS_EXPORTER', 'none');
    resetExecutionEnvironment();
    resetReportedFaults();
  });
  afterEach(async () => {
    await Promise.race([handle?.shutdown(), new Promise((r) => setTimeout(r, 200))]);
    handle = undefined;
    vi.useRealTimers();
    vi.unstubAllEnvs();
  });

  it('exports the spans of an invocation before the invocation returns', async () => {
    // Prepare: a batching exporter only exports on flush (or after its delay)
    const exporter = new InMemorySpanExporter();
    const { BatchSpanProcessor } = await import('@opentelemetry/sdk-trace-base');
    handle = await startTelemetry({
      spanProcessors: [new BatchSpanProcessor(exporter, { scheduledDelayMillis: 60_000 })],
      serviceName: 'test',
    });
    const handler = withTelemetry(async (_e: unknown, _c: unknown) => 'ok', {
      writer: capturingWriter().write,
    });
    // Act
    await handler({}, lambdaContext());
    // Assess
    expect(
      exporter
        .getFinishedSpans()
        .map((s) => s.name)
        .sort(),
    ).toEqual(['init', 'ocr-detector']);
  });

  it('never lets an exporter that never answers hang the invocation: the flush gives up at the deadline', async () => {
    // Prepare: an exporter whose callback is never called
    const exports: number[] = [];
    const silent: SpanExporter = {
      export: (spans) => {
        exports.push(spans.length);
      },
      shutdown: async () => {},
    };
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    handle = await startTelemetry({
      spanProcessors: [new SimpleSpanProcessor(silent)],
      flushCapMs: 150,
    });
    const handler = withTelemetry(async (_e: unknown, _c: unknown) => 'answer', {
      writer: capturingWriter().write,
    });
    // Act: the invocation's remaining time (100 ms) is below the cap, so it sets the deadline
    const result = await handler({}, lambdaContext({ remainingMs: 100 }));
    const reports = stderr.mock.calls.map((c) => String(c[0])).join('');
    stderr.mockRestore();
    // Assess: the result came back although the export never completed, and the gave-up is reported
    expect(result).toBe('answer');
    expect(exports.length).toBeGreaterThan(0);
    expect(reports).toContain('did not finish within 50 ms');
  });

  it('skips the flush when the invocation has no time left', async () => {
    // Prepare
    const flushed: string[] = [];
    const recording: SpanExporter = {
      export: (_spans, done) => {
        flushed.push('export');
        done({ code: 0 });
      },
      shutdown: async () => {},
    };
    const { BatchSpanProcessor } = await import('@opentelemetry/sdk-trace-base');
    handle = await startTelemetry({
      spanProcessors: [new BatchSpanProcessor(recording, { scheduledDelayMillis: 60_000 })],
    });
    const handler = withTelemetry(async (_e: unknown, _c: unknown) => 'ok', {
      writer: capturingWriter().write,
    });
    // Act
    await handler({}, lambdaContext({ remainingMs: 20 }));
    // Assess
    expect(flushed).toEqual([]);
  });
});
