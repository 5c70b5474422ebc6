/**
 * One period of a function's metrics, shaped like what CloudWatch returns for it: the contract
 * between every metrics source (the simulator, CloudWatch, EMF logs) and the tuner's core.
 *
 * `null` means "no datapoint" (CloudWatch returns none for a period with no samples), never 0.
 */
export interface IntervalMetrics {
  /** Start of the period, epoch milliseconds. */
  readonly startMs: number;
  /** Length of the period in seconds (60 for the simulator and the tuner's queries). */
  readonly periodSec: number;

  // AWS/Lambda, by FunctionName + Resource
  /** Invocations that ran (AWS/Lambda Invocations, Sum): throttled requests are not counted. */
  readonly invocations: number;
  /** Throttled requests (AWS/Lambda Throttles, Sum). */
  readonly throttles: number;
  /** Invocations that failed (AWS/Lambda Errors, Sum). */
  readonly errors: number;
  /** AWS/Lambda Duration p50 / p99, milliseconds (handler time only). */
  readonly durationP50Ms: number | null;
  readonly durationP99Ms: number | null;
  /** AWS/Lambda ConcurrentExecutions, Maximum. */
  readonly concurrencyMax: number | null;
  /** AWS/Lambda ProvisionedConcurrencyUtilization, Maximum and Average (0..1); null without PC. */
  readonly pcUtilizationMax: number | null;
  readonly pcUtilizationAvg: number | null;
  /** AWS/Lambda ProvisionedConcurrencySpilloverInvocations, Sum: ran on-demand while PC was set. */
  readonly spillover: number;

  // LambdaThermostat (the SDK's EMF metrics), by FunctionName + Resource
  /** EndToEndLatency p50 / p99, milliseconds: handler time plus user-facing init. */
  readonly e2eP50Ms: number | null;
  readonly e2eP99Ms: number | null;
  /** User-facing cold starts in the period (InitDuration SampleCount: the SDK writes it on those only). */
  readonly coldStarts: number;
  /** InitDuration p50, milliseconds. */
  readonly initP50Ms: number | null;
  /** CpuTime Average, milliseconds per invocation. */
  readonly cpuTimeAvgMs: number | null;
  /** Handler wall time, Average, milliseconds (AWS/Lambda Duration, the same as the SDK's InvokeLatency). */
  readonly invokeLatencyAvgMs: number | null;
}

/**
 * A period with no datapoints: counts 0, every statistic null (what CloudWatch returns for a
 * period without samples).
 *
 * @example
 * ```ts
 * emptyIntervalMetrics(Date.parse('2026-11-27T12:00:00Z')).invocations; // 0
 * ```
 */
export function emptyIntervalMetrics(startMs: number, periodSec = 60): IntervalMetrics {
  return {
    startMs,
    periodSec,
    invocations: 0,
    throttles: 0,
    errors: 0,
    durationP50Ms: null,
    durationP99Ms: null,
    concurrencyMax: null,
    pcUtilizationMax: null,
    pcUtilizationAvg: null,
    spillover: 0,
    e2eP50Ms: null,
    e2eP99Ms: null,
    coldStarts: 0,
    initP50Ms: null,
    cpuTimeAvgMs: null,
    invokeLatencyAvgMs: null,
  };
}
