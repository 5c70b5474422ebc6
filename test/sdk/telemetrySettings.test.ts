import { describe, expect, it, vi } from 'vitest';
import { addMetadata, TelemetryConfigurationError, withTelemetry } from '../../sdk/index.ts';
import { capturingWriter } from '../support/emfSpecification.ts';
import { lambdaContext } from '../support/lambdaFixtures.ts';
import { recordSdkNotes } from '../support/sdkNotes.ts';

type Doc = Record<string, unknown> & {
  _aws: { CloudWatchMetrics: Array<{ Namespace: string; Metrics: Array<{ Name: string }> }> };
};

/**
 * Settings from the environment belong to whoever deployed the function, not to its code: a bad
 * one must never take the function down. Explicit options are the programmer's and fail at wrap
 * time (telemetryOptions.ts).
 */
describe('telemetry settings and metadata', () => {
  const notes = recordSdkNotes();

  it('THERMOSTAT_EMF_MODE=bogus: one note on stderr, per-invocation documents', async () => {
    // Prepare
    vi.stubEnv('THERMOSTAT_EMF_MODE', 'bogus');
    const capture = capturingWriter();
    // Act
    const handler = withTelemetry(async (_e: unknown, _c: unknown) => 'ok', {
      writer: capture.write,
    });
    const result = await handler({}, lambdaContext());
    withTelemetry(async () => 'again', { writer: capture.write });
    // Assess
    expect(result).toBe('ok');
    expect(capture.documents).toHaveLength(1);
    expect(notes()).toHaveLength(1);
    expect(notes()[0]).toMatch(/THERMOSTAT_EMF_MODE.*"bogus".*per-invocation/);
  });

  it('an empty THERMOSTAT_NAMESPACE: one note, the default namespace', async () => {
    // Prepare
    vi.stubEnv('THERMOSTAT_NAMESPACE', '');
    const capture = capturingWriter();
    // Act
    const handler = withTelemetry(async (_e: unknown, _c: unknown) => 'ok', {
      writer: capture.write,
    });
    await handler({}, lambdaContext());
    // Assess
    const doc = capture.documents[0] as Doc;
    expect(doc._aws.CloudWatchMetrics[0]?.Namespace).toBe('LambdaThermostat');
    expect(notes()).toHaveLength(1);
    expect(notes()[0]).toMatch(/THERMOSTAT_NAMESPACE/);
  });

  it.each([
    ['AWS/Lambda', 'reserved'],
    ['ns@prod', 'characters'],
    ['x'.repeat(256), '255'],
    ['   ', 'non-blank'],
  ])('THERMOSTAT_NAMESPACE=%j is ignored with a note (%s)', async (value, why) => {
    // Prepare
    vi.stubEnv('THERMOSTAT_NAMESPACE', value);
    const capture = capturingWriter();
    // Act
    const handler = withTelemetry(async (_e: unknown, _c: unknown) => 'ok', {
      writer: capture.write,
    });
    await handler({}, lambdaContext());
    // Assess
    expect((capture.documents[0] as Doc)._aws.CloudWatchMetrics[0]?.Namespace).toBe(
      'LambdaThermostat',
    );
    expect(notes()[0]).toContain(why);
  });

  it('THERMOSTAT_METRICS_DISABLED with a value that is neither true nor false: a note, metrics on', async () => {
    // Prepare
    vi.stubEnv('THERMOSTAT_METRICS_DISABLED', 'yes please');
    const capture = capturingWriter();
    // Act
    await withTelemetry(async (_e: unknown, _c: unknown) => 'ok', { writer: capture.write })(
      {},
      lambdaContext(),
    );
    // Assess
    expect(capture.documents).toHaveLength(1);
    expect(notes()[0]).toMatch(/THERMOSTAT_METRICS_DISABLED/);
  });

  it('the same bad values as explicit options throw at wrap time, naming the option', () => {
    expect(() => withTelemetry(async () => 1, { mode: 'bogus' as never })).toThrow(
      TelemetryConfigurationError,
    );
    expect(() => withTelemetry(async () => 1, { mode: 'bogus' as never })).toThrow(/^mode:/);
    expect(() => withTelemetry(async () => 1, { namespace: '' })).toThrow(/^namespace:/);
    expect(() => withTelemetry(async () => 1, { namespace: 'AWS/Lambda' })).toThrow(/reserved/);
    expect(() => withTelemetry(async () => 1, { maxAgeMs: Number.NaN })).toThrow(/^maxAgeMs:/);
  });

  it('an explicit option wins over a bad environment variable, with no note', async () => {
    // Prepare
    vi.stubEnv('THERMOSTAT_EMF_MODE', 'bogus');
    // Act
    withTelemetry(async () => 1, { mode: 'aggregated', writer: capturingWriter().write });
    // Assess
    expect(notes()).toEqual([]);
  });

  describe('oversized metadata', () => {
    it('a 2 MB addMetadata value is dropped alone: the invocation keeps its properties and metrics', async () => {
      // Prepare
      vi.stubEnv('_X_AMZN_TRACE_ID', 'Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1');
      const capture = capturingWriter();
      const handler = withTelemetry(
        async (_e: unknown, _c: unknown) => {
          addMetadata('tenant', 'acme');
          addMetadata('page', 'x'.repeat(2_000_000));
          return 'ok';
        },
        { writer: capture.write },
      );
      // Act
      const result = await handler({}, lambdaContext({ awsRequestId: 'req-big' }));
      // Assess
      expect(result).toBe('ok');
      expect(capture.documents).toHaveLength(1);
      const doc = capture.documents[0] as Doc;
      expect(doc.requestId).toBe('req-big');
      expect(doc.traceId).toMatch(/^Root=1-5759e988/);
      expect(doc.coldStart).toBe(true);
      expect(doc.functionVersion).toBe('7');
      expect(doc.initType).toBe('on-demand');
      expect(doc.tenant).toBe('acme');
      expect(doc.page).toBeUndefined();
      expect(typeof doc.EndToEndLatency).toBe('number');
      const written = notes();
      expect(written.some((l) => /"page".*dropped/.test(l))).toBe(true);
    });

    it('several large values: the largest go first, as many of the rest stay as fit', async () => {
      // Prepare
      const capture = capturingWriter();
      const handler = withTelemetry(
        async (_e: unknown, _c: unknown) => {
          addMetadata('a', 'a'.repeat(600_000));
          addMetadata('b', 'b'.repeat(700_000));
          addMetadata('c', 'c'.repeat(100_000));
          return 'ok';
        },
        { writer: capture.write },
      );
      // Act
      await handler({}, lambdaContext({ awsRequestId: 'req-many' }));
      // Assess
      const doc = capture.documents[0] as Doc;
      expect(doc.requestId).toBe('req-many');
      expect(doc.b).toBeUndefined();
      expect(doc.a).toHaveLength(600_000);
      expect(doc.c).toHaveLength(100_000);
    });
  });
});
