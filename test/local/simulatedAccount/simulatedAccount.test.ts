import { describe, expect, it } from 'vitest';
import type { FunctionState, TargetObservation } from '../../../tuner/core/ports.ts';
import { SimulatedAccount } from '../../../tuner/local/simulatedAccount/simulatedAccount.ts';
import { SimulatedAccountError } from '../../../tuner/local/simulatedAccount/simulatedAccountError.ts';
import { SimulatedLambda } from '../../../tuner/local/simulatedAccount/simulatedLambda.ts';
import { SimulatedMetricsSource } from '../../../tuner/local/simulatedAccount/simulatedMetricsSource.ts';
import type { FleetConfig } from '../../../tuner/sim/fleetConfig.ts';
import {
  fixedServiceModel,
  type Policy,
  simulateFleet,
  startSteppedFleet,
} from '../../../tuner/sim/index.ts';
import { repeated } from '../../backtest/support/backtestFixtures.ts';

const MINUTE_MS = 60_000;
const REF = { functionName: 'ocr', qualifier: 'live' };
const ON_DEMAND: FleetConfig = {
  memoryMb: 1024,
  provisionedConcurrency: 0,
  reservedConcurrency: null,
};
const serviceModel = fixedServiceModel({ serviceMs: 100, initMs: 400 });

function account(options: { minutes?: number; perMinute?: number; reserved?: number | null } = {}) {
  return new SimulatedAccount({
    functions: [
      {
        functionName: 'ocr',
        simulation: {
          trace: repeated(options.minutes ?? 30, () => options.perMinute ?? 60),
          serviceModel,
          config: { ...ON_DEMAND, reservedConcurrency: options.reserved ?? null },
        },
      },
    ],
  });
}

async function stateOf(lambda: SimulatedLambda): Promise<FunctionState> {
  const state = (await lambda.readState([REF])).targets.get(':ocr:live');
  if (state === undefined || state instanceof Error) throw new Error('no state');
  return state;
}

const pcAction = (from: number, to: number) => ({
  kind: 'setProvisionedConcurrency' as const,
  target: REF,
  from,
  to,
  reason: 'test',
});

describe('the stepped simulator', () => {
  it('gives exactly the result of simulateFleet when the same changes are requested at the same times', () => {
    // Prepare
    const trace = repeated(30, (m) => 40 + (m % 5) * 10);
    const changes = new Map<number, FleetConfig>([
      [5, { ...ON_DEMAND, provisionedConcurrency: 3 }],
      [15, { memoryMb: 2048, provisionedConcurrency: 2, reservedConcurrency: 50 }],
    ]);
    const policy: Policy = {
      name: 'scripted',
      decide: (input) => changes.get(input.nowMs / MINUTE_MS) ?? input.config,
    };
    const input = { trace, serviceModel, config: ON_DEMAND, seed: 9, recordInvocations: true };

    // Act
    const whole = simulateFleet({ ...input, policy, controlIntervalSec: 300 });
    const stepped = startSteppedFleet(input);
    for (const [minute, config] of changes) {
      stepped.advanceTo(minute * MINUTE_MS);
      stepped.request(config);
    }
    stepped.advanceTo(stepped.endMs);
    const result = stepped.finish();

    // Assess
    expect(result.metrics).toEqual(whole.metrics);
    expect(result.cost).toEqual(whole.cost);
    expect(result.capacityTimeline).toEqual(whole.capacityTimeline);
    expect(result.totals).toEqual(whole.totals);
  });
});

describe('the simulated Lambda', () => {
  it('reports provisioned concurrency IN_PROGRESS until the allocation delay has passed, then READY', async () => {
    // Prepare
    const simulated = account();
    const lambda = new SimulatedLambda(simulated);
    simulated.advanceTo(5 * MINUTE_MS);

    // Act
    const [result] = await lambda.apply([pcAction(0, 4)], { dryRun: false });
    simulated.advanceTo(6 * MINUTE_MS);
    const allocating = await stateOf(lambda);
    simulated.advanceTo(7 * MINUTE_MS);
    const ready = await stateOf(lambda);

    // Assess
    expect(result?.status).toBe('applied');
    expect(allocating.provisioned).toMatchObject({
      requested: 4,
      available: 0,
      status: 'IN_PROGRESS',
    });
    expect(ready.provisioned).toMatchObject({ requested: 4, available: 4, status: 'READY' });
  });

  it('changes memory through $LATEST, a new version, and an alias move once the new version takes traffic', async () => {
    // Prepare
    const simulated = account();
    const lambda = new SimulatedLambda(simulated);
    simulated.advanceTo(5 * MINUTE_MS);
    const action = {
      kind: 'setMemory' as const,
      target: REF,
      from: 1024,
      to: 2048,
      provisionedConcurrency: 0,
      reason: 'test',
    };

    // Act
    const [result] = await lambda.apply([action], { dryRun: false });
    const published = await stateOf(lambda);
    simulated.advanceTo(6 * MINUTE_MS);
    const moved = await stateOf(lambda);

    // Assess
    expect(result?.status).toBe('applied');
    expect(published).toMatchObject({ aliasVersion: '1', memoryMb: 1024, latestMemoryMb: 2048 });
    expect(moved).toMatchObject({ aliasVersion: '2', memoryMb: 2048, latestMemoryMb: 2048 });
  });

  it('refuses a reservation that leaves fewer than 100 unreserved, and changes nothing', async () => {
    // Prepare
    const simulated = account();
    const lambda = new SimulatedLambda(simulated);
    const reserve = (to: number) => ({
      kind: 'setReservedConcurrency' as const,
      target: REF,
      from: null,
      to,
      reason: 'test',
    });

    // Act
    const [refused, later] = await lambda.apply([reserve(950), pcAction(0, 1)], { dryRun: false });
    const [accepted] = await lambda.apply([reserve(900)], { dryRun: false });

    // Assess
    expect(refused?.status).toBe('failed');
    expect(refused?.error?.name).toBe('InvalidParameterValueException');
    expect(later?.status).toBe('skipped');
    expect(accepted?.status).toBe('applied');
    expect(simulated.accountState()).toEqual({
      concurrencyLimit: 1000,
      unreservedConcurrency: 100,
    });
    expect((await stateOf(lambda)).reservedConcurrency).toBe(900);
  });

  it('changes nothing on a dry run', async () => {
    // Prepare
    const simulated = account();
    const lambda = new SimulatedLambda(simulated);

    // Act
    const [result] = await lambda.apply([pcAction(0, 2)], { dryRun: true });

    // Assess
    expect(result?.status).toBe('skipped');
    expect((await stateOf(lambda)).provisioned).toBeNull();
  });

  it('answers ResourceNotFoundException for a function or alias the account does not have', async () => {
    // Prepare
    const lambda = new SimulatedLambda(account());

    // Act
    const { targets } = await lambda.readState([{ functionName: 'ocr', qualifier: 'blue' }]);

    // Assess
    expect((targets.get(':ocr:blue') as Error).name).toBe('ResourceNotFoundException');
  });
});

describe('the simulated account', () => {
  it('refuses reservations that leave fewer than 100 of the account unreserved', () => {
    // Act
    const build = () => account({ reserved: 901 });

    // Assess
    expect(build).toThrow(SimulatedAccountError);
  });

  it('shares the unreserved pool: a function without a reservation never exceeds what the others leave', () => {
    // Prepare: 200 in the account, 100 reserved by a quiet function; a burst needs ~200 at once
    const simulated = new SimulatedAccount({
      concurrencyLimit: 200,
      functions: [
        {
          functionName: 'quiet',
          simulation: {
            trace: repeated(10, () => 1),
            serviceModel,
            config: { ...ON_DEMAND, reservedConcurrency: 100 },
          },
        },
        {
          functionName: 'burst',
          simulation: {
            trace: repeated(10, () => 120_000),
            serviceModel,
            config: ON_DEMAND,
          },
        },
      ],
    });

    // Act
    simulated.advanceTo(simulated.endMs);
    const burst = simulated.finish().get('burst');

    // Assess
    const peak = Math.max(...(burst?.metrics.map((m) => m.concurrencyMax ?? 0) ?? [0]));
    expect(peak).toBe(100);
    expect(burst?.totals.throttled).toBeGreaterThan(0);
  });
});

describe('the simulated metrics source', () => {
  it('answers like CloudWatch: whole minutes, nothing yet for the last 2, PR(:slo) from the requests', async () => {
    // Prepare: a 100 ms service time with 400 ms cold starts; the SLO sits between them
    const simulated = account({ minutes: 20, perMinute: 30 });
    const source = new SimulatedMetricsSource(simulated);
    simulated.advanceTo(10 * MINUTE_MS);

    // Act
    const observed = await source.observe([{ ref: REF, sloP99Ms: 200 }], {
      startMs: 30_000,
      endMs: 10 * MINUTE_MS + 30_000,
      periodSec: 60,
    });

    // Assess
    const observation = observed.get(':ocr:live') as TargetObservation;
    expect(observation.metrics.map((m) => m.startMs / MINUTE_MS)).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
    ]);
    expect(observation.metrics.slice(0, 8).every((m) => m.invocations === 30)).toBe(true);
    expect(observation.metrics.slice(8).map((m) => m.invocations)).toEqual([0, 0]);
    expect(observation.withinSloPercent?.slice(8)).toEqual([null, null]);
    const first = observation.metrics[0];
    const expected = (((first?.invocations ?? 0) - (first?.coldStarts ?? 0)) / 30) * 100;
    expect(first?.coldStarts).toBeGreaterThan(0);
    expect(observation.withinSloPercent?.[0]).toBeCloseTo(expected, 10);
    expect(observation.withinSloPercent?.[5]).toBe(100);
  });
});
