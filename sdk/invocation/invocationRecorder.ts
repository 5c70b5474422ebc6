import { performance } from 'node:perf_hooks';
import { type Attributes, trace } from '@opentelemetry/api';
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
import {
  emitInitSpan,
  endInvocationSpan,
  SpanAttribute,
  sdkTracer,
  startInvocationSpan,
} from '../tracing/invocationSpan.ts';
import { parentContextFor } from '../tracing/parentContext.ts';
import { detectTrigger, FaasTrigger, httpHeaders } from '../tracing/trigger.ts';
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
    let trigger: string = FaasTrigger.OTHER;
    let span: InvocationState['span'];
    let otelContext: InvocationState['otelContext'];
    try {
      trigger = detectTrigger(event);
      const headers = trigger === FaasTrigger.HTTP ? httpHeaders(event) : undefined;
      const parent = parentContextFor(headers, identity.xRayTraceHeader);
      const tracer = sdkTracer();
      if (lifecycle.isFirstInvocation)
        emitInitSpan(tracer, parent, identity, lifecycle, performance.timeOrigin);
      const method =
        (event as { httpMethod?: unknown; requestContext?: { http?: { method?: unknown } } })
          ?.requestContext?.http?.method ?? (event as { httpMethod?: unknown })?.httpMethod;
      const extra: Attributes =
        typeof method === 'string' ? { [SpanAttribute.HTTP_REQUEST_METHOD]: method } : {};
      span = startInvocationSpan(tracer, parent, identity, lifecycle, trigger, extra, startEpochMs);
      otelContext = trace.setSpan(parent, span);
    } catch (error) {
      reportFault(FaultSite.SPAN, error);
    }
    const state: InvocationState = {
      identity,
      lifecycle,
      trigger,
      startPerf,
      startEpochMs,
      cpuStart,
      span,
      otelContext,
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

    if (state.span !== undefined) {
      try {
        const attributes: Attributes = {};
        if (cost !== undefined) {
          attributes[SpanAttribute.COST_USD] = cost.totalUsd;
          attributes[SpanAttribute.COST_REQUEST_USD] = cost.requestUsd;
          attributes[SpanAttribute.COST_DURATION_USD] = cost.durationUsd;
          attributes[SpanAttribute.COST_INIT_USD] = cost.initUsd;
        }
        if (state.models.size > 0) attributes[SpanAttribute.MODEL] = [...state.models].join(',');
        endInvocationSpan(state.span, outcome, attributes, state.startEpochMs + invokeMs);
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

    const spanContext = state.span?.spanContext();
    const traceId =
      spanContext !== undefined && trace.isSpanContextValid(spanContext)
        ? spanContext.traceId
        : identity.xRayTraceHeader;
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
