import { AsyncLocalStorage } from 'node:async_hooks';
import type { Context as OtelContext, Span } from '@opentelemetry/api';
import {
  executionEnvironment,
  type InvocationLifecycle,
} from '../lifecycle/executionEnvironment.ts';
import type { InvocationIdentity } from './lambdaContext.ts';

/**
 * Everything one invocation accumulates. Lives in an AsyncLocalStorage so that overlapping
 * invocations in one process (Lambda Managed Instances run many at once) never share it.
 */
export interface InvocationState {
  readonly identity: InvocationIdentity;
  readonly lifecycle: InvocationLifecycle;
  /** `performance.now()` and `Date.now()` at the start. */
  readonly startPerf: number;
  readonly startEpochMs: number;
  readonly cpuStart: NodeJS.CpuUsage;
  readonly span: Span | undefined;
  /** The OpenTelemetry context in which the handler runs (the invocation span is active). */
  readonly otelContext: OtelContext | undefined;
  /** The caller's trace id read from the event, when no span code is loaded (no span to ask). */
  readonly traceId: string | undefined;
  readonly inferenceLatencyMs: number[];
  readonly batchSizes: number[];
  readonly modelLoadMs: number[];
  readonly models: Set<string>;
  readonly metadata: Record<string, unknown>;
}

/**
 * Where the running invocation's state is found. A standard Lambda environment serves one
 * invocation at a time, so one slot is enough; overlapping invocations (Lambda Managed Instances,
 * or any process outside Lambda) get an `AsyncLocalStorage`, created on first use: entering one
 * costs Node 20 a few million instructions at the first invocation, which one-at-a-time
 * environments need not pay (docs/decisions/0061-load-at-import-only-what-the-first-invocation-needs.md).
 */
class InvocationStore {
  #slot: InvocationState | undefined;
  #storage: AsyncLocalStorage<InvocationState> | undefined;

  /** Runs `fn` with `state` as the current invocation. */
  run<R>(state: InvocationState, fn: () => R): R {
    if (executionEnvironment.oneInvocationAtATime) {
      this.#slot = state;
      return fn();
    }
    this.#storage ??= new AsyncLocalStorage<InvocationState>();
    return this.#storage.run(state, fn);
  }

  /** Makes `state` the current invocation for the rest of this synchronous run and what it awaits. */
  enterWith(state: InvocationState): void {
    if (executionEnvironment.oneInvocationAtATime) {
      this.#slot = state;
      return;
    }
    this.#storage ??= new AsyncLocalStorage<InvocationState>();
    this.#storage.enterWith(state);
  }

  /** The invocation has ended: work it left running no longer counts as part of it. */
  release(state: InvocationState): void {
    if (this.#slot === state) this.#slot = undefined;
  }

  getStore(): InvocationState | undefined {
    return this.#slot ?? this.#storage?.getStore();
  }
}

/** The store all instrumentation (wrapper, middleware, ONNX session) shares. */
export const invocationStore = new InvocationStore();

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
