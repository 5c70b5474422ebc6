import { describe, expect, it } from 'vitest';
import { withTelemetry } from '../../../sdk/index.ts';
import { buildMetricQueries, METRIC_FIELDS } from '../../../tuner/aws/metricQueries.ts';
import { CONFIG_DEFAULTS } from '../../../tuner/core/config/configDefaults.ts';
import { capturingWriter } from '../../support/emfSpecification.ts';
import { lambdaContext } from '../../support/lambdaFixtures.ts';

type Directive = {
  Namespace: string;
  Dimensions: string[][];
  Metrics: { Name: string; Unit: string }[];
};
type EmfDoc = Record<string, unknown> & { _aws: { CloudWatchMetrics: Directive[] } };

describe('the telemetry contract between the SDK and the tuner', () => {
  it('the real SDK emits every metric the tuner queries, in the unit, namespace and dimensions the query uses', async () => {
    // Prepare: a cold start then a warm invocation of `ocr-detector` through its `live` alias
    const capture = capturingWriter();
    const handler = withTelemetry(async (_event: unknown, _context: unknown) => ({ ok: true }), {
      writer: capture.write,
      // The test process started long before this invocation: count its init as waited for.
      proactiveInitThresholdMs: 24 * 3_600_000,
    });
    const ref = { functionName: 'ocr-detector', qualifier: 'live' };
    const { queries } = buildMetricQueries([{ ref, sloP99Ms: 200 }], CONFIG_DEFAULTS.namespace, 60);

    // Act
    await handler({}, lambdaContext({ functionName: ref.functionName, qualifier: ref.qualifier }));
    await handler({}, lambdaContext({ functionName: ref.functionName, qualifier: ref.qualifier }));

    // Assess
    const documents = capture.documents as EmfDoc[];
    const sdkFields = METRIC_FIELDS.filter((field) => field.origin === 'sdk');
    expect(sdkFields.length).toBeGreaterThanOrEqual(5);
    for (const field of sdkFields) {
      const query = queries.find((q) => q.Id?.endsWith(`_${field.key}`));
      const metric = query?.MetricStat?.Metric;
      const emitted = documents.flatMap((doc) =>
        doc._aws.CloudWatchMetrics.filter((d) =>
          d.Metrics.some((m) => m.Name === metric?.MetricName),
        ).map((directive) => ({ doc, directive })),
      );
      expect(emitted.length, `${metric?.MetricName} is emitted`).toBeGreaterThan(0);
      for (const { doc, directive } of emitted) {
        expect(directive.Namespace).toBe(metric?.Namespace);
        expect(directive.Metrics.find((m) => m.Name === metric?.MetricName)?.Unit).toBe(field.unit);
        const queried = (metric?.Dimensions ?? []).map((d) => d.Name as string).sort();
        expect(directive.Dimensions.map((set) => [...set].sort())).toContainEqual(queried);
        for (const dimension of metric?.Dimensions ?? [])
          expect(doc[dimension.Name as string]).toBe(dimension.Value);
      }
    }
  });
});
