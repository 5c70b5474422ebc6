/**
 * The small interfaces the tuner core talks through. AWS, local and simulated adapters
 * implement them, so one core runs everywhere.
 *
 * Failures of one target are values (an `Error` in a map, a `failed` result), never an
 * exception that stops the other targets; a method throws only when nothing could be done at all.
 */
import type { IntervalMetrics } from '../sim/intervalMetrics.ts';
import type { ObservedField } from './observe/observedFields.ts';
import type { Action, ActionResult, TargetRef } from './plan.ts';

/** Provisioned concurrency as Lambda reports it for one alias or version. */
export interface ProvisionedConcurrencyState {
  readonly requested: number;
  readonly allocated: number;
  readonly available: number;
  readonly status: 'IN_PROGRESS' | 'READY' | 'FAILED';
  readonly statusReason?: string;
  /**
   * Where the configuration lives: on the alias itself, or on the version the alias points to
   * (the tuner's own placement; see docs/decisions/0003-memory-change-workflow.md).
   */
  readonly placement?: 'alias' | 'version';
}

/** Time for the cycle and for bounded waits: injectable, so tests and the simulator wait for nothing. */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** The current configuration of one target, as read from Lambda. */
export interface FunctionState {
  readonly functionName: string;
  readonly qualifier: string;
  readonly region?: string;
  /** Qualified ARN of the target (`...:function:name:qualifier`). */
  readonly arn: string;
  /** Version the alias points to; null when the qualifier is itself a version. */
  readonly aliasVersion: string | null;
  /** Memory of the version the target runs, MB. */
  readonly memoryMb: number;
  readonly architecture: 'x86_64' | 'arm64';
  /** CodeSha256 of the version the target runs. */
  readonly codeSha256: string;
  /** CodeSha256 of `$LATEST`: when it differs, `$LATEST` holds unpublished code. */
  readonly latestCodeSha256: string;
  /** Memory of `$LATEST`, MB. */
  readonly latestMemoryMb: number;
  /**
   * Configuration fields other than memory and code in which `$LATEST` differs from the target's
   * version (e.g. `Environment`, `Handler`): publishing a version would ship these too.
   */
  readonly unpublishedChanges?: readonly string[];
  /** The alias's weighted routing (`AdditionalVersionWeights`), or null when it has none. */
  readonly aliasRouting?: Readonly<Record<string, number>> | null;
  readonly provisioned: ProvisionedConcurrencyState | null;
  /** Reserved concurrency of the function (all its versions); null when none is reserved. */
  readonly reservedConcurrency: number | null;
  /** The function's tags (e.g. `thermostat:paused=true`). */
  readonly tags: Readonly<Record<string, string>>;
  readonly lastModified?: string;
}

/** Account-wide concurrency in the Region read. */
export interface AccountState {
  readonly concurrencyLimit: number;
  readonly unreservedConcurrency: number;
}

/** The time range to observe, epoch milliseconds, and the period of each metric row. */
export interface ObservationWindow {
  readonly startMs: number;
  readonly endMs: number;
  readonly periodSec: number;
}

/** What a metrics source needs to know about one target. */
export interface TargetQuery {
  readonly ref: TargetRef;
  /** The p99 target, ms: also the threshold of the percentile-rank statistic. */
  readonly sloP99Ms: number;
  /** Namespace of the SDK's EMF metrics; defaults to the source's (`LambdaThermostat`). */
  readonly namespace?: string;
}

/** One target's metrics over an observation window. */
export interface TargetObservation {
  readonly target: TargetRef;
  /** One row per period of the window, oldest first, gaps included (counts 0, latencies null). */
  readonly metrics: readonly IntervalMetrics[];
  /**
   * Where `e2eP50Ms`/`e2eP99Ms` came from: the SDK's EndToEndLatency, or AWS/Lambda Duration when
   * the SDK's metrics are absent from the whole window (then cold starts and init are unknown).
   */
  readonly latencySource: 'sdk' | 'aws-lambda-duration';
  /**
   * Per period (aligned with `metrics`): the percentage of EndToEndLatency samples within the SLO
   * (CloudWatch `PR(:sloP99Ms)`, 0..100), null without data. For reports.
   */
  readonly withinSloPercent?: readonly (number | null)[];
  /** Anything a reader of the report should know about this data (fallbacks, partial data). */
  readonly notes: readonly string[];
  /**
   * The first minute this cycle read (an incremental observation re-reads late minutes and, on
   * its slow cadence, the last hour's slow statistics): the report shows the minutes from here,
   * so what was filled in reaches the reports' history.
   */
  readonly readFromMs?: number;
}

/**
 * Reads per-period metrics for many targets at once. CloudWatch bills each statistic requested
 * (targets × fields, per call), not the datapoints: ask only for the fields needed.
 */
export interface MetricsSource {
  /**
   * Keys of the map are {@link targetKey}s; a target whose metrics could not be read maps to an
   * Error. Only `fields` are read (default: every field); the others read as without datapoints
   * (counts 0, values null).
   */
  observe(
    targets: readonly TargetQuery[],
    window: ObservationWindow,
    fields?: readonly ObservedField[],
  ): Promise<Map<string, TargetObservation | Error>>;
}

/** Reads the current configuration of the targets and of the account. */
export interface StateReader {
  /** Keys of `targets` are {@link targetKey}s. */
  readState(
    targets: readonly TargetRef[],
  ): Promise<{ account: AccountState | Error; targets: Map<string, FunctionState | Error> }>;
}

/** How one cycle's actions are applied. */
export interface ActuationOptions {
  /** Recommend mode: say what would be done, change nothing. */
  readonly dryRun: boolean;
  /**
   * Epoch ms (on the actuator's clock) after which no action is started (each is then reported
   * `notStartedAtDeadline`) and no wait goes on; an action under way finishes or rolls back.
   */
  readonly deadlineMs?: number;
}

/** Applies actions. One result per action, in order; never throws for a single action's failure. */
export interface Actuator {
  apply(actions: readonly Action[], options: ActuationOptions): Promise<ActionResult[]>;
}

/** Stores a report and says where it went. */
export interface ReportSink {
  /** Writes `body` under `name` (e.g. `2026-11-27T12-00Z/report.json`); returns its location. */
  write(name: string, body: string, contentType: string): Promise<string>;
}

/**
 * The key that identifies a target in the ports' maps.
 *
 * @example
 * ```ts
 * targetKey({ functionName: 'ocr-detector', qualifier: 'live' }); // ':ocr-detector:live'
 * targetKey({ functionName: 'ocr', qualifier: '7', region: 'eu-west-1' }); // 'eu-west-1:ocr:7'
 * targetKey({ functionName: 'ocr', qualifier: '7', region: 'eu-west-1', accountId: '123456789012', partition: 'aws' });
 * // '123456789012/eu-west-1:ocr:7'
 * ```
 */
export function targetKey(ref: TargetRef): string {
  const key = `${ref.region ?? ''}:${ref.functionName}:${ref.qualifier}`;
  // The account only when the config gave one: the keys of memories written before stay valid.
  return ref.accountId === undefined ? key : `${ref.accountId}/${key}`;
}
