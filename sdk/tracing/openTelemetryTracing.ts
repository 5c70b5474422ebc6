/**
 * Everything the SDK does through `@opentelemetry/api` at run time, in one module that
 * `tracingLoader.ts` imports only once a tracer provider or a propagator is registered: a function
 * without tracing never loads the API nor the span code (docs/decisions/0061-load-at-import-only-what-the-first-invocation-needs.md).
 */

import {
  type Attributes,
  type Context,
  context,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import type { CostBreakdown } from '../cost/estimateCost.ts';
import type { InvocationIdentity } from '../invocation/lambdaContext.ts';
import type { InvocationLifecycle } from '../lifecycle/executionEnvironment.ts';
import {
  emitInitSpan,
  endInvocationSpan,
  sdkTracer,
  startInvocationSpan,
} from './invocationSpan.ts';
import { parentContextFor } from './parentContext.ts';
import { SpanAttribute } from './spanAttributes.ts';
import { detectTrigger, FaasTrigger, httpHeaders } from './trigger.ts';

export { context, SpanKind, SpanStatusCode, sdkTracer, trace };

/** The invocation span and the context the handler runs in (the span active in it). */
export interface InvocationTracing {
  readonly span: Span;
  readonly otelContext: Context;
}

/**
 * Starts the invocation's span (and, on the first invocation, emits the `init` span) under the
 * parent the event carries. May throw: the caller fences it.
 *
 * @example
 * ```ts
 * const { span, otelContext } = startInvocationTracing(event, identity, lifecycle, Date.now());
 * ```
 */
export function startInvocationTracing(
  event: unknown,
  identity: InvocationIdentity,
  lifecycle: InvocationLifecycle,
  startEpochMs: number,
): InvocationTracing {
  const trigger = detectTrigger(event);
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
  const span = startInvocationSpan(
    tracer,
    parent,
    identity,
    lifecycle,
    trigger,
    extra,
    startEpochMs,
  );
  return { span, otelContext: trace.setSpan(parent, span) };
}

/**
 * Ends the invocation's span with its cost and models. May throw: the caller fences it.
 *
 * @example
 * ```ts
 * endInvocationTracing(span, { failed: false, result }, cost, new Set(['fraud-v3']), Date.now());
 * ```
 */
export function endInvocationTracing(
  span: Span,
  outcome: { failed: boolean; error?: unknown; result?: unknown },
  cost: CostBreakdown | undefined,
  models: ReadonlySet<string>,
  endEpochMs: number,
): void {
  const attributes: Attributes = {};
  if (cost !== undefined) {
    attributes[SpanAttribute.COST_USD] = cost.totalUsd;
    attributes[SpanAttribute.COST_REQUEST_USD] = cost.requestUsd;
    attributes[SpanAttribute.COST_DURATION_USD] = cost.durationUsd;
    attributes[SpanAttribute.COST_INIT_USD] = cost.initUsd;
  }
  if (models.size > 0) attributes[SpanAttribute.MODEL] = [...models].join(',');
  endInvocationSpan(span, outcome, attributes, endEpochMs);
}

/**
 * The trace id of a span, if it belongs to a valid trace (a no-op span under no parent does not).
 *
 * @example
 * ```ts
 * traceIdOf(span); // '0af7651916cd43dd8448eb211c80319c'
 * ```
 */
export function traceIdOf(span: Span): string | undefined {
  const spanContext = span.spanContext();
  return trace.isSpanContextValid(spanContext) ? spanContext.traceId : undefined;
}

/**
 * Runs `fn` with `otelContext` active (the user's own spans become children of the invocation's).
 *
 * @example
 * ```ts
 * runInContext(state.otelContext, () => handler(event, context));
 * ```
 */
export function runInContext<T>(otelContext: Context, fn: () => T): T {
  return context.with(otelContext, fn);
}
