/**
 * The cycle never forgets what it did: a memory it could not read is never overwritten, apply
 * mode changes nothing without a memory it can read and write, a read-only memory is never
 * written; and a deadline stops it cleanly, with a report of what was and was not done.
 */
import { describe, expect, it } from 'vitest';
import type { ThermostatConfig } from '../../../tuner/core/config/thermostatConfig.ts';
import { validateConfig } from '../../../tuner/core/config/validateConfig.ts';
import { decodeTunerMemory } from '../../../tuner/core/memory/tunerMemoryCodec.ts';
import type { MetricsSource } from '../../../tuner/core/ports.ts';
import { CycleStatus } from '../../../tuner/cycle/cycleReport.ts';
import { runTuningCycle, type TuningCycleInput } from '../../../tuner/cycle/tuningCycle.ts';
import {
  FakeActuator,
  FakeMetricsSource,
  FakeStateReader,
  liveState,
  StringMemoryStore,
  StringReportSink,
} from './support/fakePorts.ts';

const NOW = Date.parse('2026-11-27T12:00:00Z');
const STORED = JSON.stringify({
  version: 1,
  targets: { ':ocr:live': { safetyMargin: 1.4, lastChange: {} } },
});

const configOf = (mode: 'recommend' | 'apply', names = ['ocr']): ThermostatConfig =>
  validateConfig({
    mode,
    targets: names.map((name) => ({ function: name, alias: 'live', slo: { p99Ms: 300 } })),
  });

/** Every target at PC 8 without traffic: the planner steps PC down (one action each). */
function ports(names = ['ocr']) {
  const stateReader = new FakeStateReader();
  for (const name of names) stateReader.set(liveState(name, 8));
  const memoryStore = new StringMemoryStore();
  memoryStore.text = STORED;
  return {
    metricsSource: new FakeMetricsSource() as MetricsSource,
    stateReader,
    actuator: new FakeActuator(),
    reportSink: new StringReportSink(),
    memoryStore,
  };
}

const run = (
  config: ThermostatConfig,
  given: ReturnType<typeof ports>,
  overrides: Partial<TuningCycleInput> = {},
) => runTuningCycle({ config, ...given, clock: { now: () => NOW }, ...overrides });

describe('runTuningCycle: the memory', () => {
  it('in apply mode, changes nothing when the memory cannot be read, and does not overwrite it', async () => {
    // Prepare
    const given = ports();
    given.memoryStore.loadFailure = Object.assign(new Error('Service Unavailable'), {
      name: 'ServiceUnavailable',
    });

    // Act
    const result = await run(configOf('apply'), given);

    // Assess
    expect(result.report.status).toBe(CycleStatus.MEMORY_UNAVAILABLE);
    expect(given.actuator.calls).toEqual([]);
    expect(result.report.targets[0]?.results).toEqual([
      expect.objectContaining({
        status: 'skipped',
        detail: 'not applied: the memory at memory://test/state/memory.json could not be read',
      }),
    ]);
    expect(given.memoryStore.saves).toBe(0);
    expect(given.memoryStore.text).toBe(STORED);
    expect(result.report.memory.saved).toBe(false);
    expect(result.markdown).toContain('could not be read, so it is not written either');
  });

  it('in recommend mode, plans from a fresh memory and never writes over the one it could not read', async () => {
    // Prepare
    const given = ports();
    given.memoryStore.loadFailure = new Error('timeout');

    // Act
    const result = await run(configOf('recommend'), given);

    // Assess
    expect(result.report.status).toBe(CycleStatus.COMPLETED);
    expect(given.actuator.calls[0]?.dryRun).toBe(true);
    expect(given.memoryStore.saves).toBe(0);
    expect(given.memoryStore.text).toBe(STORED);
  });

  it('in apply mode, changes nothing when the memory cannot be written', async () => {
    // Prepare
    const given = ports();
    given.memoryStore.save = async () => {
      throw Object.assign(new Error('denied'), { name: 'AccessDenied' });
    };

    // Act
    const result = await run(configOf('apply'), given);

    // Assess
    expect(result.report.status).toBe(CycleStatus.MEMORY_UNAVAILABLE);
    expect(result.report.error).toEqual({
      name: 'MemoryUnavailableError',
      message:
        'the memory at memory://test/state/memory.json cannot be written (AccessDenied: denied)',
    });
    expect(given.actuator.calls).toEqual([]);
    expect(result.report.totals.actionsApplied).toBe(0);
  });

  it('in apply mode, tests the memory write only when there is an action to protect', async () => {
    // Prepare: PC 0 without traffic: nothing to change
    const given = ports();
    given.stateReader.set(liveState('ocr', 0));

    // Act
    const result = await run(configOf('apply'), given);

    // Assess: one PUT, the memory saved at the end (the test write is an S3 PUT a cycle)
    expect(result.report.status).toBe(CycleStatus.COMPLETED);
    expect(result.report.totals.actionsPlanned).toBe(0);
    expect(given.memoryStore.saves).toBe(1);
    expect(result.report.memory.saved).toBe(true);
  });

  it('in apply mode with an action, tests the memory write first, then saves', async () => {
    // Prepare: PC 8 without traffic: a step down
    const given = ports();

    // Act
    const result = await run(configOf('apply'), given);

    // Assess
    expect(result.report.totals.actionsPlanned).toBe(1);
    expect(given.memoryStore.saves).toBe(2);
  });

  it('never writes a read-only memory, and still reads it', async () => {
    // Prepare
    const given = ports();

    // Act
    const result = await run(configOf('recommend'), given, { readOnlyMemory: true });

    // Assess
    expect(given.memoryStore.saves).toBe(0);
    expect(result.report.memory).toMatchObject({ source: 'stored', saved: false });
    expect(result.report.notes).toContain(
      'the memory at memory://test/state/memory.json is only read here: it is left as it was',
    );
  });

  it('in apply mode, refuses to act on a read-only memory', async () => {
    // Prepare
    const given = ports();

    // Act
    const result = await run(configOf('apply'), given, { readOnlyMemory: true });

    // Assess
    expect(result.report.status).toBe(CycleStatus.MEMORY_UNAVAILABLE);
    expect(given.actuator.calls).toEqual([]);
    expect(given.memoryStore.saves).toBe(0);
  });
});

describe('runTuningCycle: the deadline', () => {
  it('stops when observing outlasts the deadline: nothing planned or changed, memory as it was', async () => {
    // Prepare
    const given = ports();
    given.metricsSource = { observe: () => new Promise(() => {}) };

    // Act
    const result = await run(configOf('apply'), given, { deadlineMs: NOW + 20 });

    // Assess
    expect(result.report.status).toBe(CycleStatus.DEADLINE_PASSED);
    expect(result.report.error?.message).toBe(
      "the cycle's deadline (2026-11-27T12:00:00.020Z) passed while observing",
    );
    expect(given.actuator.calls).toEqual([]);
    expect(given.memoryStore.saves).toBe(0);
    expect(result.report.targets[0]?.plan.status).toBe('error');
    expect(given.reportSink.objects.size).toBe(2);
  });

  it('does not start acting once the deadline has passed', async () => {
    // Prepare
    const given = ports();
    // The deadline passes between planning and acting: right after the write check of the memory.
    let late = false;
    const save = given.memoryStore.save.bind(given.memoryStore);
    given.memoryStore.save = async (text) => {
      await save(text);
      late = true;
    };
    const clock = { now: () => (late ? NOW + 60_000 : NOW) };

    // Act
    const result = await run(configOf('apply'), given, { clock, deadlineMs: NOW + 30_000 });

    // Assess
    expect(result.report.status).toBe(CycleStatus.DEADLINE_PASSED);
    expect(given.actuator.calls).toEqual([]);
    expect(result.report.targets[0]?.results.map((r) => r.detail)).toEqual([
      "not started: the cycle's deadline passed",
    ]);
  });

  it('remembers what was applied before the deadline, and reports what was not started', async () => {
    // Prepare
    const given = ports(['ocr', 'fraud']);
    given.actuator.late.add('fraud');

    // Act
    const result = await run(configOf('apply', ['ocr', 'fraud']), given, {
      deadlineMs: NOW + 60_000,
    });

    // Assess
    expect(result.report.status).toBe(CycleStatus.DEADLINE_PASSED);
    expect(result.report.targets.map((t) => t.results.map((r) => r.status))).toEqual([
      ['applied'],
      ['skipped'],
    ]);
    const memory = decodeTunerMemory(given.memoryStore.text ?? '').memory.targets;
    expect(memory[':ocr:live']?.lastChange.provisionedConcurrency).toEqual({
      atMs: NOW,
      direction: 'down',
    });
    expect(memory[':fraud:live']?.lastChange.provisionedConcurrency).toBeUndefined();
  });
});
