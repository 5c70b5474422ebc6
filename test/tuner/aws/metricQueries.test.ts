import { describe, expect, it } from 'vitest';
import { DEFAULT_METRICS } from '../../../sdk/emf/telemetryContract.ts';
import { METRIC_FIELDS, MetricOrigin } from '../../../tuner/aws/metricQueries.ts';

describe('the metrics the tuner reads', () => {
  it('from the SDK are exactly the metrics the SDK declares by default', () => {
    // Act
    const read = new Set(
      METRIC_FIELDS.filter((field) => field.origin === MetricOrigin.SDK).map(
        (field) => field.metricName,
      ),
    );
    // Assess: one the tuner reads and the SDK does not declare would be empty; one the SDK
    // declares and the tuner does not read would be paid for and unused.
    expect([...read].sort()).toEqual([...DEFAULT_METRICS].sort());
  });
});
