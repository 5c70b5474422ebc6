import { describe, expect, it } from 'vitest';
import { serialiseEmf } from '../../sdk/emf/emfDocument.ts';
import { auditEmfLine } from '../support/emfSpecification.ts';

const base = {
  namespace: 'LambdaThermostat',
  dimensions: { FunctionName: 'f', Resource: 'f:live' },
  properties: { requestId: 'r' },
  timestamp: 1_764_000_000_123.7,
};

describe('serialiseEmf: documents within the specification limits', () => {
  it('writes an integer millisecond timestamp', () => {
    const [line] = serialiseEmf({ ...base, metrics: [{ name: 'A', unit: 'Count', values: [1] }] });
    expect((auditEmfLine(line as string)._aws as { Timestamp: number }).Timestamp).toBe(
      1_764_000_000_124,
    );
  });

  it('splits 250 values of one metric into documents of at most 100, losing none', () => {
    // Prepare
    const values = Array.from({ length: 250 }, (_, i) => i);
    // Act
    const docs = serialiseEmf({
      ...base,
      metrics: [{ name: 'InferenceLatency', unit: 'Milliseconds', values }],
    }).map(auditEmfLine);
    // Assess
    expect(docs).toHaveLength(3);
    expect(docs.flatMap((d) => d.InferenceLatency as number[])).toEqual(values);
    expect(docs.every((d) => d.requestId === 'r')).toBe(true);
  });

  it('splits 230 metrics into directives of at most 100', () => {
    const metrics = Array.from({ length: 230 }, (_, i) => ({
      name: `m${i}`,
      unit: 'Count' as const,
      values: [i],
    }));
    const docs = serialiseEmf({ ...base, metrics }).map(auditEmfLine);
    expect(docs).toHaveLength(3);
    const names = docs.flatMap(
      (d) =>
        (
          d._aws as { CloudWatchMetrics: Array<{ Metrics: Array<{ Name: string }> }> }
        ).CloudWatchMetrics[0]?.Metrics.map((m) => m.Name) ?? [],
    );
    expect(new Set(names).size).toBe(230);
  });

  it('keeps each document under 1 MB, dropping only oversized properties', () => {
    const docs = serialiseEmf({
      ...base,
      properties: { blob: 'x'.repeat(1_200_000) },
      metrics: [{ name: 'A', unit: 'Count', values: [1] }],
    });
    expect(docs).toHaveLength(1);
    expect(Buffer.byteLength(docs[0] as string)).toBeLessThan(1_000_000);
    expect(auditEmfLine(docs[0] as string).A).toBe(1);
  });

  it('drops values CloudWatch would reject and keeps the rest', () => {
    const [line] = serialiseEmf({
      ...base,
      metrics: [
        {
          name: 'A',
          unit: 'Milliseconds',
          values: [1, Number.NaN, Number.POSITIVE_INFINITY, 1e-200, 2],
        },
      ],
    });
    expect(auditEmfLine(line as string).A).toEqual([1, 2]);
  });

  it('writes nothing when no metric has a value', () => {
    expect(serialiseEmf({ ...base, metrics: [{ name: 'A', unit: 'Count', values: [] }] })).toEqual(
      [],
    );
  });

  it('never lets a property shadow a dimension, a metric or _aws', () => {
    const [line] = serialiseEmf({
      ...base,
      properties: { FunctionName: 'evil', A: 'evil', _aws: 'evil' },
      metrics: [{ name: 'A', unit: 'Count', values: [3] }],
    });
    const doc = auditEmfLine(line as string);
    expect(doc.FunctionName).toBe('f');
    expect(doc.A).toBe(3);
    expect(typeof doc._aws).toBe('object');
  });
});
