/**
 * The Lambda `Actuator`: applies a plan's actions, functions in parallel (bounded), the actions
 * of one function in the order given. One result per action, in input order; a failure is a
 * `failed` result, never an exception, and only stops the later actions on the same function.
 */
import pLimit from 'p-limit';
import { failed, notStartedAtDeadline, skipped } from '../core/actionResults.ts';
import { CONFIG_DEFAULTS } from '../core/config/configDefaults.ts';
import type { Action, ActionResult } from '../core/plan.ts';
import type { ActuationOptions, Actuator } from '../core/ports.ts';
import type { ActuationContext, ActuationWaits } from './actuationContext.ts';
import { applyMemoryChange } from './applyMemoryChange.ts';
import { applyProvisionedConcurrency } from './applyProvisionedConcurrency.ts';
import { applyReservedConcurrency } from './applyReservedConcurrency.ts';
import { type Clock, systemClock } from './clock.ts';
import { LambdaApi, type LambdaApiOptions } from './lambdaApi.ts';

/** Options of {@link LambdaActuator}. */
export interface LambdaActuatorOptions extends LambdaApiOptions {
  /** Time for the bounded waits (tests pass a fake one). */
  readonly clock?: Clock;
  /** False for endpoints without the provisioned-concurrency API (moto). Default true. */
  readonly provisionedConcurrencyApi?: boolean;
  /**
   * Where a new provisioned-concurrency config goes: on the version the alias points to
   * (default; lets a memory change warm the next version first, ADR 0003) or on the alias.
   */
  readonly provisionedConcurrencyPlacement?: 'alias' | 'version';
  /** Wait bounds and poll intervals; defaults from the config defaults. */
  readonly waits?: Partial<ActuationWaits>;
  /** Functions changed at the same time. Default 4. */
  readonly functionConcurrency?: number;
}

/** Bounds from the config's defaults; polls often enough to add little to a minutes-long wait. */
export const DEFAULT_WAITS: ActuationWaits = {
  functionUpdateTimeoutMs: CONFIG_DEFAULTS.guardrails.functionUpdateTimeoutSec * 1000,
  functionUpdatePollMs: 2_000,
  provisionedReadyTimeoutMs: CONFIG_DEFAULTS.guardrails.pcAllocationTimeoutSec * 1000,
  provisionedReadyPollMs: 10_000,
};

/**
 * Applies actions to Lambda functions.
 *
 * @example
 * ```ts
 * const actuator = new LambdaActuator({ aws: { region: 'eu-west-1' }, waits: { provisionedReadyTimeoutMs: 900_000 } });
 * const results = await actuator.apply(plan.actions, { dryRun: config.mode === 'recommend' });
 * ```
 */
export class LambdaActuator implements Actuator {
  readonly #api: LambdaApi;
  readonly #clock: Clock;
  readonly #provisionedConcurrencyApi: boolean;
  readonly #placement: 'alias' | 'version';
  readonly #waits: ActuationWaits;
  readonly #functionConcurrency: number;

  constructor(options: LambdaActuatorOptions = {}) {
    this.#api = new LambdaApi(options);
    this.#clock = options.clock ?? systemClock;
    this.#provisionedConcurrencyApi = options.provisionedConcurrencyApi ?? true;
    this.#placement = options.provisionedConcurrencyPlacement ?? 'version';
    this.#waits = { ...DEFAULT_WAITS, ...options.waits };
    this.#functionConcurrency = options.functionConcurrency ?? 4;
  }

  async apply(actions: readonly Action[], options: ActuationOptions): Promise<ActionResult[]> {
    const { deadlineMs } = options;
    const context: ActuationContext = {
      api: this.#api,
      clock: this.#clock,
      dryRun: options.dryRun,
      ...(deadlineMs === undefined ? {} : { deadlineMs }),
      provisionedConcurrencyApi: this.#provisionedConcurrencyApi,
      provisionedConcurrencyPlacement: this.#placement,
      waits: this.#waits,
    };
    const byFunction = new Map<string, number[]>();
    actions.forEach((action, index) => {
      const key = `${action.target.accountId ?? ''}/${action.target.region ?? ''}:${action.target.functionName}`;
      byFunction.set(key, [...(byFunction.get(key) ?? []), index]);
    });
    const results: ActionResult[] = new Array(actions.length);
    const limit = pLimit(this.#functionConcurrency);
    await Promise.all(
      [...byFunction.values()].map((indexes) =>
        limit(async () => {
          let failure: Action | undefined;
          for (const index of indexes) {
            const action = actions[index] as Action;
            const late = deadlineMs !== undefined && this.#clock.now() >= deadlineMs;
            results[index] = late
              ? notStartedAtDeadline(action)
              : failure === undefined
                ? await applyOne(context, action)
                : skipped(
                    action,
                    `not attempted: an earlier ${failure.kind} on ${failure.target.functionName} failed`,
                  );
            if (results[index]?.status === 'failed') failure ??= action;
          }
        }),
      ),
    );
    return results;
  }
}

async function applyOne(context: ActuationContext, action: Action): Promise<ActionResult> {
  try {
    switch (action.kind) {
      case 'setProvisionedConcurrency':
        return await applyProvisionedConcurrency(context, action);
      case 'setReservedConcurrency':
        return await applyReservedConcurrency(context, action);
      case 'setMemory':
        return await applyMemoryChange(context, action);
    }
  } catch (error) {
    // The appliers report API failures themselves; this is the net for anything unforeseen.
    return failed(action, `unexpected error applying ${action.kind}`, error);
  }
}
