/**
 * In-memory fakes of the cycle's ports: a metrics source that serves per-minute rows from a
 * function of (target, minute), a state reader over a map, an actuator that records what it was
 * asked and fails the functions it is told to, a memory store and a report sink over strings.
 */

import { notStartedAtDeadline } from '../../../../tuner/core/actionResults.ts';
import type { TunerMemoryStore } from '../../../../tuner/core/memory/tunerMemoryStore.ts';
import type { ObservedField } from '../../../../tuner/core/observe/observedFields.ts';
import type { Action, ActionResult, TargetRef } from '../../../../tuner/core/plan.ts';
import {
  type AccountState,
  type ActuationOptions,
  type Actuator,
  type FunctionState,
  type MetricsSource,
  type ObservationWindow,
  type ReportSink,
  type StateReader,
  type TargetObservation,
  type TargetQuery,
  targetKey,
} from '../../../../tuner/core/ports.ts';
import {
  emptyIntervalMetrics,
  type IntervalMetrics,
} from '../../../../tuner/sim/intervalMetrics.ts';

const MINUTE_MS = 60_000;

/** One minute of a target's metrics; null for a minute with no datapoints. */
export type MinuteMetrics = (ref: TargetRef, startMs: number) => Partial<IntervalMetrics> | null;

/** A period with no datapoints. */
export function quietMinute(startMs: number): IntervalMetrics {
  return emptyIntervalMetrics(startMs);
}

export class FakeMetricsSource implements MetricsSource {
  readonly windows: ObservationWindow[] = [];
  readonly queries: (readonly TargetQuery[])[] = [];
  /** The fields each call asked for (undefined: every field). Every field is served regardless. */
  readonly fields: (readonly ObservedField[] | undefined)[] = [];
  /** Thrown by every `observe` call (the whole source down). */
  failure: Error | undefined;
  /** Thrown only for the window starting before this time (yesterday's slice). */
  failBefore: { beforeMs: number; error: Error } | undefined;
  /** Per target key: returned as that target's Error. */
  readonly targetFailures = new Map<string, Error>();
  #minute: MinuteMetrics;

  constructor(minute: MinuteMetrics = () => null) {
    this.#minute = minute;
  }

  async observe(
    targets: readonly TargetQuery[],
    window: ObservationWindow,
    fields?: readonly ObservedField[],
  ): Promise<Map<string, TargetObservation | Error>> {
    this.windows.push(window);
    this.queries.push(targets);
    this.fields.push(fields);
    if (this.failure !== undefined) throw this.failure;
    if (this.failBefore !== undefined && window.startMs < this.failBefore.beforeMs)
      throw this.failBefore.error;
    const start = Math.floor(window.startMs / MINUTE_MS) * MINUTE_MS;
    const end = Math.floor(window.endMs / MINUTE_MS) * MINUTE_MS;
    const observed = new Map<string, TargetObservation | Error>();
    for (const target of targets) {
      const key = targetKey(target.ref);
      const failure = this.targetFailures.get(key);
      if (failure !== undefined) {
        observed.set(key, failure);
        continue;
      }
      const metrics: IntervalMetrics[] = [];
      for (let t = start; t < end; t += MINUTE_MS)
        metrics.push({ ...quietMinute(t), ...this.#minute(target.ref, t), startMs: t });
      observed.set(key, { target: target.ref, metrics, latencySource: 'sdk', notes: [] });
    }
    return observed;
  }
}

export class FakeStateReader implements StateReader {
  readonly states = new Map<string, FunctionState | Error>();
  account: AccountState | Error = { concurrencyLimit: 1000, unreservedConcurrency: 900 };
  failure: Error | undefined;
  calls = 0;

  set(state: FunctionState): void {
    this.states.set(targetKey(state), state);
  }

  async readState(
    targets: readonly TargetRef[],
  ): Promise<{ account: AccountState | Error; targets: Map<string, FunctionState | Error> }> {
    this.calls += 1;
    if (this.failure !== undefined) throw this.failure;
    const read = new Map<string, FunctionState | Error>();
    for (const target of targets) {
      const key = targetKey(target);
      read.set(key, this.states.get(key) ?? new Error(`no such function ${key}`));
    }
    return { account: this.account, targets: read };
  }
}

export class FakeActuator implements Actuator {
  readonly calls: { actions: readonly Action[]; dryRun: boolean }[] = [];
  /** Function names whose actions fail. */
  readonly failing = new Set<string>();

  /** Names whose actions the deadline keeps from starting. */
  readonly late = new Set<string>();

  async apply(actions: readonly Action[], options: ActuationOptions): Promise<ActionResult[]> {
    this.calls.push({ actions, dryRun: options.dryRun });
    return actions.map((action): ActionResult => {
      if (options.dryRun)
        return { action, status: 'skipped', detail: `dry run: would ${action.kind}` };
      if (this.late.has(action.target.functionName)) return notStartedAtDeadline(action);
      if (this.failing.has(action.target.functionName))
        return {
          action,
          status: 'failed',
          detail: `${action.kind} failed: AccessDeniedException: denied`,
          error: { name: 'AccessDeniedException', message: 'denied' },
        };
      return { action, status: 'applied', detail: `${action.kind} ${action.from} → ${action.to}` };
    });
  }
}

export class StringMemoryStore implements TunerMemoryStore {
  readonly location = 'memory://test/state/memory.json';
  text: string | null = null;
  saves = 0;
  loadFailure: Error | undefined;

  async load(): Promise<string | null> {
    if (this.loadFailure !== undefined) throw this.loadFailure;
    return this.text;
  }

  async save(text: string): Promise<void> {
    this.saves += 1;
    this.text = text;
  }
}

export class StringReportSink implements ReportSink {
  readonly objects = new Map<string, string>();

  async write(name: string, body: string): Promise<string> {
    this.objects.set(name, body);
    return `memory://reports/${name}`;
  }
}

/** The state of `name:live` with `pc` provisioned concurrency READY. */
export function liveState(name: string, pc: number): FunctionState {
  return {
    functionName: name,
    qualifier: 'live',
    arn: `arn:aws:lambda:us-east-1:123456789012:function:${name}:live`,
    aliasVersion: '3',
    memoryMb: 1769,
    architecture: 'x86_64',
    codeSha256: 'sha-3',
    latestCodeSha256: 'sha-3',
    latestMemoryMb: 1769,
    unpublishedChanges: [],
    aliasRouting: null,
    provisioned:
      pc === 0
        ? null
        : { requested: pc, allocated: pc, available: pc, status: 'READY', placement: 'version' },
    reservedConcurrency: null,
    tags: {},
  };
}
