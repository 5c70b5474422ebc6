import {
  type Attributes,
  type Context,
  type Span,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import type { InvocationIdentity } from '../invocation/lambdaContext.ts';
import type { InvocationLifecycle } from '../lifecycle/executionEnvironment.ts';
import { SpanAttribute } from './spanAttributes.ts';
import { FaasTrigger } from './trigger.ts';

/** Name and version the SDK's tracer reports as its instrumentation scope. */
export const INSTRUMENTATION_SCOPE = { name: 'lambda-thermostat', version: '0.1.0' } as const;

/**
 * The tracer of the registered provider (a no-op until one is registered).
 *
 * @example
 * ```ts
 * const span = sdkTracer().startSpan('inference');
 * ```
 */
export function sdkTracer(): Tracer {
  return trace.getTracer(INSTRUMENTATION_SCOPE.name, INSTRUMENTATION_SCOPE.version);
}

/**
 * The span kind for a trigger: SERVER for requests, CONSUMER for messages and data events.
 *
 * @example
 * ```ts
 * spanKindFor('pubsub'); // SpanKind.CONSUMER
 * ```
 */
export function spanKindFor(trigger: FaasTrigger | string): SpanKind {
  return trigger === FaasTrigger.PUBSUB || trigger === FaasTrigger.DATASOURCE
    ? SpanKind.CONSUMER
    : SpanKind.SERVER;
}

/**
 * Starts the span of one invocation (named after the function, as the FaaS conventions ask).
 *
 * @example
 * ```ts
 * const span = startInvocationSpan(sdkTracer(), parent, identity, lifecycle, 'http', {}, Date.now());
 * ```
 */
export function startInvocationSpan(
  tracer: Tracer,
  parent: Context,
  identity: InvocationIdentity,
  lifecycle: InvocationLifecycle,
  trigger: string,
  extra: Attributes,
  startEpochMs: number,
): Span {
  const attributes: Attributes = {
    [SpanAttribute.FAAS_INVOCATION_ID]: identity.requestId,
    [SpanAttribute.FAAS_COLDSTART]: lifecycle.coldStart,
    [SpanAttribute.FAAS_TRIGGER]: trigger,
    [SpanAttribute.FAAS_NAME]: identity.functionName,
    [SpanAttribute.FAAS_VERSION]: identity.functionVersion,
    [SpanAttribute.CLOUD_PROVIDER]: 'aws',
    [SpanAttribute.CLOUD_PLATFORM]: 'aws_lambda',
    [SpanAttribute.AWS_LAMBDA_INIT_TYPE]: lifecycle.initType,
    ...extra,
  };
  if (identity.memoryMb !== undefined)
    attributes[SpanAttribute.FAAS_MAX_MEMORY] = identity.memoryMb * 1024 * 1024;
  if (identity.region !== undefined) attributes[SpanAttribute.CLOUD_REGION] = identity.region;
  if (identity.invokedArn !== undefined) {
    attributes[SpanAttribute.CLOUD_RESOURCE_ID] = identity.invokedArn;
    attributes[SpanAttribute.AWS_LAMBDA_INVOKED_ARN] = identity.invokedArn;
  }
  if (identity.accountId !== undefined)
    attributes[SpanAttribute.CLOUD_ACCOUNT_ID] = identity.accountId;
  if (identity.logStreamName !== undefined)
    attributes[SpanAttribute.FAAS_INSTANCE] = identity.logStreamName;
  if (lifecycle.proactiveInit) attributes[SpanAttribute.PROACTIVE_INIT] = true;
  return tracer.startSpan(
    identity.functionName,
    { kind: spanKindFor(trigger), attributes, startTime: startEpochMs },
    parent,
  );
}

/**
 * Emits the `init` span of this environment (process start → ready), with the first invocation.
 *
 * @example
 * ```ts
 * emitInitSpan(sdkTracer(), parent, identity, lifecycle, performance.timeOrigin);
 * ```
 */
export function emitInitSpan(
  tracer: Tracer,
  parent: Context,
  identity: InvocationIdentity,
  lifecycle: InvocationLifecycle,
  processStartEpochMs: number,
): void {
  if (lifecycle.initDurationMs === undefined) return;
  const span = tracer.startSpan(
    'init',
    {
      kind: SpanKind.INTERNAL,
      startTime: processStartEpochMs,
      attributes: {
        [SpanAttribute.FAAS_NAME]: identity.functionName,
        [SpanAttribute.FAAS_COLDSTART]: lifecycle.coldStart,
        [SpanAttribute.AWS_LAMBDA_INIT_TYPE]: lifecycle.initType,
        [SpanAttribute.INIT_DURATION_MS]: lifecycle.initDurationMs,
        [SpanAttribute.PROACTIVE_INIT]: lifecycle.proactiveInit,
      },
    },
    parent,
  );
  span.end(processStartEpochMs + lifecycle.initDurationMs);
}

/**
 * Ends an invocation span with its outcome: ERROR status and the exception when it failed.
 *
 * @example
 * ```ts
 * endInvocationSpan(span, { failed: true, error }, { 'thermostat.cost.usd': 2.1e-6 }, Date.now());
 * ```
 */
export function endInvocationSpan(
  span: Span,
  outcome: { failed: boolean; error?: unknown; result?: unknown },
  attributes: Attributes,
  endEpochMs: number,
): void {
  span.setAttributes(attributes);
  if (outcome.failed) {
    const error = outcome.error;
    span.recordException(
      error instanceof Error ? error : { name: 'Error', message: String(error) },
    );
    span.setStatus({
      code: SpanStatusCode.ERROR,
      message: error instanceof Error ? error.message : String(error),
    });
  } else {
    const status = (outcome.result as { statusCode?: unknown } | undefined)?.statusCode;
    if (typeof status === 'number') {
      span.setAttribute(SpanAttribute.HTTP_RESPONSE_STATUS_CODE, status);
      if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    }
  }
  span.end(endEpochMs);
}
