import { describe, expect, it } from 'vitest';
import {
  backtestPolicyNames,
  bestOracleSchedule,
  createBacktestContext,
  oracleMemoryCandidates,
  recordArrivalTape,
  runBacktest,
  windowSchedulePolicy,
} from '../../tuner/backtest/index.ts';
import {
  type ArrivalTrace,
  type FleetConfig,
  serviceModelFromProfile,
  simulateFleet,
} from '../../tuner/sim/index.ts';
import { repeated, smallProfile } from './support/backtestFixtures.ts';

const profile = smallProfile();
const SLO_MS = 300;

// Six hours of four shapes of traffic.
const traces: Record<string, ArrivalTrace> = {
  // A lone request every 20 minutes: each starts cold unless PC waits for it.
  lonely: repeated(360, (m) => (m % 20 === 7 ? 1 : 0)),
  // Quiet, with a 3-minute burst every hour.
  bursty: repeated(360, (m) => (m % 60 < 3 ? 150 : m % 4 === 0 ? 1 : 0)),
  // Steady traffic.
  steady: repeated(360, () => 40),
  // A ramp up and down.
  ramp: repeated(360, (m) => Math.round(60 * Math.sin((Math.PI * m) / 360)) + 1),
};

describe('oracle: the floor', () => {
  it.each([
    ...Object.keys(traces).map((name) => [name, SLO_MS] as const),
    // A lax target that plain on-demand meets everywhere: the tightest test of the floor.
    ['steady', 1500] as const,
    ['ramp', 1500] as const,
  ])(
    'is never more expensive than a policy meeting the SLO in every window (%s, %i ms)',
    async (name, sloP99Ms) => {
      // Prepare
      const trace = traces[name] as ArrivalTrace;

      // Act: every policy but the robust floor (its own tests set it against the oracle).
      const policies = backtestPolicyNames().filter((policy) => policy !== 'robust-floor');
      const result = await runBacktest({ trace, functionId: name, profile, sloP99Ms, policies });

      // Assess
      const oracle = result.policies.find((p) => p.policy === 'oracle');
      const meetingEverywhere = result.policies.filter(
        (p) => p.policy !== 'oracle' && p.windowsMeetingSlo === p.windowsWithTraffic,
      );
      expect(meetingEverywhere.length).toBeGreaterThan(0);
      for (const policy of meetingEverywhere) {
        expect(oracle?.costUsd, policy.policy).toBeLessThanOrEqual(policy.costUsd * (1 + 1e-9));
      }
      // The SLO is attainable in every window (static PC at peak meets it), and the oracle meets it.
      expect(oracle?.windowsMeetingSlo).toBe(oracle?.windowsWithTraffic);
      expect(oracle?.costVsOracle).toBe(1);
    },
    300_000,
  );

  it('buys PC exactly for the windows a lone request arrives in', async () => {
    // Prepare: a lone request misses 300 ms cold (800 ms init); warm it meets it.
    const context = createBacktestContext({
      trace: traces.lonely as ArrivalTrace,
      functionId: 'lonely',
      profile,
      sloP99Ms: SLO_MS,
    });

    // Act
    const { chosen } = await bestOracleSchedule(context);

    // Assess: a request arrives at minute 7 of every 20, i.e. in window 1 of every 4.
    const withPc = chosen.schedule.configs.flatMap((c, w) =>
      c.provisionedConcurrency > 0 ? [w] : [],
    );
    expect(withPc).toEqual(Array.from({ length: 18 }, (_, k) => 4 * k + 1));
    expect(chosen.schedule.unattainable).toEqual([]);
  });

  it('flags windows no configuration can meet, and still runs', async () => {
    // Prepare: 50 ms is below every warm service time at any memory (single-threaded: ≥ 100 ms).
    const trace = repeated(30, () => 10);

    // Act
    const result = await runBacktest({
      trace,
      functionId: 'f',
      profile,
      sloP99Ms: 50,
      policies: ['oracle'],
    });

    // Assess
    const [oracle] = result.policies;
    expect(oracle?.windowsMeetingSlo).toBe(0);
    // Six windows; the first is not scored (the warm-up), so five are searched for the SLO.
    expect(oracle?.notes.join(' ')).toMatch(/5 window\(s\) unattainable/);
  });
});

describe('oracle: its parts', () => {
  it('keeps only memories faster than every smaller one', () => {
    // Prepare / Act
    const single = oracleMemoryCandidates(smallProfile({ maxThreads: 1 }), [1000]);
    const twoThreads = oracleMemoryCandidates(smallProfile({ maxThreads: 2 }), []);
    const ioBound = oracleMemoryCandidates(smallProfile({ cpuBoundFraction: 0 }), []);

    // Assess: speed-up stops at 1 vCPU (1,769 MB) or 2 (3,538 MB); I/O-bound never speeds up.
    expect(single.at(-1)).toBe(1769);
    expect(single).toContain(1000);
    expect(twoThreads.at(-1)).toBe(3538);
    expect(ioBound).toEqual([128]);
  });

  it('records the arrivals and service draws every run of the seed sees', () => {
    // Prepare
    const trace = traces.bursty as ArrivalTrace;
    const serviceModel = serviceModelFromProfile(profile);
    const onDemand = simulateFleet({
      trace,
      serviceModel,
      seed: 3,
      config: { memoryMb: 1024, provisionedConcurrency: 0, reservedConcurrency: null },
      recordInvocations: true,
    });

    // Act
    const tape = recordArrivalTape({ trace, serviceModel, seed: 3 }, profile.memoryMb);

    // Assess: same arrivals; warm requests of the on-demand run took exactly the taped time.
    const recorded = onDemand.invocations;
    expect(Array.from(tape.arrivalMs)).toEqual(Array.from(recorded?.arrivalMs ?? []));
    let warm = 0;
    for (let i = 0; i < tape.serviceMs.length; i++) {
      const e2e = recorded?.e2eMs[i] as number;
      if (e2e < 500) {
        expect(e2e).toBeCloseTo(tape.serviceMs[i] as number, 9);
        warm++;
      }
    }
    expect(warm).toBeGreaterThan(tape.serviceMs.length / 2);
  });

  it('maps each window to its configuration', () => {
    // Prepare
    const configs: FleetConfig[] = [0, 2, 1].map((pc) => ({
      memoryMb: 1024,
      provisionedConcurrency: pc,
      reservedConcurrency: null,
    }));
    const policy = windowSchedulePolicy('oracle', 1_000, 300_000, configs);
    const ask = (nowMs: number) =>
      policy.decide({
        nowMs,
        history: [],
        config: configs[0] as FleetConfig,
        availableProvisionedConcurrency: 0,
      }).provisionedConcurrency;

    // Act / Assess
    expect([ask(301_000), ask(601_000), ask(10_000_000)]).toEqual([2, 1, 1]);
  });
});
