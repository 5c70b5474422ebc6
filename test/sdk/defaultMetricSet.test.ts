import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_METRICS, Metric, OPT_IN_METRICS, withTelemetry } from '../../sdk/index.ts';
import { capturingWriter } from '../support/emfSpecification.ts';
import { lambdaContext } from '../support/lambdaFixtures.ts';
import { recordSdkNotes } from '../support/sdkNotes.ts';

type Doc = Record<string, unknown> & {
  _aws: { CloudWatchMetrics: Array<{ Metrics: Array<{ Name: string }> }> };
};

const declared = (doc: Record<string, unknown> | undefined) =>
  ((doc as Doc | undefined)?._aws.CloudWatchMetrics ?? []).flatMap((d) =>
    d.Metrics.map((m) => m.Name),
  );

/** CloudWatch bills every declared metric: by default only what the tuner reads is declared. */
describe('the default metric set', () => {
  const notes = recordSdkNotes();
  // One clock minute for every invocation: an aggregated document never spans two.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-27T10:00:00Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('declares exactly the default set: the cold start alone with all three, then the two of every invocation, aggregated', async () => {
    // Prepare
    const capture = capturingWriter();
    const handler = withTelemetry(async (_e: unknown, _c: unknown) => 'ok', {
      writer: capture.write,
    });
    // Act: the cold start, then 100 warm invocations (one aggregated document's worth)
    for (let i = 0; i < 101; i++) await handler({}, lambdaContext());
    // Assess
    expect(capture.documents).toHaveLength(2);
    const [cold, warm] = capture.documents;
    expect(declared(cold).sort()).toEqual([...DEFAULT_METRICS].sort());
    expect(cold?.requestId).toMatch(/^req-/); // written alone, with its per-invocation members
    expect(declared(warm).sort()).toEqual(['CpuTime', 'EndToEndLatency']);
    expect((warm?.EndToEndLatency as number[] | undefined)?.length).toBe(100);
    expect(warm?.requestId).toBeUndefined();
  });

  it('keeps the other values as plain, searchable members', async () => {
    // Prepare
    const capture = capturingWriter();
    const handler = withTelemetry(async (_e: unknown, _c: unknown) => 'ok', {
      writer: capture.write,
    });
    // Act
    await handler({}, lambdaContext({ memoryLimitInMB: '1024' }));
    // Assess
    const doc = capture.documents[0] as Doc;
    expect(typeof doc.InvokeLatency).toBe('number');
    expect(typeof doc.Cost).toBe('number');
    expect(typeof doc.MemoryUsed).toBe('number');
    expect(doc.coldStart).toBe(true);
    // Always 1, and the same as `coldStart`: not written unless declared.
    expect(doc.Invocations).toBeUndefined();
    expect(doc.ColdStart).toBeUndefined();
  });

  it('writes the environment’s facts (version, init type) in its first document only', async () => {
    // Prepare
    const capture = capturingWriter();
    const handler = withTelemetry(async (_e: unknown, _c: unknown) => 'ok', {
      writer: capture.write,
      mode: 'per-invocation',
    });
    // Act
    await handler({}, lambdaContext());
    await handler({}, lambdaContext());
    // Assess: a log stream holds one environment's documents
    const [first, second] = capture.documents;
    expect(first).toMatchObject({ functionVersion: '7', initType: 'on-demand' });
    expect(second?.functionVersion).toBeUndefined();
    expect(second?.initType).toBeUndefined();
    expect(second?.requestId).toMatch(/^req-/);
  });

  it('declares the opt-in metrics asked for with the option, besides the default set', async () => {
    // Prepare
    const capture = capturingWriter();
    const handler = withTelemetry(async (_e: unknown, _c: unknown) => 'ok', {
      writer: capture.write,
      metrics: ['ColdStart', 'Cost'],
    });
    // Act
    await handler({}, lambdaContext({ memoryLimitInMB: '1024' }));
    // Assess
    const doc = capture.documents[0] as Doc;
    expect(declared(doc).sort()).toEqual([...DEFAULT_METRICS, 'ColdStart', 'Cost'].sort());
    expect(doc.ColdStart).toBe(1);
  });

  it('declares the opt-in metrics asked for with THERMOSTAT_METRICS', async () => {
    // Prepare
    vi.stubEnv('THERMOSTAT_METRICS', 'Invocations, MemoryUsed');
    const capture = capturingWriter();
    const handler = withTelemetry(async (_e: unknown, _c: unknown) => 'ok', {
      writer: capture.write,
    });
    // Act: the cold start (alone), then a warm aggregate of 100
    for (let i = 0; i < 101; i++) await handler({}, lambdaContext());
    // Assess
    expect(declared(capture.documents[1]).sort()).toEqual(
      ['CpuTime', 'EndToEndLatency', 'Invocations', 'MemoryUsed'].sort(),
    );
  });

  it('an unknown name in THERMOSTAT_METRICS: one note, the default set', async () => {
    // Prepare
    vi.stubEnv('THERMOSTAT_METRICS', 'Cost,Latencyy');
    const capture = capturingWriter();
    // Act
    await withTelemetry(async (_e: unknown, _c: unknown) => 'ok', { writer: capture.write })(
      {},
      lambdaContext(),
    );
    // Assess
    expect(declared(capture.documents[0]).sort()).toEqual([...DEFAULT_METRICS].sort());
    const written = notes();
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(/THERMOSTAT_METRICS="Cost,Latencyy" ignored \("Latencyy" is not/);
  });

  it('an unknown name in the option throws at wrap time', () => {
    expect(() => withTelemetry(async () => 1, { metrics: ['Latencyy' as never] })).toThrow(
      /^metrics: "Latencyy" is not an opt-in metric/,
    );
  });

  it('declares the same set in per-invocation mode (opt-in)', async () => {
    // Prepare
    const capture = capturingWriter();
    const handler = withTelemetry(async (_e: unknown, _c: unknown) => 'ok', {
      writer: capture.write,
      mode: 'per-invocation',
    });
    // Act
    await handler({}, lambdaContext());
    await handler({}, lambdaContext());
    // Assess
    const [cold, warm] = capture.documents;
    expect(declared(cold).sort()).toEqual([...DEFAULT_METRICS].sort());
    expect(declared(warm).sort()).toEqual(['CpuTime', 'EndToEndLatency']);
    expect(warm?.requestId).toMatch(/^req-/);
    expect(typeof warm?.EndToEndLatency).toBe('number');
  });

  it('offers every metric of the contract, each in exactly one of the two lists', () => {
    const offered = [...DEFAULT_METRICS, ...OPT_IN_METRICS];
    expect(new Set(offered).size).toBe(offered.length);
    expect(offered.sort()).toEqual(
      Object.values(Metric)
        .map((m) => m.name)
        .sort(),
    );
  });
});
