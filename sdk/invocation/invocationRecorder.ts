import { estimateCost } from '../cost/estimateCost.ts';
import type { MetricSeries } from '../emf/emfDocument.ts';
import { EmfEmitter } from '../emf/emfEmitter.ts';
import { Dimension, Metric } from '../emf/telemetryContract.ts';
import { flushWithDeadline, hasInvocationFlush } from '../flushHook.ts';
import {
  executionEnvironment,
  type InvocationLifecycle,
} from '../lifecycle/executionEnvironment.ts';
import { InitType } from '../lifecycle/initType.ts';
import { FaultSite, reportFault } from '../telemetryFaults.ts';
import type { ResolvedTelemetryOptions } from '../telemetryOptions.ts';
import type { InvocationTracing } from '../tracing/openTelemetryTracing.ts';
import { incomingTraceId } from '../tracing/traceHeaders.ts';
import { loadedTracing } from '../tracing/tracingLoader.ts';
import type { InvocationState } from './invocationState.ts';
import { readInvocationIdentity, remainingTimeMs } from './lambdaContext.ts';

/** How an invocation ended. */
export interface InvocationOutcome {
  readonly failed: boolean;
  readonly error?: unknown;
  readonly result?: unknown;
}

const UNKNOWN_LIFECYCLE: InvocationLifecycle = {
  isFirstInvocation: false,
  coldStart: false,
  initDurationMs: undefined,
  proactiveInit: false,
  initType: 'unknown',
};

/**
 * Measures invocations: `start` when one begins, `finish` when it ends. Shared by the wrapper and
 * the Middy middleware. Neither method ever throws or rejects: telemetry must not break the
 * function, so each step that can fail is fenced and reported once.
 */
export class InvocationRecorder {
  readonly #options: ResolvedTelemetryOptions;
  readonly #emitter: EmfEmitter;
  #lastDimensions: Record<string, string> | undefined;

  constructor(options: ResolvedTelemetryOptions) {
    this.#options = options;
    this.#emitter = new EmfEmitter({
      namespace: options.namespace,
      mode: options.mode,
      maxAgeMs: options.maxAgeMs,
      writer: options.writer,
    });
  }

  /** The dimension set for a function and resource; the same object while they stay the same. */
  #dimensions(identity: InvocationState['identity']): Record<string, string> {
    const cached = this.#lastDimensions;
    if (cached?.FunctionName === identity.functionName && cached.Resource === identity.resource) {
      return cached;
    }
    this.#lastDimensions = {
      [Dimension.FunctionName]: identity.functionName,
      [Dimension.Resource]: identity.resource,
      ...this.#options.extraDimensions,
    };
    return this.#lastDimensions;
  }

  /** Values pending in aggregated mode. */
  get pendingValues(): number {
    return this.#emitter.pendingValues;
  }

  /** Begins an invocation: closes init on the first one, reads the context, starts the span. */
  start(event: unknown, context: unknown): InvocationState {
    const startPerf = performance.now();
    const startEpochMs = Date.now();
    const cpuStart = process.cpuUsage();
    let lifecycle = UNKNOWN_LIFECYCLE;
    try {
      lifecycle = executionEnvironment.beginInvocation(
        startPerf,
        this.#options.proactiveInitThresholdMs,
      );
    } catch (error) {
      reportFault(FaultSite.INVOCATION_START, error);
    }
    const identity = readInvocationIdentity(context);
    let tracing: InvocationTracing | undefined;
    let traceId: string | undefined;
    try {
      // Spans only once their code is loaded (tracingLoader.ts): without a tracer provider they
      // would all be no-ops, and the trace id is read from the event alone.
      const spans = loadedTracing();
      if (spans === undefined) traceId = incomingTraceId(event, identity.xRayTraceHeader);
      else tracing = spans.startInvocationTracing(event, identity, lifecycle, startEpochMs);
    } catch (error) {
      reportFault(FaultSite.SPAN, error);
    }
    const state: InvocationState = {
      identity,
      lifecycle,
      startPerf,
      startEpochMs,
      cpuStart,
      span: tracing?.span,
      otelContext: tracing?.otelContext,
      traceId,
      inferenceLatencyMs: [],
      batchSizes: [],
      modelLoadMs: [],
      models: new Set(),
      metadata: {},
    };
    if (lifecycle.isFirstInvocation) {
      try {
        for (const load of executionEnvironment.takeInitModelLoads()) {
          state.modelLoadMs.push(load.durationMs);
          if (load.model !== undefined) state.models.add(load.model);
        }
      } catch (error) {
        reportFault(FaultSite.INVOCATION_START, error);
      }
    }
    return state;
  }

  /**
   * Ends an invocation: metrics, span, then the bounded flush. Returns a promise only when there
   * is a flush to wait for (no extra microtasks otherwise). Never throws or rejects.
   */
  finish(
    state: InvocationState,
    outcome: InvocationOutcome,
    context: unknown,
  ): Promise<unknown> | undefined {
    const endPerf = performance.now();
    try {
      this.#record(state, outcome, endPerf);
    } catch (error) {
      reportFault(FaultSite.INVOCATION_END, error);
    }
    return hasInvocationFlush() ? flushWithDeadline(remainingTimeMs(context)) : undefined;
  }

  #record(state: InvocationState, outcome: InvocationOutcome, endPerf: number): void {
    const { identity, lifecycle } = state;
    const invokeMs = endPerf - state.startPerf;
    const cpu = process.cpuUsage(state.cpuStart);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const initMs = lifecycle.initDurationMs;
    const endToEndMs = lifecycle.coldStart && initMs !== undefined ? invokeMs + initMs : invokeMs;
    const cost =
      identity.memoryMb === undefined
        ? undefined
        : estimateCost({
            durationMs: invokeMs,
            memoryMb: identity.memoryMb,
            architecture: this.#options.architecture,
            region: identity.region,
            // INIT is billed for every on-demand environment, whether or not the caller waited.
            initDurationMs: lifecycle.initType === InitType.ON_DEMAND ? initMs : undefined,
            provisioned: lifecycle.initType === InitType.PROVISIONED_CONCURRENCY,
            tier: this.#options.pricingTier,
            pricing: this.#options.pricing,
          });

    const spans = loadedTracing();
    let traceId = state.traceId ?? identity.xRayTraceHeader;
    if (state.span !== undefined && spans !== undefined) {
      try {
        const span = state.span;
        spans.endInvocationTracing(
          span,
          outcome,
          cost,
          state.models,
          state.startEpochMs + invokeMs,
        );
        traceId = spans.traceIdOf(span) ?? identity.xRayTraceHeader;
      } catch (error) {
        reportFault(FaultSite.SPAN, error);
      }
    }

    if (!this.#options.metrics) return;
    const listed = this.#options.listedMetrics;
    const series = (
      metric: { readonly name: string; readonly unit: MetricSeries['unit'] },
      values: readonly number[],
    ): MetricSeries =>
      listed.has(metric.name)
        ? { name: metric.name, unit: metric.unit, values }
        : { name: metric.name, unit: metric.unit, values, unlisted: true };
    const metrics: MetricSeries[] = [
      series(Metric.EndToEndLatency, [round(endToEndMs)]),
      series(Metric.CpuTime, [round(cpuMs)]),
      series(Metric.InvokeLatency, [round(invokeMs)]),
      series(Metric.MemoryUsed, [Math.round(process.resourceUsage().maxRSS / 1024)]),
    ];
    // Unlisted, these two would say nothing the `coldStart` property and the document do not.
    if (listed.has(Metric.Invocations.name)) metrics.push(series(Metric.Invocations, [1]));
    if (listed.has(Metric.ColdStart.name))
      metrics.push(series(Metric.ColdStart, [lifecycle.coldStart ? 1 : 0]));
    // The init a caller waited for: its SampleCount is the number of user-facing cold starts.
    if (initMs !== undefined && lifecycle.coldStart)
      metrics.push(series(Metric.InitDuration, [round(initMs)]));
    // Eight significant digits: the sum of millions stays exact to the cent, the line ~9 bytes shorter.
    if (cost !== undefined)
      metrics.push(series(Metric.Cost, [Number(cost.totalUsd.toPrecision(8))]));
    if (state.inferenceLatencyMs.length > 0)
      metrics.push(series(Metric.InferenceLatency, state.inferenceLatencyMs.map(round)));
    if (state.batchSizes.length > 0) metrics.push(series(Metric.BatchSize, state.batchSizes));
    if (state.modelLoadMs.length > 0)
      metrics.push(series(Metric.ModelLoadDuration, state.modelLoadMs.map(round)));

    const properties: Record<string, unknown> = {
      requestId: identity.requestId,
      coldStart: lifecycle.coldStart,
      traceId,
    };
    // Facts of the environment go in its first document only: every document of a log stream
    // comes from one environment, and per invocation they would be ~45 bytes of ingestion each.
    if (lifecycle.isFirstInvocation) {
      properties.functionVersion = identity.functionVersion;
      properties.initType = lifecycle.initType;
    }
    // Every environment's init, provisioned and proactive ones included (searchable, no metric).
    if (initMs !== undefined) properties.initDurationMs = round(initMs);
    if (state.models.size > 0) properties.model = [...state.models].join(',');
    if (outcome.failed) properties.error = true;
    this.#emitter.record({
      dimensions: this.#dimensions(identity),
      metrics,
      properties,
      metadata: state.metadata,
      environmentProperties: {
        functionVersion: identity.functionVersion,
        initType: lifecycle.initType,
      },
      timestamp: state.startEpochMs,
    });
  }
}

/** Microsecond precision is plenty and keeps documents short. */
function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
