/**
 * The sharded cycle's handlers in-process, on fake ports (test/tuner/cycle/support/fakePorts.ts)
 * and an in-memory bucket: shards tune their own runs of targets with their own memory objects,
 * plan against their share of the account's headroom (together never past it), and the
 * reconcile step publishes one report, the rolling history and the next cycle's shares.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  HEADROOM_SHARES_NAME,
  nextHeadroomShares,
  shardAccountView,
} from '../../../../tuner/aws/shards/headroomShares.ts';
import { createReconcileHandler } from '../../../../tuner/aws/shards/reconcileHandler.ts';
import { ShardEventError } from '../../../../tuner/aws/shards/shardEvents.ts';
import {
  createShardHandler,
  SHARD_REPORT_NAME,
} from '../../../../tuner/aws/shards/shardHandler.ts';
import { shardFolder, shardRanges } from '../../../../tuner/aws/shards/shardRanges.ts';
import type { ThermostatConfig } from '../../../../tuner/core/config/thermostatConfig.ts';
import { validateConfig } from '../../../../tuner/core/config/validateConfig.ts';
import { fitReservationsToAccount } from '../../../../tuner/core/plan/planCycle.ts';
import type { TargetPlan } from '../../../../tuner/core/plan/targetPlan.ts';
import type { CycleReport } from '../../../../tuner/cycle/cycleReport.ts';
import {
  FakeActuator,
  FakeMetricsSource,
  FakeStateReader,
  liveState,
} from '../../cycle/support/fakePorts.ts';
import { inMemoryPrefixStores } from './inMemoryPrefixStores.ts';

const NOW = Date.parse('2026-11-27T12:00:00Z');
const STARTED_AT = new Date(NOW - 5_000).toISOString();
const REPORTS = 's3://reports/thermostat/';
const NAMES = ['a', 'b', 'c', 'd', 'e'];
const silent = { info: () => {}, warn: () => {} };

/** The fleet's config cut as the construct cuts it (infra/inferenceTuner.ts): one per shard. */
function shardConfigs(maxPerShard: number, mode: 'apply' | 'recommend' = 'apply') {
  const ranges = shardRanges(NAMES.length, maxPerShard);
  const configs = ranges.map(
    (range): ThermostatConfig =>
      validateConfig({
        mode,
        reports: { s3: REPORTS },
        targets: NAMES.slice(range.first, range.first + range.count).map((name) => ({
          function: name,
          alias: 'live',
          slo: { p99Ms: 300 },
        })),
      }),
  );
  return { ranges, configs };
}

/** Handlers over one bucket and one fake account where every target has PC 8 and no traffic. */
function shardedCycle(maxPerShard: number) {
  const { ranges, configs } = shardConfigs(maxPerShard);
  const bucket = inMemoryPrefixStores();
  const stateReader = new FakeStateReader();
  for (const name of NAMES) stateReader.set(liveState(name, 8));
  const actuator = new FakeActuator();
  const emf: string[] = [];
  const options = {
    clock: { now: () => NOW, sleep: async () => {} },
    logger: silent,
    plannerOptions: { replications: 4 },
    stores: bucket.open,
    loadShardConfig: async (index: number) => ({
      config: configs[index] as ThermostatConfig,
      source: `shard-${index}.json`,
    }),
    ports: () => ({ metricsSource: new FakeMetricsSource(), stateReader, actuator }),
  };
  return {
    ranges,
    bucket,
    actuator,
    emf,
    shard: createShardHandler(options),
    reconcile: createReconcileHandler({ ...options, emfWriter: (line) => emf.push(line) }),
  };
}

const account = { concurrencyLimit: 1000, unreservedConcurrency: 400 };

describe('a sharded cycle', () => {
  it('tunes each shard on its own targets and memory, then publishes one report and the history', async () => {
    // Prepare: five targets in shards of at most two (2 + 2 + 1)
    const cycle = shardedCycle(2);
    expect(cycle.ranges.map((r) => r.count)).toEqual([2, 2, 1]);

    // Act
    const summaries = [];
    for (const range of cycle.ranges)
      summaries.push(await cycle.shard({ shard: range, shards: cycle.ranges.length, account }));
    const result = await cycle.reconcile({ shards: summaries, account, startedAt: STARTED_AT });

    // Assess: each shard acted on its targets only and kept its own memory
    expect(summaries.map((s) => s.targets)).toEqual([2, 2, 1]);
    const acted = cycle.actuator.calls.flatMap((c) => c.actions.map((a) => a.target.functionName));
    expect(acted.sort()).toEqual(NAMES);
    for (const range of cycle.ranges) {
      const memory = cycle.bucket.objects.get(
        `${REPORTS}${shardFolder(range.index)}state/memory.json`,
      );
      const keys = Object.keys(JSON.parse(memory ?? '{}').targets ?? {});
      expect(keys).toEqual(
        NAMES.slice(range.first, range.first + range.count).map((n) => `:${n}:live`),
      );
      expect(
        cycle.bucket.objects.has(`${REPORTS}${shardFolder(range.index)}${SHARD_REPORT_NAME}`),
      ).toBe(true);
    }
    // … and the reconcile step published the whole cycle where the unsharded tuner does
    const latest = JSON.parse(
      cycle.bucket.objects.get(`${REPORTS}latest.json`) ?? '{}',
    ) as CycleReport;
    expect(latest.targets.map((t) => t.label)).toEqual(NAMES.map((n) => `${n}:live`));
    expect(latest.status).toBe('completed');
    expect(latest.account).toEqual(account);
    expect(result).toMatchObject({
      status: 'completed',
      targets: 5,
      actionsPlanned: 5,
      apiErrors: 0,
    });
    expect(result.report).toBe(`${REPORTS}reports/2026-11-27T12-00-00Z.json`);
    expect(result.html).toBe(`${REPORTS}index.html`);
    expect(cycle.bucket.objects.has(`${REPORTS}history.json`)).toBe(true);
    expect(cycle.emf.some((line) => line.includes('"ApiErrors"'))).toBe(true);
  });

  it("starts from the unsharded tuner's memory, and writes only its own", async () => {
    // Prepare: an unsharded cycle left a memory with a cooldown on every target
    const cycle = shardedCycle(2);
    const unsharded = shardedCycle(5);
    await unsharded.shard({ shard: unsharded.ranges[0], shards: 1, account });
    const left = unsharded.bucket.objects.get(`${REPORTS}${shardFolder(0)}state/memory.json`) ?? '';
    cycle.bucket.objects.set(`${REPORTS}state/memory.json`, left);

    // Act
    const summary = await cycle.shard({ shard: cycle.ranges[1], shards: 3, account });

    // Assess: the cooldowns held (nothing acted on), the unsharded memory untouched
    expect(summary).toMatchObject({ actionsPlanned: 0, targets: 2 });
    const report = JSON.parse(
      cycle.bucket.objects.get(`${REPORTS}${shardFolder(1)}${SHARD_REPORT_NAME}`) ?? '{}',
    ) as CycleReport;
    expect(report.memory.source).toBe('stored');
    expect(cycle.bucket.objects.get(`${REPORTS}state/memory.json`)).toBe(left);
    expect(cycle.bucket.objects.has(`${REPORTS}${shardFolder(1)}state/memory.json`)).toBe(true);
  });

  it('plans each shard against its share of the headroom, the shares set by the last cycle', async () => {
    // Prepare: the last cycle left shard 1 three times shard 0's share; 300 above the 100 kept free
    const cycle = shardedCycle(3);
    cycle.bucket.objects.set(
      `${REPORTS}${HEADROOM_SHARES_NAME}`,
      JSON.stringify({
        kind: 'lambda-thermostat.headroom-shares',
        version: 1,
        updatedAtMs: NOW - 300_000,
        weights: [0.25, 0.75],
      }),
    );

    // Act
    const summaries = [];
    for (const range of cycle.ranges)
      summaries.push(await cycle.shard({ shard: range, shards: 2, account }));

    // Assess: shard 0 plans as if 100 + 75 were unreserved, shard 1 as if 100 + 225: 300 in all
    const seen = cycle.ranges.map((range) => {
      const text = cycle.bucket.objects.get(
        `${REPORTS}${shardFolder(range.index)}${SHARD_REPORT_NAME}`,
      );
      return (JSON.parse(text ?? '{}') as CycleReport).account;
    });
    expect(seen).toEqual([
      { concurrencyLimit: 1000, unreservedConcurrency: 175 },
      { concurrencyLimit: 1000, unreservedConcurrency: 325 },
    ]);
    expect(summaries.map((s) => s.weight)).toEqual([0.25, 0.75]);
  });

  it('keeps the shards together within the headroom: each planner trims to its own share', () => {
    // Prepare: two shards, each with targets wanting 200 more reserved; 300 of headroom
    const raise = (name: string): TargetPlan => ({
      target: { functionName: name, qualifier: 'live' },
      key: name,
      status: 'planned',
      current: { memoryMb: 1769, provisionedConcurrency: 0, reservedConcurrency: 10 },
      desired: { memoryMb: 1769, provisionedConcurrency: 0, reservedConcurrency: 210 },
      planned: { memoryMb: 1769, provisionedConcurrency: 0, reservedConcurrency: 210 },
      actions: [
        {
          kind: 'setReservedConcurrency',
          target: { functionName: name, qualifier: 'live' },
          from: 10,
          to: 210,
          reason: 'r',
        },
      ],
      prediction: null,
      alternatives: [],
      meetsTarget: true,
      sloP99Ms: 300,
      safetyMargin: 0.1,
      summary: 's',
      notes: [],
      flags: [],
    });
    const weights = nextHeadroomShares([0, 0], NOW).weights;

    // Act: each shard fits its plans to its view of the account, as planCycle does
    const granted = weights.map((weight, shard) => {
      const view = shardAccountView(account, weight, 100);
      const [fitted] = fitReservationsToAccount([raise(`s${shard}`)], view, 100);
      return (fitted?.planned?.reservedConcurrency ?? 0) - 10;
    });
    const unshared = [0, 1].map(
      (shard) =>
        (fitReservationsToAccount([raise(`s${shard}`)], account, 100)[0]?.planned
          ?.reservedConcurrency ?? 0) - 10,
    );

    // Assess: 150 each, 300 together; planning on the whole account each would have taken 400
    expect(granted).toEqual([150, 150]);
    expect(unshared.reduce((a, b) => a + b, 0)).toBe(400);
  });

  it('never hands out more than the headroom, whatever the shards wanted', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(10_000), { minLength: 1, maxLength: 50 }),
        fc.nat(100_000),
        fc.integer({ min: 0, max: 1000 }),
        (wanted, unreserved, minimum) => {
          const { weights } = nextHeadroomShares(wanted, NOW);
          const state = { concurrencyLimit: 200_000, unreservedConcurrency: unreserved };
          const shared = weights.reduce(
            (sum, w) => sum + shardAccountView(state, w, minimum).unreservedConcurrency - minimum,
            0,
          );
          return shared <= Math.max(0, unreserved - minimum);
        },
      ),
    );
  });

  it('gives the shard that was held back the larger share next cycle', async () => {
    // Prepare: shard 1 wanted 30 more reserved this cycle, shard 0 nothing
    const cycle = shardedCycle(3);
    const summaries = [];
    for (const range of cycle.ranges)
      summaries.push(await cycle.shard({ shard: range, shards: 2, account }));
    const held = [summaries[0], { ...summaries[1], wantedReservation: 30 }];

    // Act
    await cycle.reconcile({ shards: held, account, startedAt: STARTED_AT });

    // Assess: weights ∝ 1 + wanted
    const shares = JSON.parse(
      cycle.bucket.objects.get(`${REPORTS}${HEADROOM_SHARES_NAME}`) ?? '{}',
    );
    expect(shares.weights).toEqual([1 / 32, 31 / 32]);
  });

  it('reports a shard that failed or did not report this cycle, and counts it as an API error', async () => {
    // Prepare: shard 0 ran; shard 1 failed; shard 2's report is an earlier cycle's
    const cycle = shardedCycle(2);
    const first = await cycle.shard({ shard: cycle.ranges[0], shards: 3, account });
    cycle.bucket.objects.set(
      `${REPORTS}${shardFolder(2)}${SHARD_REPORT_NAME}`,
      cycle.bucket.objects
        .get(`${REPORTS}${shardFolder(0)}${SHARD_REPORT_NAME}`)
        ?.replace(/"generatedAtMs":\d+/, `"generatedAtMs":${NOW - 600_000}`) ?? '',
    );

    // Act
    const result = await cycle.reconcile({
      shards: [
        first,
        {
          shard: 1,
          failure: { Error: 'Lambda.Unknown', Cause: 'Task timed out after 840 seconds' },
        },
        { ...first, shard: 2 },
      ],
      account: { Error: 'Lambda.TooManyRequestsException', Cause: 'Rate exceeded' },
      startedAt: STARTED_AT,
    });

    // Assess
    const latest = JSON.parse(
      cycle.bucket.objects.get(`${REPORTS}latest.json`) ?? '{}',
    ) as CycleReport;
    expect(latest.targets.map((t) => t.label)).toEqual(['a:live', 'b:live']);
    expect(latest.notes.join('\n')).toContain(
      'shard 1 did not report this cycle: Lambda.Unknown: Task timed out after 840 seconds',
    );
    expect(latest.notes.join('\n')).toContain('shard 2 did not report this cycle: the report at');
    expect(latest.account).toEqual({
      error: {
        name: 'Lambda.TooManyRequestsException',
        message: expect.stringContaining('Rate exceeded'),
      },
    });
    expect(latest.memory.saved).toBe(false);
    expect(result.apiErrors).toBe(2);
  });

  it('fails the reconcile step when no shard reported, so the tuner alarm fires', async () => {
    const cycle = shardedCycle(5);
    await expect(
      cycle.reconcile({
        shards: [{ shard: 0, failure: { Error: 'States.Timeout' } }],
        account,
        startedAt: STARTED_AT,
      }),
    ).rejects.toThrow(/no shard reported this cycle: shard 0: States.Timeout/);
  });

  it('refuses an event the state machine would not send, naming the field, and changes nothing', async () => {
    // Prepare
    const cycle = shardedCycle(2);

    // Act & Assess
    await expect(
      cycle.shard({ shard: { index: 0, first: 0, count: 0 }, shards: 3, account }),
    ).rejects.toThrow(ShardEventError);
    await expect(
      cycle.shard({ shard: { index: 0, first: 0, count: 0 }, shards: 3, account }),
    ).rejects.toThrow(/shard\.count/);
    await expect(
      cycle.shard({ shard: { index: 0, first: 0, count: 3 }, shards: 3, account }),
    ).rejects.toThrow(/2 target\(s\), but the state machine gave shard 0 3/);
    expect(cycle.actuator.calls).toEqual([]);
    expect(cycle.bucket.objects.size).toBe(0);
  });
});
