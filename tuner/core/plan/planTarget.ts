import { provisionedAllocationCost } from '@lambda-thermostat/sdk/cost';
import type { FleetConfig } from '../../sim/fleetConfig.ts';
import type { IntervalMetrics } from '../../sim/intervalMetrics.ts';
import type { GuardrailsConfig, TargetConfig } from '../config/thermostatConfig.ts';
import { chooseConfiguration, paretoFront } from '../decide/chooseConfiguration.ts';
import { memoryCandidates } from '../decide/memoryCandidates.ts';
import {
  calibratedPrediction,
  missCalibrationFactor,
  nextMissCalibration,
} from '../decide/missCalibration.ts';
import { initialMissPrice, nextMissPrice } from '../decide/missPrice.ts';
import {
  expectedHoldingWindows,
  MAX_HOLDING_WINDOWS,
  nextReleaseHolding,
} from '../decide/releaseHolding.ts';
import { nextSafetyMargin } from '../decide/safetyMargin.ts';
import { forecastDemand, holdingForecast } from '../forecast/demandForecast.ts';
import { applyGuardrails } from '../guardrails/applyGuardrails.ts';
import { fitLatencyModel } from '../model/latencyModel.ts';
import { latencyObservations, MIN_FIT_INVOCATIONS } from '../model/latencyObservations.ts';
import { lognormalServiceModel } from '../model/lognormalServiceModel.ts';
import { Knob } from '../plan.ts';
import type { FunctionState } from '../ports.ts';
import { HorizonSimulator } from '../predict/horizonSimulator.ts';
import { scenarioCount } from '../predict/scenarioCount.ts';
import { sloLatencyThresholdMs } from '../slo/serviceLevelObjective.ts';
import { actionsBetween } from './actionsBetween.ts';
import { observeWindow } from './observedWindow.ts';
import type { PlannerOptions } from './plannerOptions.ts';
import { type TargetPlan, TargetPlanStatus } from './targetPlan.ts';
import type { TargetMemory } from './tunerMemory.ts';

const MINUTE_MS = 60_000;
const HOURS_PER_MONTH = 730;
/** A function tag that pauses tuning of it, whatever the config says. */
export const PAUSE_TAG = 'thermostat:paused';

/** Everything planning one target needs: pure data, time passed in. */
export interface PlanTargetInput {
  readonly target: TargetConfig;
  readonly guardrails: GuardrailsConfig;
  /** Per-minute metrics up to now, oldest first (as much history as available: a day or a week helps the forecast). */
  readonly metrics: readonly IntervalMetrics[];
  readonly latencySource?: 'sdk' | 'aws-lambda-duration';
  readonly state: FunctionState;
  readonly memory: TargetMemory;
  readonly nowMs: number;
  readonly accountConcurrencyLimit: number;
  readonly options: PlannerOptions;
  readonly key: string;
}

/**
 * Plans one target: learn from the last window (safety margin), fit the latency model, forecast
 * demand, simulate candidates, pick the cheapest that meets the SLO (or the best attainable,
 * flagged), respect the budget, apply the guardrails, and derive the actions with their reasons.
 * Pure and deterministic: the same input gives the same plan.
 *
 * @example
 * ```ts
 * const { plan, memory } = planTarget({ target, guardrails, metrics, state, memory, nowMs, accountConcurrencyLimit: 1000, options: DEFAULT_PLANNER_OPTIONS, key });
 * plan.actions; // e.g. [{ kind: 'setProvisionedConcurrency', from: 1, to: 3, reason: '…' }]
 * ```
 */
export function planTarget(input: PlanTargetInput): { plan: TargetPlan; memory: TargetMemory } {
  const { target, guardrails, state, nowMs, options } = input;
  const slo = sloLatencyThresholdMs(target.slo);
  const current: FleetConfig = {
    memoryMb: state.memoryMb,
    provisionedConcurrency: state.provisioned?.requested ?? 0,
    reservedConcurrency: state.reservedConcurrency,
  };
  const base = {
    target: target.ref,
    key: input.key,
    current,
    sloP99Ms: slo,
    latencySource: input.latencySource,
  };

  // 1. Learn from the window the last plan predicted.
  let memory = input.memory;
  const notes: string[] = [];
  const last = memory.lastPrediction;
  if (last !== undefined && nowMs >= last.windowStartMs + last.windowMinutes * MINUTE_MS) {
    const window = input.metrics.filter(
      (m) =>
        m.startMs >= last.windowStartMs &&
        m.startMs < last.windowStartMs + last.windowMinutes * MINUTE_MS,
    );
    const observed = observeWindow(window, slo);
    if (observed.requests > 0 && last.firstWindowMissProbability !== undefined) {
      memory = {
        ...memory,
        missCalibration: nextMissCalibration(
          memory.missCalibration,
          observed.missed,
          last.firstWindowMissProbability,
        ),
      };
    }
    if (observed.requests > 0 && last.meetsTarget && observed.missedAtAnyThreshold) {
      // A cold start slower than the target misses at any threshold: the margin cannot act on it,
      // the calibration above does (docs/decisions/0071-observed-misses-calibrate-the-risk.md).
      notes.push(
        `the last window missed the SLO on cold starts slower than the target although predicted to meet it: predicted risks are now scaled ×${missCalibrationFactor(memory.missCalibration).toFixed(2)} by the windows observed`,
      );
    } else if (observed.requests > 0 && last.meetsTarget) {
      memory = {
        ...memory,
        safetyMargin: nextSafetyMargin(
          memory.safetyMargin,
          observed.missed,
          guardrails.safetyMargin,
        ),
      };
      if (observed.missed)
        notes.push(
          `the last window missed the SLO although predicted to meet it: safety margin raised to ${(memory.safetyMargin * 100).toFixed(0)}%`,
        );
    }
    memory = { ...memory, lastPrediction: undefined };
  }
  if (memory.memorySince?.memoryMb !== state.memoryMb) {
    const before = memory.memorySince;
    memory = {
      ...memory,
      memorySince: {
        memoryMb: state.memoryMb,
        sinceMs: nowMs,
        ...(before !== undefined
          ? { previous: { memoryMb: before.memoryMb, sinceMs: before.sinceMs } }
          : {}),
      },
    };
  }

  // 2. Paused?
  if (target.paused || state.tags[PAUSE_TAG] === 'true') {
    return {
      plan: {
        ...base,
        status: TargetPlanStatus.PAUSED,
        desired: null,
        planned: current,
        actions: [],
        prediction: null,
        alternatives: [],
        meetsTarget: false,
        safetyMargin: memory.safetyMargin,
        summary: target.paused
          ? 'paused in the config: nothing changes'
          : `paused by the function tag ${PAUSE_TAG}=true: nothing changes`,
        notes,
        flags: ['paused'],
      },
      memory,
    };
  }

  // 3. Rollback: errors or throttles rose after the last change.
  const watch = memory.rollbackWatch;
  if (watch !== undefined) {
    const since = input.metrics.filter((m) => m.startMs >= watch.changedAtMs);
    const observed = observeWindow(since, slo);
    const rolledBack =
      observed.requests > 0 &&
      (observed.errorRate - watch.baselineErrorRate > guardrails.rollback.maxErrorRateIncrease ||
        observed.throttleRate - watch.baselineThrottleRate >
          guardrails.rollback.maxThrottleRateIncrease);
    if (rolledBack) {
      const { config, held } = applyGuardrails({
        ...input,
        current,
        desired: watch.previous,
        memory,
        rollback: true,
      });
      const reason = `rollback: after the change errors went ${pct(watch.baselineErrorRate)} → ${pct(observed.errorRate)} and throttles ${pct(watch.baselineThrottleRate)} → ${pct(observed.throttleRate)}`;
      return {
        plan: {
          ...base,
          status: TargetPlanStatus.PLANNED,
          desired: watch.previous,
          planned: config,
          actions: actionsBetween(target.ref, current, config, reason),
          prediction: null,
          alternatives: [],
          meetsTarget: false,
          safetyMargin: memory.safetyMargin,
          summary: reason,
          notes: [...notes, ...held],
          flags: ['rollback'],
        },
        memory: { ...memory, rollbackWatch: undefined },
      };
    }
    if (nowMs >= watch.untilMs) memory = { ...memory, rollbackWatch: undefined };
  }

  // 4. The latency model, from minutes observed at one known memory size.
  const observations = latencyObservations(input.metrics, memory.memorySince, state.memoryMb);
  const model = fitLatencyModel(observations.minutes, observations.referenceMemoryMb);
  const recentDemand = input.metrics
    .slice(-60)
    .reduce((s, m) => s + m.invocations + m.throttles, 0);
  if (model === null || recentDemand === 0) {
    // No traffic to learn from: hold, or release provisioned capacity nobody uses (slowly).
    const desired: FleetConfig = {
      ...current,
      provisionedConcurrency: target.bounds.provisionedConcurrency[0],
    };
    const { config, held } = applyGuardrails({ ...input, current, desired, memory });
    const reason =
      'no traffic in the last hour: provisioned concurrency returns to its lower bound';
    return {
      plan: {
        ...base,
        status: TargetPlanStatus.NO_DATA,
        desired,
        planned: config,
        actions: actionsBetween(target.ref, current, config, reason),
        prediction: null,
        alternatives: [],
        meetsTarget: false,
        safetyMargin: memory.safetyMargin,
        summary:
          model === null && recentDemand > 0 ? 'no latency data yet: nothing changes' : reason,
        notes: [...notes, ...held],
        flags: ['no-data'],
      },
      memory,
    };
  }
  notes.push(...model.assumptions);
  if (memory.missCalibration !== undefined) {
    const factor = missCalibrationFactor(memory.missCalibration);
    if (Math.abs(factor - 1) >= 0.05)
      notes.push(
        `predicted miss risks scaled ×${factor.toFixed(2)}: ${memory.missCalibration.observedMisses.toFixed(1)} windows observed to miss against ${memory.missCalibration.predictedMisses.toFixed(2)} predicted, over the last hours`,
      );
  }
  if (observations.carried) {
    notes.push(
      `latency fitted on the minutes at ${observations.referenceMemoryMb} MB before the change to ${state.memoryMb} MB, scaled by the CPU-share rule, until ${MIN_FIT_INVOCATIONS} invocations at the new size`,
    );
  }

  // 5. Forecast and simulate candidates.
  const decisionMs = Math.ceil(nowMs / MINUTE_MS) * MINUTE_MS;
  const forecast = forecastDemand(input.metrics, decisionMs, options.horizonMinutes);
  const prefix = input.metrics
    .slice(-options.prefixMinutes)
    .map((m) => m.invocations + m.throttles);
  const effective: FleetConfig = {
    memoryMb: state.memoryMb,
    provisionedConcurrency: Math.min(
      state.provisioned?.available ?? 0,
      current.provisionedConcurrency,
    ),
    reservedConcurrency: state.reservedConcurrency,
  };
  const setup = {
    decisionMs,
    prefixCounts: prefix,
    forecast,
    horizonMinutes: options.horizonMinutes,
    windowMinutes: options.windowMinutes,
    current: effective,
    serviceModel: lognormalServiceModel(model),
    thresholdMs: slo * (1 - memory.safetyMargin),
    sloP99Ms: slo,
    // More scenarios where they are cheap: rare overlaps need many to be seen at all.
    replications: scenarioCount(
      options.replications,
      prefix.reduce((sum, n) => sum + n, 0) + forecast.levelPerMinute * options.horizonMinutes,
    ),
    seed: options.seed + Math.floor(nowMs / MINUTE_MS),
    pricing: {
      ...(target.region !== undefined ? { region: target.region } : {}),
      architecture: state.architecture,
    },
    accountConcurrencyLimit: input.accountConcurrencyLimit,
  };
  const simulator = new HorizonSimulator(setup);
  // A release is judged on the last hours too (docs/decisions/0070-a-release-is-a-transition.md):
  // built only when the search proposes one.
  let overHours: HorizonSimulator | undefined;
  const predictOverHours = (config: FleetConfig) => {
    overHours ??= new HorizonSimulator({
      ...setup,
      forecast: holdingForecast(input.metrics, decisionMs),
    });
    return calibratedPrediction(overHours.predict(config), calibration);
  };
  // The simulator's own risk of the first window, kept to check against what happens.
  const firstWindowRisk = new Map<string, number>();
  const calibration = missCalibrationFactor(memory.missCalibration);
  const predict = (config: FleetConfig) => {
    const p = simulator.predict(config);
    firstWindowRisk.set(configKey(config), p.transitionMissProbability);
    return calibratedPrediction(p, calibration);
  };
  const tuned = (knob: Knob) => target.tune.includes(knob);
  // PC never exceeds the reservation. When reserved concurrency is tuned, a reservation may be
  // raised to fit the PC chosen (step 7), up to its bound; the account-wide step of planCycle.ts
  // trims what the account cannot give.
  const raiseReservedToFit = tuned(Knob.RESERVED_CONCURRENCY) && state.reservedConcurrency !== null;
  const maxReserved = target.bounds.reservedConcurrency[1];
  const reservedCap = raiseReservedToFit
    ? maxReserved === null
      ? null
      : Math.max(maxReserved, state.reservedConcurrency as number)
    : (state.reservedConcurrency ?? maxReserved);
  const pcBounds = target.bounds.provisionedConcurrency;
  const pcHigh = reservedCap === null ? pcBounds[1] : Math.min(pcBounds[1], reservedCap);
  const memories = tuned(Knob.MEMORY)
    ? memoryCandidates(target.bounds.memoryMb, state.memoryMb, model, slo)
    : [state.memoryMb];
  // One more decision with provisioned concurrency released, or not.
  const releaseHolding = nextReleaseHolding(
    memory.releaseHolding,
    memory.lastChange.provisionedConcurrency?.direction === 'down',
  );
  const holdingWindows = expectedHoldingWindows(releaseHolding);
  if (holdingWindows < MAX_HOLDING_WINDOWS - 0.5)
    notes.push(
      `a switch's one-time misses are spread over ${holdingWindows.toFixed(1)} windows: how long this target's releases of provisioned concurrency have held lately`,
    );
  const missPrice =
    memory.missPrice ??
    initialMissPrice(
      provisionedAllocationCost({
        concurrency: 1,
        memoryMb: state.memoryMb,
        seconds: options.windowMinutes * 60,
        architecture: state.architecture,
        ...(target.region !== undefined ? { region: target.region } : {}),
      }),
    );
  const choice = chooseConfiguration(
    {
      memories,
      provisioned: tuned(Knob.PROVISIONED_CONCURRENCY)
        ? [Math.min(pcBounds[0], pcHigh), pcHigh]
        : [current.provisionedConcurrency, current.provisionedConcurrency],
      reservedConcurrency: state.reservedConcurrency,
      raiseReservedToFit,
      missPriceUsd: missPrice.priceUsd,
      holdingWindows,
      windowMinutes: options.windowMinutes,
      maxMissProbability: options.maxMissProbability,
      stickiness: options.stickiness,
    },
    current,
    predict,
    predictOverHours,
  );
  let chosen = choice.chosen;
  const flags: string[] = [];
  let summary = choice.reason;
  if (!choice.meetsTarget) flags.push('slo-unattainable');

  // 6. Budget: never plan above it.
  const budget = target.budget?.maxMonthlyUsd;
  if (budget !== undefined && chosen.costPerHourUsd * HOURS_PER_MONTH > budget) {
    const affordable = choice.evaluated
      .filter((p) => p.costPerHourUsd * HOURS_PER_MONTH <= budget)
      .sort(
        (a, b) => a.missProbability - b.missProbability || a.costPerHourUsd - b.costPerHourUsd,
      )[0];
    flags.push('budget-limited');
    if (affordable !== undefined) {
      chosen = affordable;
      summary = `the budget (${budget} USD/month) rules out the configuration that meets the SLO; the best within it was chosen`;
    } else {
      chosen =
        [...choice.evaluated].sort((a, b) => a.costPerHourUsd - b.costPerHourUsd)[0] ?? chosen;
      summary = `every configuration evaluated exceeds the budget (${budget} USD/month): the cheapest was chosen`;
    }
  }

  // 7. Reserved concurrency: only ever raised to fit the chosen PC (head-room rules live in the
  // account-wide step, which knows every target's reservation).
  const desired: FleetConfig = {
    ...chosen.config,
    reservedConcurrency:
      tuned(Knob.RESERVED_CONCURRENCY) &&
      current.reservedConcurrency !== null &&
      current.reservedConcurrency < chosen.config.provisionedConcurrency
        ? chosen.config.provisionedConcurrency
        : current.reservedConcurrency,
  };
  const { config: planned, held } = applyGuardrails({ ...input, current, desired, memory });
  const reason = `${summary} (predicted p99 ${fmtMs(chosen.predictedP99Ms)} vs target ${slo} ms with a ${(memory.safetyMargin * 100).toFixed(0)}% margin; ${(chosen.missProbability * 100).toFixed(2)}% of windows predicted to miss; ${chosen.costPerHourUsd.toFixed(4)} USD/h; a missed window priced at ${missPrice.priceUsd.toFixed(4)} USD)`;
  const actions = actionsBetween(target.ref, current, planned, reason);
  // Most of these were evaluated by the search (it starts every memory at the PC floor and always
  // prices staying put); the rest cost one prediction each.
  const evaluated = new Map(choice.evaluated.map((p) => [configKey(p.config), p]));
  const costPerHour = (config: FleetConfig) =>
    (evaluated.get(configKey(config)) ?? simulator.predict(config)).costPerHourUsd;
  const predictedCostPerHourUsd = {
    planned: costPerHour(planned),
    current: costPerHour(current),
    onDemand: costPerHour({ ...current, provisionedConcurrency: 0 }),
  };

  memory = {
    ...memory,
    releaseHolding,
    missPrice: nextMissPrice(missPrice, chosen.steadyMissProbability, {
      cheapestChosen: choice.evaluated.every((p) => p.costPerHourUsd >= chosen.costPerHourUsd),
      safestChosen: choice.evaluated.every(
        (p) => p.steadyMissProbability >= chosen.steadyMissProbability,
      ),
    }),
    lastPrediction: {
      windowStartMs: decisionMs,
      windowMinutes: options.windowMinutes,
      predictedP99Ms: chosen.predictedP99Ms,
      missProbability: chosen.missProbability,
      ...(firstWindowRisk.has(configKey(chosen.config))
        ? { firstWindowMissProbability: firstWindowRisk.get(configKey(chosen.config)) as number }
        : {}),
      meetsTarget: choice.meetsTarget,
    },
  };
  return {
    plan: {
      ...base,
      status: TargetPlanStatus.PLANNED,
      desired,
      planned,
      actions,
      prediction: chosen,
      alternatives: paretoFront(choice.evaluated).slice(0, 8),
      predictedCostPerHourUsd,
      meetsTarget: choice.meetsTarget,
      safetyMargin: memory.safetyMargin,
      summary: actions.length === 0 ? `no change: ${reason}` : reason,
      notes: [...notes, ...held],
      flags,
    },
    memory,
  };
}

function configKey(c: FleetConfig): string {
  return `${c.memoryMb}/${c.provisionedConcurrency}/${c.reservedConcurrency}`;
}

function pct(x: number): string {
  return `${(x * 100).toFixed(2)}%`;
}

function fmtMs(ms: number | null): string {
  if (ms === null) return 'n/a';
  return Number.isFinite(ms) ? `${Math.round(ms)} ms` : '∞ (throttled)';
}
