/**
 * The simulated account's `MetricsSource`: answers what the cycle asks CloudWatch
 * (tuner/aws/cloudWatchMetricsSource.ts) from the simulated requests: per-minute rows of the
 * SDK's metrics (EndToEndLatency p50/p99, ColdStart, InitDuration, CpuTime, InvokeLatency) and
 * AWS/Lambda's (Invocations, Throttles, Errors, Duration p50/p99, ConcurrentExecutions,
 * ProvisionedConcurrencyUtilization, spillover), and `PR(:sloP99Ms)` of EndToEndLatency. Like
 * CloudWatch it rounds the window to whole minutes, returns no datapoint for a minute without
 * samples, and has nothing yet for the minutes that ended less than the completeness delay ago.
 */
import {
  ALL_OBSERVED_FIELDS,
  isCountField,
  type ObservedField,
} from '../../core/observe/observedFields.ts';
import {
  type MetricsSource,
  type ObservationWindow,
  type TargetObservation,
  type TargetQuery,
  targetKey,
} from '../../core/ports.ts';
import { emptyIntervalMetrics, type IntervalMetrics } from '../../sim/intervalMetrics.ts';
import type { SimulatedAccount, SimulatedFunction } from './simulatedAccount.ts';
import { simulatedResourceNotFound } from './simulatedLambdaErrors.ts';

const MINUTE_MS = 60_000;

/**
 * How long after a minute ends until CloudWatch returns its complete datapoint (EMF metrics go
 * through CloudWatch Logs first): 2 minutes.
 */
export const DEFAULT_COMPLETENESS_DELAY_SEC = 120;

/**
 * Metrics of the simulated account.
 *
 * @example
 * ```ts
 * const source = new SimulatedMetricsSource(account);
 * const observed = await source.observe([{ ref, sloP99Ms: 200 }], historyWindows(account.nowMs).recent);
 * ```
 */
export class SimulatedMetricsSource implements MetricsSource {
  readonly #account: SimulatedAccount;
  readonly #delayMs: number;

  constructor(account: SimulatedAccount, options: { completenessDelaySec?: number } = {}) {
    this.#account = account;
    this.#delayMs = (options.completenessDelaySec ?? DEFAULT_COMPLETENESS_DELAY_SEC) * 1000;
  }

  async observe(
    targets: readonly TargetQuery[],
    window: ObservationWindow,
    fields: readonly ObservedField[] = ALL_OBSERVED_FIELDS,
  ): Promise<Map<string, TargetObservation | Error>> {
    const periodMs = window.periodSec * 1000;
    if (periodMs !== MINUTE_MS)
      throw new RangeError(`the simulated account keeps 60 s periods, not ${window.periodSec} s`);
    const startMs = Math.floor(window.startMs / MINUTE_MS) * MINUTE_MS;
    const endMs = Math.max(startMs, Math.floor(window.endMs / MINUTE_MS) * MINUTE_MS);
    // A minute is complete once the delay has passed after its end.
    const completeBeforeMs = this.#account.nowMs - this.#delayMs;
    const observed = new Map<string, TargetObservation | Error>();
    for (const query of targets) {
      const fn = this.#account.function(query.ref.functionName);
      if (fn === undefined || fn.alias !== query.ref.qualifier) {
        observed.set(targetKey(query.ref), simulatedResourceNotFound(query.ref));
        continue;
      }
      observed.set(
        targetKey(query.ref),
        onlyFields(observeFunction(fn, query, { startMs, endMs, completeBeforeMs }), fields),
      );
    }
    return observed;
  }
}

function observeFunction(
  fn: SimulatedFunction,
  query: TargetQuery,
  range: { startMs: number; endMs: number; completeBeforeMs: number },
): TargetObservation {
  const simulated = fn.fleet.metrics;
  const firstMs = fn.fleet.startMs;
  const recorded = fn.fleet.recordedInvocations;
  const metrics: IntervalMetrics[] = [];
  const withinSloPercent: (number | null)[] = [];
  for (let t = range.startMs; t < range.endMs; t += MINUTE_MS) {
    const index = (t - firstMs) / MINUTE_MS;
    const row = t + MINUTE_MS <= range.completeBeforeMs ? simulated[index] : undefined;
    if (row === undefined || row.invocations + row.throttles === 0) {
      metrics.push(row === undefined ? emptyIntervalMetrics(t) : row);
      withinSloPercent.push(null);
      continue;
    }
    metrics.push(row);
    withinSloPercent.push(
      recorded === null ? null : percentWithin(recorded, t, t + MINUTE_MS, query.sloP99Ms),
    );
  }
  return { target: query.ref, metrics, latencySource: 'sdk', withinSloPercent, notes: [] };
}

/** What CloudWatch returns when asked for `fields` only: the others without datapoints. */
function onlyFields(
  observation: TargetObservation,
  fields: readonly ObservedField[],
): TargetObservation {
  if (fields.length === ALL_OBSERVED_FIELDS.length) return observation;
  const unread = ALL_OBSERVED_FIELDS.filter(
    (field) => field !== 'withinSloPercent' && !fields.includes(field),
  );
  const blank = Object.fromEntries(unread.map((field) => [field, isCountField(field) ? 0 : null]));
  return {
    ...observation,
    metrics: observation.metrics.map((m) => ({ ...m, ...blank })),
    ...(fields.includes('withinSloPercent')
      ? {}
      : { withinSloPercent: observation.metrics.map(() => null) }),
  };
}

/** CloudWatch's `PR(:threshold)`: the percentage of samples in `[fromMs, toMs)` at or below it. */
function percentWithin(
  recorded: { arrivalMs: Float64Array; e2eMs: Float64Array },
  fromMs: number,
  toMs: number,
  thresholdMs: number,
): number | null {
  const lo = lowerBound(recorded.arrivalMs, fromMs);
  const hi = lowerBound(recorded.arrivalMs, toMs);
  if (hi === lo) return null;
  let within = 0;
  for (let i = lo; i < hi; i++) if ((recorded.e2eMs[i] as number) <= thresholdMs) within++;
  return (within / (hi - lo)) * 100;
}

function lowerBound(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
