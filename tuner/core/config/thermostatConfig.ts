/**
 * The validated, defaulted SLO config the tuner runs on (docs/architecture.md, "The SLO config"). Produced by `parseConfig`
 * / `validateConfig`; every default is named in `CONFIG_DEFAULTS` (./configDefaults.ts).
 */
import type { Knob, TargetRef } from '../plan.ts';
import type { ServiceLevelObjective } from '../slo/serviceLevelObjective.ts';

/** `recommend` plans and reports but changes nothing; `apply` also acts. */
export const TunerMode = {
  RECOMMEND: 'recommend',
  APPLY: 'apply',
} as const;
export type TunerMode = (typeof TunerMode)[keyof typeof TunerMode];

/** A `[min, max]` pair, inclusive. */
export type Range = readonly [number, number];

/** Reserved-concurrency bounds: `null` as min allows "no reservation"; `null` as max means no upper limit. */
export type ReservedRange = readonly [number | null, number | null];

/** What the tuner may choose from for one target. */
export interface TargetBounds {
  /** Memory, MB, within Lambda's 128..10240. */
  readonly memoryMb: Range;
  /** Provisioned concurrency on the target; never above the reserved-concurrency maximum. */
  readonly provisionedConcurrency: Range;
  readonly reservedConcurrency: ReservedRange;
}

/** One tuned function alias (or version). */
export interface TargetConfig {
  /** The function as written in the config (name or ARN). */
  readonly function: string;
  readonly functionName: string;
  /** Alias name or version number (from `alias`, or from a qualified ARN). */
  readonly qualifier: string;
  /** From the ARN, else the target's `region`, else the config's `region`; absent: the runtime's Region. */
  readonly region?: string;
  /** From the ARN, when an ARN was given. */
  readonly accountId?: string;
  /** `{ functionName, qualifier, region }`: the key the ports use. */
  readonly ref: TargetRef;
  /**
   * The SLO on EndToEndLatency (or AWS/Lambda Duration when the SDK's metrics are absent):
   * period-based (p99 per 5-minute period) or request-based (tuner/core/slo/serviceLevelObjective.ts).
   */
  readonly slo: ServiceLevelObjective;
  readonly bounds: TargetBounds;
  /** The knobs the tuner may turn; the others stay as they are. */
  readonly tune: readonly Knob[];
  /** A cap on the target's estimated monthly cost that no plan exceeds. */
  readonly budget?: { readonly maxMonthlyUsd: number };
  /** Allows reserved concurrency 0 (which stops the function) in the bounds. */
  readonly allowZeroReserved: boolean;
  /** A paused target is observed and reported, never changed. */
  readonly paused: boolean;
}

/** Per-knob minutes to wait after a change before the next change in the same direction. */
export interface Cooldown {
  readonly up: number;
  readonly down: number;
}

/** How the safety margin on the p99 target learns from prediction error. */
export interface SafetyMarginConfig {
  /** Margin, as a fraction of the target, the tuner starts with: plan for p99 ≤ target × (1 − margin). */
  readonly initial: number;
  readonly min: number;
  readonly max: number;
  /** Multiplier applied to the margin after a window that missed the SLO (> 1). */
  readonly growOnMiss: number;
  /** Multiplier applied after a window that met it (≤ 1, close to 1: shrink slowly). */
  readonly shrinkOnHit: number;
}

/** Rolling back a change that made things worse. */
export interface RollbackConfig {
  readonly enabled: boolean;
  /** How long after a change its effect is compared with the window before it, minutes. */
  readonly watchMinutes: number;
  /** Roll back when the error rate (errors / invocations) rose by more than this (absolute). */
  readonly maxErrorRateIncrease: number;
  /** Roll back when the throttle rate (throttles / requests) rose by more than this (absolute). */
  readonly maxThrottleRateIncrease: number;
}

/** Limits on how the tuner may change things, for every target. */
export interface GuardrailsConfig {
  readonly cooldownMinutes: Readonly<Record<Knob, Cooldown>>;
  /** Largest decrease in one step, as a fraction of the current value (scale down slowly). */
  readonly scaleDownMaxStep: Readonly<Record<Knob, number>>;
  readonly safetyMargin: SafetyMarginConfig;
  /** Unreserved concurrency the account must keep after all reservations (Lambda's floor: 100). */
  readonly minUnreservedConcurrency: number;
  /** Longest wait for provisioned concurrency to become READY, seconds. */
  readonly pcAllocationTimeoutSec: number;
  /** Longest wait for a configuration update (`LastUpdateStatus`) to finish, seconds. */
  readonly functionUpdateTimeoutSec: number;
  readonly rollback: RollbackConfig;
}

/** Where reports go: an S3 URL prefix or a local directory. */
export type ReportsConfig = { readonly s3: string } | { readonly dir: string };

/** The whole config. */
export interface ThermostatConfig {
  readonly mode: TunerMode;
  /** EventBridge schedule expression: `rate(5 minutes)` or `cron(...)`. */
  readonly schedule: string;
  /** The schedule's interval in minutes for a `rate(...)` schedule; null for `cron(...)`. */
  readonly scheduleIntervalMinutes: number | null;
  /** Namespace of the SDK's EMF metrics. */
  readonly namespace: string;
  /** Default Region for targets given by name. */
  readonly region?: string;
  readonly targets: readonly TargetConfig[];
  readonly reports?: ReportsConfig;
  readonly guardrails: GuardrailsConfig;
}
