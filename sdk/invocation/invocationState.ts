import { AsyncLocalStorage } from 'node:async_hooks';
import type { Context as OtelContext, Span } from '@opentelemetry/api';
import type { InvocationLifecycle } from '../lifecycle/executionEnvironment.ts';
import type { InvocationIdentity } from './lambdaContext.ts';

/**
 * Everything one invocation accumulates. Lives in an AsyncLocalStorage so that overlapping
 * invocations in one process (Lambda Managed Instances run many at once) never share it.
 */
export interface InvocationState {
  readonly identity: InvocationIdentity;
  readonly lifecycle: InvocationLifecycle;
  readonly trigger: string;
  /** `performance.now()` and `Date.now()` at the start. */
  readonly startPerf: number;
  readonly startEpochMs: number;
  readonly cpuStart: NodeJS.CpuUsage;
  readonly span: Span | undefined;
  /** The OpenTelemetry context in which the handler runs (the invocation span is active). */
  readonly otelContext: OtelContext | undefined;
  readonly inferenceLatencyMs: number[];
  readonly batchSizes: number[];
  readonly modelLoadMs: number[];
  readonly models: Set<string>;
  readonly metadata: Record<string, unknown>;
}

/** The store all instrumentation (wrapper, middleware, ONNX session) shares. */
export const invocationStore = new AsyncLocalStorage<InvocationState>();

/**
 * The state of the invocation running in this async context, if any.
 *
 * @example
 * ```ts
 * currentInvocation()?.inferenceLatencyMs.push(12.3);
 * ```
 */
export function currentInvocation(): InvocationState | undefined {
  return invocationStore.getStore();
}

/**
 * Adds a property to the current invocation's EMF document (searchable in Logs Insights; not a
 * metric, so it costs nothing in CloudWatch metrics). Ignored outside an invocation.
 *
 * @example
 * ```ts
 * addMetadata('tenant', event.tenantId);
 * ```
 */
export function addMetadata(key: string, value: unknown): void {
  const state = invocationStore.getStore();
  if (state !== undefined) state.metadata[key] = value;
}
