import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ThermostatConfig } from '../../../tuner/core/config/thermostatConfig.ts';
import { validateConfig } from '../../../tuner/core/config/validateConfig.ts';
import { decodeTunerMemory } from '../../../tuner/core/memory/tunerMemoryCodec.ts';
import {
  DEMAND_FIELDS,
  FAST_FIELDS,
  SLOW_FIELDS,
} from '../../../tuner/core/observe/observedFields.ts';
import { CycleStatus } from '../../../tuner/cycle/cycleReport.ts';
import { runTuningCycle, type TuningCycleInput } from '../../../tuner/cycle/tuningCycle.ts';
import { FileTunerMemoryStore } from '../../../tuner/local/fileTunerMemoryStore.ts';
import {
  FakeActuator,
  FakeMetricsSource,
  FakeStateReader,
  liveState,
  StringMemoryStore,
  StringReportSink,
} from './support/fakePorts.ts';

const NOW = Date.parse('2026-11-27T12:00:00Z');
const MINUTE_MS = 60_000;

function configOf(
  mode: 'recommend' | 'apply',
  names: readonly string[] = ['ocr'],
): ThermostatConfig {
  return validateConfig({
    mode,
    targets: names.map((name) => ({ function: name, alias: 'live', slo: { p99Ms: 300 } })),
  });
}

/** Ports where every target has PC 8 and no traffic: the planner steps PC down to 6. */
function idlePorts(names: readonly string[] = ['ocr']) {
  const stateReader = new FakeStateReader();
  for (const name of names) stateReader.set(liveState(name, 8));
  return {
    metricsSource: new FakeMetricsSource(),
    stateReader,
    actuator: new FakeActuator(),
    reportSink: new StringReportSink(),
    memoryStore: new StringMemoryStore(),
  };
}

function run(
  config: ThermostatConfig,
  ports: Omit<ReturnType<typeof idlePorts>, 'memoryStore'> & Pick<TuningCycleInput, 'memoryStore'>,
  nowMs = NOW,
  overrides: Partial<TuningCycleInput> = {},
) {
  return runTuningCycle({ config, ...ports, clock: { now: () => nowMs }, ...overrides });
}

describe('runTuningCycle', () => {
  it('changes nothing in recommend mode: the actuator only dry-runs, no cooldown starts', async () => {
    // Prepare
    const ports = idlePorts();

    // Act
    const result = await run(configOf('recommend'), ports);

    // Assess
    expect(ports.actuator.calls).toHaveLength(1);
    expect(ports.actuator.calls[0]?.dryRun).toBe(true);
    expect(ports.actuator.calls[0]?.actions).toMatchObject([
      { kind: 'setProvisionedConcurrency', from: 8, to: 6 },
    ]);
    const [target] = result.report.targets;
    expect(target?.results.map((r) => r.status)).toEqual(['skipped']);
    expect(result.report).toMatchObject({ mode: 'recommend', dryRun: true, status: 'completed' });
    expect(result.report.totals).toMatchObject({ actionsPlanned: 1, actionsApplied: 0 });
    const memory = decodeTunerMemory(ports.memoryStore.text ?? '').memory;
    expect(memory.targets[':ocr:live']?.lastChange).toEqual({});
    expect(result.markdown).toContain('dry run: nothing changed');
  });

  it('applies the plan in apply mode and remembers the change for cooldown and rollback', async () => {
    // Prepare
    const ports = idlePorts();

    // Act
    const result = await run(configOf('apply'), ports);

    // Assess
    expect(ports.actuator.calls[0]?.dryRun).toBe(false);
    expect(result.report.targets[0]?.results.map((r) => r.status)).toEqual(['applied']);
    expect(result.report.totals).toMatchObject({
      actionsPlanned: 1,
      actionsApplied: 1,
      apiErrors: 0,
    });
    const memory = decodeTunerMemory(ports.memoryStore.text ?? '').memory.targets[':ocr:live'];
    expect(memory?.lastChange.provisionedConcurrency).toEqual({ atMs: NOW, direction: 'down' });
    expect(memory?.rollbackWatch?.previous).toEqual({
      memoryMb: 1769,
      provisionedConcurrency: 8,
      reservedConcurrency: null,
    });
    expect(result.markdown).toContain('| ocr:live |');
    expect(result.markdown).toContain('1769 MB, PC 8, RC none → 1769 MB, PC 6, RC none');
    expect(result.markdown).toContain('applied: setProvisionedConcurrency 8 → 6');
  });

  it('isolates a failing target: the other two are applied, the failure is reported and not remembered', async () => {
    // Prepare
    const names = ['alpha', 'bravo', 'charlie'];
    const ports = idlePorts(names);
    ports.actuator.failing.add('bravo');

    // Act
    const result = await run(configOf('apply', names), ports);

    // Assess
    const byLabel = new Map(result.report.targets.map((t) => [t.label, t]));
    expect(byLabel.get('alpha:live')?.results[0]?.status).toBe('applied');
    expect(byLabel.get('charlie:live')?.results[0]?.status).toBe('applied');
    expect(byLabel.get('bravo:live')?.results[0]?.status).toBe('failed');
    expect(byLabel.get('bravo:live')?.apiErrors).toBe(1);
    expect(result.report.totals).toMatchObject({
      actionsApplied: 2,
      actionsFailed: 1,
      apiErrors: 1,
    });
    expect(result.markdown).toContain(
      'FAILED: setProvisionedConcurrency failed: AccessDeniedException',
    );
    const memory = decodeTunerMemory(ports.memoryStore.text ?? '').memory.targets;
    expect(memory[':alpha:live']?.lastChange.provisionedConcurrency).toBeDefined();
    expect(memory[':bravo:live']?.lastChange.provisionedConcurrency).toBeUndefined();
  });

  it('isolates a target whose metrics or state cannot be read', async () => {
    // Prepare
    const names = ['alpha', 'bravo', 'charlie'];
    const ports = idlePorts(names);
    ports.metricsSource.targetFailures.set(':bravo:live', new Error('GetMetricData throttled'));
    ports.stateReader.states.set(':charlie:live', new Error('ResourceNotFoundException'));

    // Act
    const result = await run(configOf('apply', names), ports);

    // Assess
    expect(result.report.targets.map((t) => t.plan.status)).toEqual(['no-data', 'error', 'error']);
    expect(ports.actuator.calls[0]?.actions.map((a) => a.target.functionName)).toEqual(['alpha']);
    expect(result.report.targets[1]?.plan.summary).toContain('GetMetricData throttled');
    expect(result.report.totals.apiErrors).toBe(2);
  });

  it('carries memory from one cycle to the next: the step down waits out its cooldown', async () => {
    // Prepare
    const ports = idlePorts();
    const config = configOf('apply');
    await run(config, ports);
    ports.stateReader.set(liveState('ocr', 6));

    // Act
    const second = await run(config, ports, NOW + 5 * MINUTE_MS);
    const third = await run(config, ports, NOW + 20 * MINUTE_MS);

    // Assess
    expect(second.report.memory.source).toBe('stored');
    expect(second.report.targets[0]?.plan.actions).toEqual([]);
    expect(second.report.targets[0]?.plan.notes.join(' ')).toContain(
      'provisioned concurrency fell 5 min ago; decreases wait 15 min',
    );
    expect(third.report.targets[0]?.plan.actions).toMatchObject([{ from: 6, to: 4 }]);
    expect(ports.actuator.calls).toHaveLength(2);
  });

  it('starts fresh, with a note, from a corrupt memory file, and writes a good one', async () => {
    // Prepare
    const directory = await mkdtemp(join(tmpdir(), 'thermostat-memory-'));
    const path = join(directory, 'memory.json');
    await writeFile(path, '{"version": 1, "targets": {"oops"');
    const ports = { ...idlePorts(), memoryStore: new FileTunerMemoryStore(path) };

    try {
      // Act
      const result = await run(configOf('recommend'), ports);

      // Assess
      expect(result.report.memory.source).toBe('fresh');
      expect(result.report.memory.notes.join(' ')).toMatch(/stored memory is unusable \(not JSON/);
      expect(result.markdown).toContain('stored memory is unusable');
      expect(result.report.status).toBe('completed');
      expect(decodeTunerMemory(await readFile(path, 'utf8')).fresh).toBe(false);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it('reports a failed observation and changes nothing when the metrics source fails as a whole', async () => {
    // Prepare
    const ports = idlePorts(['alpha', 'bravo']);
    ports.metricsSource.failure = Object.assign(new Error('Rate exceeded'), { name: 'Throttling' });
    ports.memoryStore.text = '{"version":1,"targets":{}}';

    // Act
    const result = await run(configOf('apply', ['alpha', 'bravo']), ports);

    // Assess
    expect(result.report.status).toBe(CycleStatus.OBSERVE_FAILED);
    expect(result.report.error).toEqual({ name: 'Throttling', message: 'Rate exceeded' });
    expect(ports.actuator.calls).toEqual([]);
    expect(ports.stateReader.calls).toBe(0);
    expect(ports.memoryStore.saves).toBe(0);
    expect(result.report.targets.map((t) => t.plan.status)).toEqual(['error', 'error']);
    expect(result.markdown).toContain(
      '**Observing failed (Throttling: Rate exceeded): nothing was planned or changed.**',
    );
    const latest = JSON.parse(ports.reportSink.objects.get('latest.json') ?? '{}');
    expect(latest.status).toBe('observe-failed');
    expect(result.reportLocations).toEqual([
      'memory://reports/reports/2026-11-27T12-00-00Z.json',
      'memory://reports/latest.json',
    ]);
  });

  it('treats every target failing to observe as the source being down: nothing read or changed', async () => {
    // Prepare
    const ports = idlePorts(['alpha', 'bravo']);
    for (const key of [':alpha:live', ':bravo:live'])
      ports.metricsSource.targetFailures.set(key, new Error('InternalServiceError'));

    // Act
    const result = await run(configOf('apply', ['alpha', 'bravo']), ports);

    // Assess
    expect(result.report.status).toBe(CycleStatus.OBSERVE_FAILED);
    expect(ports.stateReader.calls).toBe(0);
    expect(ports.actuator.calls).toEqual([]);
    expect(result.report.targets[0]?.plan.summary).toBe(
      'not planned: observing failed for every target (Error: InternalServiceError); nothing changes',
    );
  });

  it('reports a failed state read and changes nothing', async () => {
    // Prepare
    const ports = idlePorts();
    ports.stateReader.failure = new Error('network down');

    // Act
    const result = await run(configOf('apply'), ports);

    // Assess
    expect(result.report.status).toBe(CycleStatus.STATE_READ_FAILED);
    expect(ports.actuator.calls).toEqual([]);
    expect(result.report.targets[0]?.observation).toMatchObject({ latencySource: 'sdk' });
    expect(result.markdown).toContain('**Reading the state failed (Error: network down)');
  });

  it('observes every target at once over the 3 hours up to the newest complete minute and the hour around now − 24 h (full observation)', async () => {
    // Prepare
    const ports = idlePorts(['alpha', 'bravo']);

    // Act
    const result = await run(configOf('recommend', ['alpha', 'bravo']), ports, NOW, {
      observation: 'full',
    });

    // Assess
    expect(ports.metricsSource.queries.map((q) => q.length)).toEqual([2, 2]);
    expect(ports.metricsSource.windows).toEqual([
      // CloudWatch completes a minute's data about 2 minutes after it ends: those are left out.
      { startMs: NOW - 182 * MINUTE_MS, endMs: NOW - 2 * MINUTE_MS, periodSec: 60 },
      { startMs: NOW - 1470 * MINUTE_MS, endMs: NOW - 1410 * MINUTE_MS, periodSec: 60 },
    ]);
    expect(result.report.windows.yesterday).toEqual({
      start: '2026-11-26T11:30:00.000Z',
      end: '2026-11-26T12:30:00.000Z',
      periodSec: 60,
    });
  });

  it('reads a new target once in full (3 hours, every field; demand back to the same hour yesterday), then only its new minutes and the statistics read every cycle', async () => {
    // Prepare
    const ports = idlePorts(['alpha', 'bravo']);
    const config = configOf('recommend', ['alpha', 'bravo']);

    // Act
    await run(config, ports);
    await run(config, ports, NOW + 5 * MINUTE_MS);

    // Assess
    const calls = ports.metricsSource.windows.map((window, i) => ({
      window,
      targets: ports.metricsSource.queries[i]?.length,
      fields: ports.metricsSource.fields[i],
    }));
    expect(calls).toEqual([
      {
        window: { startMs: NOW - 1470 * MINUTE_MS, endMs: NOW - 182 * MINUTE_MS, periodSec: 60 },
        targets: 2,
        fields: [...DEMAND_FIELDS],
      },
      {
        window: { startMs: NOW - 182 * MINUTE_MS, endMs: NOW - 2 * MINUTE_MS, periodSec: 60 },
        targets: 2,
        fields: [...FAST_FIELDS, ...SLOW_FIELDS],
      },
      {
        // The 5 new minutes and 3 read again for late data, fast fields only.
        window: { startMs: NOW - 5 * MINUTE_MS, endMs: NOW + 3 * MINUTE_MS, periodSec: 60 },
        targets: 2,
        fields: [...FAST_FIELDS],
      },
    ]);
  });

  it('plans from the recent window alone, with a note, when yesterday cannot be read', async () => {
    // Prepare
    const ports = idlePorts();
    ports.metricsSource.failBefore = { beforeMs: NOW - 1000 * MINUTE_MS, error: new Error('slow') };

    // Act
    const result = await run(configOf('recommend'), ports);

    // Assess
    expect(result.report.status).toBe('completed');
    expect(result.report.targets[0]?.plan.notes.join(' ')).toContain(
      'same hour yesterday unreadable (Error: slow): the forecast uses recent traffic only',
    );
  });

  it('keeps the cycle when the memory cannot be saved or the report written, and says so', async () => {
    // Prepare
    const ports = idlePorts();
    ports.memoryStore.save = async () => {
      throw new Error('AccessDenied');
    };
    ports.reportSink.write = async () => {
      throw new Error('bucket gone');
    };

    // Act
    const result = await run(configOf('recommend'), ports);

    // Assess
    expect(result.report.memory.saved).toBe(false);
    expect(result.reportLocations).toEqual([]);
    expect(result.apiErrors).toBe(3);
    expect(result.markdown).toContain(
      'memory not saved to memory://test/state/memory.json (Error: AccessDenied)',
    );
    expect(result.markdown).toContain('report latest.json not written (Error: bucket gone)');
  });
});

describe('runTuningCycle with traffic', () => {
  let ports: ReturnType<typeof idlePorts>;
  beforeEach(() => {
    ports = idlePorts();
  });

  it('summarises observed and predicted p99 and the cost per hour', async () => {
    // Prepare: 300 requests a minute at a steady ~140 ms p99, yesterday included
    ports.metricsSource = new FakeMetricsSource(() => ({
      invocations: 300,
      durationP50Ms: 110,
      durationP99Ms: 140,
      e2eP50Ms: 110,
      e2eP99Ms: 140,
      concurrencyMax: 2,
      cpuTimeAvgMs: 108,
      invokeLatencyAvgMs: 112,
    }));

    // Act
    const result = await run(configOf('recommend'), ports, NOW, {
      plannerOptions: { replications: 4 },
    });

    // Assess
    const [target] = result.report.targets;
    expect(target?.observed).toMatchObject({
      p99Ms: 140,
      requests: 1500,
      requestsLastHour: 18_000,
    });
    expect(target?.plan.prediction?.predictedP99Ms).toBeGreaterThan(0);
    const row = result.markdown.split('\n').find((line) => line.startsWith('| ocr:live'));
    expect(row).toMatch(/^\| ocr:live \| 140 \/ 300 ms ✓ \| .+ \| \d+ ms \| \d+\.\d{4} USD \|$/);
  });
});
